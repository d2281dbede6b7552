import Foundation
import LettershopTestSupport
import Testing

/// What `segment check` reports per line: unresolved fields, the same postal address, excluded
/// contacts and how they came onto the segment.
@Suite struct CheckCLITests {
    /// A workspace with `csv`'s contacts and template LETTER, whose body uses `fields`.
    private func workspace(contacts csv: String, fields: [String] = ["FirstName"]) throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.folder.write("contacts.csv", csv)
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        let body = fields.map { #"<w:p><w:fldSimple w:instr=" MERGEFIELD \#($0) "><w:r><w:t>«\#($0)»</w:t></w:r></w:fldSimple></w:p>"# }
            .joined()
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(body: body).build())
        #expect(try workspace.run("templates", "add", "LETTER", "--file", "letter.docx", "--language", "en").status == 0)
        try workspace.run("segment", "create", "S", "--description", "Check", "--template", "LETTER")
        return workspace
    }

    private func problems(_ workspace: CLIWorkspace, ok: Bool) throws -> [[String: Any]] {
        let result = try workspace.run("segment", "check", "S", "--from", "post@example.com", "--json")
        #expect(result.status == (ok ? 0 : 1), "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == ok)
        return try #require(report["problems"] as? [[String: Any]])
    }

    @Test func unresolvedFieldsAreReportedOnEachLine() throws {
        let workspace = try workspace(contacts: """
            No,Name,FirstName,Address,PostCode,City,CorrespondenceType
            A1,Ann A,Ann,Street 1,0150,Oslo,hard-copy
            A2,Bob B,Bob,Street 2,0150,Oslo,hard-copy

            """, fields: ["FirstName", "BogusField", "Other"])
        defer { workspace.folder.remove() }
        try workspace.run("segment", "add", "S", "--contact", "A1", "--contact", "A2")
        let found = try problems(workspace, ok: false)
        #expect(found.map { "\($0["LineNo"] as? Int ?? 0) \($0["ContactNo"] as? String ?? "-") \($0["code"] as! String)" }
                == ["10000 A1 unresolved-fields", "20000 A2 unresolved-fields"])
        #expect(found.allSatisfy {
            $0["message"] as? String == "template LETTER (en v1): unresolved fields 'BogusField', 'Other' (no contact or line fields of those names)"
        })
        let text = try workspace.run("segment", "check", "S")
        #expect(text.status == 1)
        #expect(text.errorLines.first == "error: line 10000 (A1): template LETTER (en v1): unresolved fields 'BogusField', 'Other' (no contact or line fields of those names)")
        #expect(try workspace.run("segment", "log", "S").status == 1)
    }

    @Test func theSamePostalAddressIsAWarningOnEveryLaterLine() throws {
        // A2 and A4 have A1's address (case and spaces aside); A3 goes by e-mail, A5 lives next door.
        let workspace = try workspace(contacts: """
            No,Type,Name,FirstName,Address,PostCode,City,CountryCode,Email,CorrespondenceType
            A1,person,Ann A,Ann,Storgata 1,0150,Oslo,NO,,hard-copy
            A2,person,Bob B,Bob,  storgata   1 ,0150,OSLO,no,,hard-copy
            A3,person,Cid C,Cid,Storgata 1,0150,Oslo,NO,cid@example.com,email
            A4,person,Dan D,Dan,Storgata 1,0150,Oslo,NO,,hard-copy
            A5,person,Eve E,Eve,Storgata 2,0150,Oslo,NO,,hard-copy

            """)
        defer { workspace.folder.remove() }
        for contact in ["A1", "A2", "A3", "A4", "A5"] { try workspace.run("segment", "add", "S", "--contact", contact) }
        let found = try problems(workspace, ok: true)
        #expect(found.map { "\($0["ContactNo"] as? String ?? "-") \($0["code"] as! String) \($0["message"] as! String)" } == [
            "A2 duplicate-address the same postal address as line 10000 (A1)",
            "A4 duplicate-address the same postal address as lines 10000 (A1), 20000 (A2)",
        ])
    }

    @Test func mergeAndLogPrintTwentyWarningsAndCountTheRest() throws {
        // 31 people at one address: 30 duplicate-address warnings.
        let rows = (1...31).map { "P\(String(format: "%02d", $0)),person,Per \($0),Per,Storgata 1,0150,Oslo,NO,hard-copy" }
        let workspace = try workspace(contacts: "No,Type,Name,FirstName,Address,PostCode,City,CountryCode,CorrespondenceType\n"
                                      + rows.joined(separator: "\n") + "\n")
        defer { workspace.folder.remove() }
        try workspace.run("segment", "add", "S", "--where", "Type = person")
        #expect(try problems(workspace, ok: true).count == 30)
        let more = "warning: … and 10 more warnings (see 'lettershop segment check S')"
        for command in [["segment", "merge", "S", "--out", "preview"], ["segment", "log", "S", "--out", "letters"]] {
            let result = try workspace.run(command)
            #expect(result.status == 0, "\(result.stderr)")
            let warnings = result.errorLines.filter { $0.hasPrefix("warning: ") }
            #expect(warnings.count == 21)
            #expect(warnings.first == "warning: line 20000 (P02): the same postal address as line 10000 (P01)")
            #expect(warnings.last == more)
        }
    }

    @Test func theExcludedWarningSaysHowTheContactCame() throws {
        let workspace = try workspace(contacts: """
            No,Name,FirstName,Address,PostCode,City,CorrespondenceType,ExcludeFromSegment
            X1,Xan X,Xan,Street 1,0150,Oslo,hard-copy,yes
            X2,Yng Y,Yng,Street 2,0150,Oslo,hard-copy,yes

            """)
        defer { workspace.folder.remove() }
        try workspace.run("segment", "add", "S", "--where", "No = X1", "--ignore-exclusion")
        try workspace.run("segment", "add", "S", "--contact", "X2")
        let found = try problems(workspace, ok: true)
        #expect(found.map { "\($0["ContactNo"] as? String ?? "-") \($0["code"] as! String) \($0["message"] as! String)" } == [
            "X1 excluded the contact is excluded from segments (it was added by step 1: add No = X1 --ignore-exclusion)",
            "X2 excluded the contact is excluded from segments (it was added by hand, step 2)",
        ])
    }
}
