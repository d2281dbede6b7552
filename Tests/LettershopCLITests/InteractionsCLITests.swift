import Foundation
import LettershopTestSupport
import Testing

/// Interactions without a document (a segment of calls, one call for one contact), the entry fields
/// that change after logging, and the criteria that test them.
@Suite struct InteractionsCLITests {
    private func workspace() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.folder.write("contacts.csv", """
            No,Name,Address,PostCode,City,Email,CorrespondenceType,SalespersonCode,PrivacyBlocked
            A1,Ann,Street 1,0150,Oslo,ann@example.com,email,JD,
            A2,Bob,Street 2,0150,Oslo,,hard-copy,,
            A3,Cid,Street 3,0150,Oslo,,hard-copy,,yes

            """)
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        let call = try workspace.run("templates", "add", "CALL", "--description", "Phone call", "--unit-cost", "2.5", "--unit-duration", "10")
        #expect(call.stdout == "added template CALL\n")
        return workspace
    }

    @Test func aSegmentOfCallsRecordsEntriesAndWritesNothing() throws {
        let workspace = try workspace()
        defer { workspace.folder.remove() }
        try workspace.run("segment", "create", "S", "--description", "Calls", "--template", "CALL")
        try workspace.run("segment", "add", "S", "--contact", "A1", "--contact", "A2")
        // No --from is needed: nothing goes by e-mail.
        let check = try workspace.run("segment", "check", "S")
        #expect(check.stdout == "segment S is ready to log: 2 interactions, 0 letters (0 errors, 0 warnings)\n")
        let merge = try workspace.run("segment", "merge", "S", "--out", "preview")
        #expect(merge.stdout == "nothing to merge: the templates of the segment's lines have no document (logging records their interactions)\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("preview")))
        let log = try workspace.run("segment", "log", "S")
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout == "logged segment 1: 2 interactions\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("letters")))
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        #expect(entries.map { $0["ContactNo"] as? String } == ["A1", "A2"])
        #expect(entries.allSatisfy { $0["DocumentName"] as? String == "" && $0["Cost"] as? Double == 2.5 && $0["LoggedSegmentNo"] as? Int == 1 })
        let document = try workspace.run("interactions", "document", "1", "--out", "x.docx")
        #expect(document.status == 1)
        #expect(document.stderr == "error: interaction entry 1 has no document (its template CALL has none)\n")
    }

    @Test func aMixedSegmentWritesOnlyTheLetters() throws {
        let workspace = try workspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>").build())
        #expect(try workspace.run("templates", "add", "LETTER", "--file", "letter.docx").status == 0)
        try workspace.run("segment", "create", "S", "--description", "Mixed", "--template", "LETTER")
        try workspace.run("segment", "add", "S", "--contact", "A1", "--contact", "A2")
        #expect(try workspace.run("segment", "line", "S", "A1", "--template", "CALL").status == 0)
        let log = try workspace.run("segment", "log", "S", "--out", "out")
        #expect(log.status == 0, "\(log.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("out")) == ["A2.docx"])
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        #expect(entries.map { $0["DocumentName"] as? String } == ["", "A2.docx"])
    }

    @Test func oneInteractionForOneContactAndItsOutcome() throws {
        let workspace = try workspace()
        defer { workspace.folder.remove() }
        let added = try workspace.run("interactions", "add", "A1", "--template", "CALL", "--date", "2026-11-01", "--evaluation", "positive",
                                      "--note", "Wants a visit", "--duration", "25")
        #expect(added.stdout == "recorded interaction entry 1 (A1, CALL, 2026-11-01)\n")
        let entry = try #require((try workspace.json("interactions", "list", "--contact", "A1", "--json") as? [[String: Any]])?.first)
        #expect(entry["LoggedSegmentNo"] as? Int == 0)
        #expect(entry["Description"] as? String == "Phone call")
        #expect(entry["Cost"] as? Double == 2.5)
        #expect(entry["Duration"] as? Double == 25)
        #expect(entry["SalespersonCode"] as? String == "JD")
        #expect(entry["Evaluation"] as? String == "positive")
        #expect(entry["Note"] as? String == "Wants a visit")
        #expect(entry["InformationFlow"] as? String == "outbound")
        #expect(try workspace.run("contacts", "list", "--where", "interaction(Evaluation = positive)").stdout == "A1\tcompany\tAnn\tOslo\n")

        #expect(try workspace.run("interactions", "set", "1", "--evaluation", "very-negative", "--attempt-failed", "true").status == 0)
        #expect(try workspace.run("contacts", "list", "--where", "interaction(Evaluation = positive)").stdout == "")
        #expect(try workspace.run("contacts", "list", "--where", "interaction(AttemptFailed = yes and InitiatedBy = us)").stdout
                == "A1\tcompany\tAnn\tOslo\n")
        #expect(try workspace.run("interactions", "set", "1", "--evaluation", "").status == 0)
        let cleared = try #require((try workspace.json("interactions", "list", "--json") as? [[String: Any]])?.first)
        #expect(cleared["Evaluation"] as? String == "")
        #expect(cleared["AttemptFailed"] as? Bool == true)
        #expect(try workspace.run("logged", "list").stdout == "")

        // Mistakes.
        #expect(try workspace.run("interactions", "set", "1").status == 2)
        #expect(try workspace.run("interactions", "set", "1", "--evaluation", "great").status == 2)
        #expect(try workspace.run("interactions", "set", "9", "--attempt-failed", "no").stderr == "error: unknown interaction entry 9\n")
        #expect(try workspace.run("interactions", "add", "A1", "--template", "CALL", "--date", "2026-02-30").status == 2)
        #expect(try workspace.run("interactions", "add", "A3", "--template", "CALL").stderr
                == "error: contact A3 is privacy-blocked: no interaction can be recorded for it\n")
        #expect(try workspace.run("interactions", "add", "ZZ", "--template", "CALL").stderr == "error: unknown contact 'ZZ'\n")
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>").build())
        #expect(try workspace.run("templates", "add", "LETTER", "--file", "letter.docx").status == 0)
        #expect(try workspace.run("interactions", "add", "A1", "--template", "LETTER").stderr.hasPrefix("error: template LETTER has a Word document"))
        #expect(try workspace.run("interactions", "cancel", "1").status == 0)
        #expect(try workspace.run("interactions", "set", "1", "--attempt-failed", "no").status == 1)
        #expect(try workspace.run("interactions", "list", "--json").stdout.contains("\"EntryNo\": 1"))
        #expect(try workspace.run("interactions", "add", "--help").stdout.contains("--evaluation E"))
    }
}
