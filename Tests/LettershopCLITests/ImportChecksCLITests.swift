import Foundation
import LettershopTestSupport
import Testing

/// `contacts import` catching mistakes: a person's company that does not exist, possible duplicates,
/// the delimiter, text that is not UTF-8.
@Suite struct ImportChecksCLITests {
    @Test func aPersonsCompanyMustExistEarlier() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("a.csv", "No,Type,Name,CompanyNo\nC1,company,Fjord AS,\nP1,person,Ann,C1\nP2,person,Bob,C9\nP3,person,Cid,P1\nP4,person,Dan,C5\nC5,company,Late AS,\n")
        let result = try workspace.run("contacts", "import", "a.csv")
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "error: a.csv:4: CompanyNo 'C9' names no company (none in the database, nor earlier in this file)",
            "error: a.csv:5: CompanyNo 'P1' is a person, not a company",
            "error: a.csv:6: CompanyNo 'C5' names no company (none in the database, nor earlier in this file)",
        ])
        #expect(try workspace.run("contacts", "list").stdout == "")
        // A company already in the database may come later in the file, or not at all.
        try workspace.folder.write("c.csv", "No,Type,Name\nC9,company,Nine AS\n")
        #expect(try workspace.run("contacts", "import", "c.csv").status == 0)
        try workspace.folder.write("p.csv", "No,Type,Name,CompanyNo\nP2,person,Bob,C9\nC9,company,Nine AS,\n")
        #expect(try workspace.run("contacts", "import", "p.csv").status == 0)
    }

    @Test func possibleDuplicatesAreReportedSkippedOrRefused() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("base.csv", "No,Name,PostCode,Email,Phone,VAT Registration No\nC1,Fjord AS,0150,post@fjord.no,+47 22 00 00 00,NO 123 456 789\n")
        #expect(try workspace.run("contacts", "import", "base.csv").status == 0)
        try workspace.folder.write("new.csv", """
            No,Name,PostCode,Email,Phone,VAT Registration No
            C2,FJORD A.S.,0 150,,,
            C3,Other,,POST@fjord.no,,
            C4,Tel,,,0047-22000000,
            C5,Vat,,,,no123456789
            C6,Alone,9999,alone@x.no,,
            C7,Alone,9999,,,

            """)
        let reported = try workspace.run("contacts", "import", "new.csv")
        #expect(reported.status == 0)
        #expect(reported.stdout == "imported 6 contacts (6 added, 0 updated), 4 possible duplicates\n")
        #expect(reported.errorLines == [
            "warning: new.csv:2: C2 may be a duplicate of C1 (same name and post code)",
            "warning: new.csv:3: C3 may be a duplicate of C1 (same e-mail)",
            "warning: new.csv:5: C5 may be a duplicate of C1 (same VAT number)",
            "warning: new.csv:7: C7 may be a duplicate of C6 (same name and post code)",
        ])
        let listed = try #require(try workspace.json("contacts", "duplicates", "--json") as? [[String: Any]])
        #expect(listed.map { "\($0["ContactNo"]!)>\($0["DuplicateContactNo"]!)" } == ["C2>C1", "C3>C1", "C5>C1", "C7>C6"])

        try workspace.folder.write("more.csv", "No,Name,PostCode,Email\nC8,Fjord AS,0150,\nC1,Fjord AS,0150,new@fjord.no\n")
        let skipped = try workspace.run("contacts", "import", "more.csv", "--on-duplicate", "skip")
        #expect(skipped.stdout == "imported 1 contact (0 added, 1 updated), 1 possible duplicate (1 new contact skipped)\n")
        #expect(try workspace.run("contacts", "show", "C8").status == 1)
        try workspace.folder.write("err.csv", "No,Name,Email\nC9,Nine,post@fjord.no\nC10,Ten,ten@x.no\n")
        let refused = try workspace.run("contacts", "import", "err.csv", "--on-duplicate", "error")
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: err.csv:2: C9 may be a duplicate of C3 (same e-mail) (--on-duplicate report or skip to import anyway)\n")
        #expect(try workspace.run("contacts", "show", "C10").status == 1)
        #expect(try workspace.run("contacts", "import", "err.csv", "--on-duplicate", "maybe").status == 2)
    }

    @Test func delimiterAndEncoding() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        // Detected: semicolons (a comma inside a value does not count), tabs.
        try workspace.folder.write("semi.csv", "No;Name;City\nA1;Ann, Bob;Oslo\n")
        #expect(try workspace.run("contacts", "import", "semi.csv").status == 0)
        #expect(try workspace.run("contacts", "show", "A1", "--json").stdout.contains("\"Name\": \"Ann, Bob\""))
        try workspace.folder.write("tab.csv", "No\tName\nA2\tTab\n")
        #expect(try workspace.run("contacts", "import", "tab.csv", "--delimiter", "auto").status == 0)
        // Forced wrongly: the error says which delimiter reads the file.
        let forced = try workspace.run("contacts", "import", "semi.csv", "--delimiter", ",")
        #expect(forced.status == 1)
        #expect(forced.errorLines.last == "error: semi.csv: the file reads without errors with ';' as the delimiter, not ',': give --delimiter ';'")
        try workspace.folder.write("wrong.csv", "No,Name;City\nA3,Ann;Oslo\nA4,Bob,x;Bergen\n")
        #expect(try workspace.run("contacts", "import", "wrong.csv", "--delimiter", ",").errorLines.last
                == "error: wrong.csv: the file reads without errors with ';' as the delimiter, not ',': give --delimiter ';'")

        // Windows-1252 text: an error naming the line and byte, then converted with --encoding.
        let latin: [UInt8] = Array("No,Name,City\nA5,Ann,S".utf8) + [0xF8] + Array("r\n".utf8)
        try workspace.folder.write("latin.csv", bytes: latin)
        let bad = try workspace.run("contacts", "import", "latin.csv")
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: latin.csv:2: byte 22 of the file (0xF8) is not UTF-8; if the file was saved as Windows or Latin-1 text, "
                + "give --encoding windows-1252 or iso-8859-1 (UTF-16: --encoding utf-16)\n")
        #expect(try workspace.run("contacts", "import", "latin.csv", "--encoding", "windows-1252").status == 0)
        #expect(try workspace.run("contacts", "show", "A5", "--json").stdout.contains("\"City\": \"Sør\""))
        try workspace.folder.write("latin1.csv", bytes: Array("No,Name\nA6,".utf8) + [0xC5, 0x73, 0x65, 0x0A])
        #expect(try workspace.run("contacts", "import", "latin1.csv", "--encoding", "iso-8859-1").status == 0)
        #expect(try workspace.run("contacts", "show", "A6", "--json").stdout.contains("\"Name\": \"Åse\""))
        // UTF-16 with its byte order mark.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "No,Name\nA7,Øyvind\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try workspace.folder.write("wide.csv", bytes: utf16)
        #expect(try workspace.run("contacts", "import", "wide.csv").stderr.contains("the file looks like UTF-16: give --encoding utf-16"))
        #expect(try workspace.run("contacts", "import", "wide.csv", "--encoding", "utf-16").status == 0)
        #expect(try workspace.run("contacts", "show", "A7", "--json").stdout.contains("\"Name\": \"Øyvind\""))
        #expect(try workspace.run("contacts", "import", "wide.csv", "--encoding", "ebcdic").status == 2)
    }
}
