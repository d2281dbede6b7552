import Foundation
import LettershopTestSupport
import Testing

/// What `segment …` and `templates add` refuse, and that every problem of one check is listed.
@Suite struct SegmentValidationCLITests {
    private func prepared() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.folder.write("contacts.csv", """
            No,Name,City,LanguageCode,PrivacyBlocked
            A,Anna,Oslo,en,
            B,Bo,Oslo,en,
            P,Per,Oslo,en,yes
            """)
        try workspace.run("contacts", "import", "contacts.csv")
        try workspace.run("templates", "add", "T", "--file", CLIWorkspace.repository + "/Templates/letter-en.docx", "--language", "en")
        try workspace.run("segment", "create", "S", "--description", "d", "--template", "T")
        return workspace
    }

    @Test func impossibleCalendarDatesAreRefusedLikeMonth13() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        try workspace.run("segment", "add", "S", "--contact", "A")
        let commands: [[String]] = [
            ["segment", "create", "--description", "x", "--date"], ["segment", "set", "S", "--date"], ["segment", "line", "S", "A", "--date"],
        ]
        for command in commands {
            for date in ["2026-13-01", "2026-02-30", "2026-02-29", "2026-04-31"] {
                let result = try workspace.run(command + [date])
                #expect(result.status == 2, "\(command) \(date)")
                #expect(result.errorLines == ["error: --date must be a date such as 2026-11-29, not '\(date)'"])
            }
        }
        #expect(try workspace.run("segment", "line", "S", "A", "--date", "2028-02-29").status == 0)
        let list = try #require(try workspace.json("segment", "list", "--json") as? [[String: Any]])
        #expect(list.map { $0["No"] as? String } == ["S"])
    }

    @Test func everyProblemOfOneCheckIsListed() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        let add = try workspace.run("segment", "add", "S", "--contact", "P", "--contact", "NOPE1", "--contact", "A", "--contact", "NOPE2")
        #expect(add.status == 1)
        #expect(add.errorLines == [
            "error: contact P is privacy-blocked and cannot be added to a segment",
            "error: unknown contact 'NOPE1'",
            "error: unknown contact 'NOPE2'",
        ])
        let fields = try workspace.run("segment", "add", "S", "--where", "Nope1 = x or Nope2 = y")
        #expect(fields.status == 1)
        #expect(fields.errorLines == ["error: --where: unknown field 'Nope1' at column 1", "error: --where: unknown field 'Nope2' at column 14"])
        #expect(try workspace.run("segment", "show", "S").stdout.contains("0 lines"))

        try workspace.run("segment", "add", "S", "--contact", "A")
        try workspace.folder.write("notes.csv", "ContactNo,Note\nNOPE1,a\nA,b,c\nNOPE3,x\n")
        let notes = try workspace.run("segment", "notes", "S", "--file", "notes.csv")
        #expect(notes.status == 1)
        #expect(notes.errorLines == [
            "error: notes.csv:2: contact NOPE1 is not on segment S",
            "error: notes.csv:3: expected 2 values, found 3",
            "error: notes.csv:4: contact NOPE3 is not on segment S",
        ])

        let line = try workspace.run("segment", "line", "S", "A", "--cost", "abc", "--correspondence", "fax", "--language", "not a lang!")
        #expect(line.status == 2)
        #expect(line.errorLines == [
            "error: --correspondence must be hard-copy or email, not 'fax'",
            "error: --language must be a language tag such as nb, nb-NO or en, not 'not a lang!'",
            "error: --cost must be a number such as 12.5, not 'abc'",
        ])
        let create = try workspace.run("segment", "create", "--date", "2026-02-30", "--unit-cost", "x")
        #expect(create.errorLines == [
            "error: missing --description TEXT",
            "error: --date must be a date such as 2026-11-29, not '2026-02-30'",
            "error: --unit-cost must be a number such as 12.5, not 'x'",
        ])
        let unclosed = try workspace.run("segment", "add", "S", "--where", "City = Oslo and (Type = company or (City = x)")
        #expect(unclosed.status == 2)
        #expect(unclosed.errorLines == ["error: --where: unclosed '(' at column 17"])
    }

    @Test func negativeAmountsAndBadLanguageTagsAreRefused() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        try workspace.run("segment", "add", "S", "--contact", "A")
        let cases: [([String], String)] = [
            (["segment", "create", "--description", "x", "--unit-cost", "-1"], "--unit-cost must be 0 or more, not '-1'"),
            (["segment", "set", "S", "--unit-duration", "-3"], "--unit-duration must be 0 or more, not '-3'"),
            (["segment", "line", "S", "A", "--cost", "-0.5"], "--cost must be 0 or more, not '-0.5'"),
            (["segment", "line", "S", "A", "--duration", "-3"], "--duration must be 0 or more, not '-3'"),
            (["segment", "set", "S", "--language", "nb_NO"], "--language must be a language tag such as nb, nb-NO or en, not 'nb_NO'"),
            (["templates", "add", "T", "--file", "x.docx", "--unit-cost", "-1"], "--unit-cost must be 0 or more, not '-1'"),
            (["templates", "add", "T", "--file", "x.docx", "--language", "not a lang!"],
             "--language must be a language tag such as nb, nb-NO or en, not 'not a lang!'"),
        ]
        for (arguments, message) in cases {
            let result = try workspace.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.errorLines == ["error: " + message])
        }
        #expect(try workspace.run("segment", "line", "S", "A", "--language", "en-GB", "--cost", "0").status == 0)
        // A language no document of the line's template serves is refused.
        #expect(try workspace.run("segment", "line", "S", "A", "--language", "nb-NO").status == 1)
        #expect(try workspace.run("segment", "set", "S", "--language", "").status == 0)
    }

    @Test func undoSkipsContactsPrivacyBlockedSince() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        try workspace.run("segment", "add", "S", "--where", "City = Oslo")
        try workspace.run("segment", "reduce", "S", "--where", "No = B")
        try workspace.folder.write("block.csv", "No,PrivacyBlocked\nB,yes\n")
        try workspace.run("contacts", "import", "block.csv")
        let undo = try workspace.run("segment", "undo", "S")
        #expect(undo.status == 0)
        #expect(undo.stdout == "undid step 2: reduce No = B (skipped 1 privacy-blocked; segment S has 1 line)\n")
    }

    @Test func helpShowsEachOptionOnce() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        let create = try workspace.run("segment", "create", "--help").stdout
        #expect(create.components(separatedBy: "--description TEXT").count == 2)
        #expect(create.contains("usage: segment create [NO] --description TEXT [--template CODE]"))
        #expect(try workspace.run("segment", "set", "--help").stdout.contains("usage: segment set NO [--description TEXT] [--template CODE]"))
        #expect(!(try workspace.run("--help").stdout.contains("[--description TEXT] [--description TEXT]")))
        #expect(!(try workspace.run("--help").stdout.contains("--description TEXT [--description TEXT]")))
    }
}
