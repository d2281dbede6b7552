import Foundation
import LettershopTestSupport
import Testing

/// A letter edited by hand for one line: exported, attached, written byte for byte by merge and log,
/// recorded as EditedByHand and reproduced from the store; detached, the line is merged again.
@Suite struct EditedLetterCLITests {
    @Test func exportAttachLogReproduceDetach() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("contacts.csv", """
            No,Name,Address,PostCode,City,Email,CorrespondenceType
            A1,Ann,Street 1,0150,Oslo,ann@example.com,email
            A2,Bob,Street 2,0150,Oslo,,hard-copy
            A3,Cid,Street 3,0150,Oslo,,hard-copy

            """)
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(
            body: #"<w:p><w:r><w:t>Dear </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Name "><w:r><w:t>«Name»</w:t></w:r></w:fldSimple></w:p>"#).build())
        #expect(try workspace.run("templates", "add", "LETTER", "--file", "letter.docx").status == 0)
        try workspace.run("segment", "create", "S", "--description", "Letters", "--template", "LETTER")
        try workspace.run("segment", "add", "S", "--where", "City = Oslo")

        // Exported as merge writes it.
        #expect(try workspace.run("segment", "line", "export", "S", "A2", "--out", "a2.docx").stdout
                == "wrote the merged letter of A2 on segment S to a2.docx\n")
        #expect(try workspace.run("segment", "merge", "S", "--out", "plain", "--from", "post@example.com").status == 0)
        let exported = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("a2.docx")))
        #expect(exported == (try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("plain/A2.docx")))))

        // Attached: an edited document, different bytes.
        let edited = DocxBuilder(body: "<w:p><w:r><w:t>Dear Bob, as we said on the phone…</w:t></w:r></w:p>").build()
        try workspace.folder.write("a2-edited.docx", bytes: edited)
        try workspace.folder.write("a1-edited.docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>Hi Ann</w:t></w:r></w:p>").build())
        #expect(try workspace.run("segment", "line", "attach", "S", "A2", "a2-edited.docx").status == 0)
        #expect(try workspace.run("segment", "line", "attach", "S", "A1", "a1-edited.docx").status == 0)
        let lines = try #require((try workspace.json("segment", "show", "S", "--json") as? [String: Any])?["lines"] as? [[String: Any]])
        #expect(lines.map { $0["EditedByHand"] as? Bool } == [true, true, false])
        #expect(try workspace.run("segment", "line", "export", "S", "A2", "--out", "again.docx").stdout
                == "wrote the letter edited by hand of A2 on segment S to again.docx\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("again.docx"))) == Data(edited))

        #expect(try workspace.run("segment", "merge", "S", "--out", "preview", "--from", "post@example.com").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("preview/A2.docx"))) == Data(edited))
        let log = try workspace.run("segment", "log", "S", "--out", "out", "--from", "post@example.com")
        #expect(log.status == 0, "\(log.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("out/A2.docx"))) == Data(edited))
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        #expect(entries.map { "\($0["ContactNo"]!) \($0["EditedByHand"]!)" } == ["A1 1", "A2 1", "A3 0"])
        // The e-mail line's message carries the edited letter.
        let message = try String(contentsOfFile: workspace.folder.file("out/A1.eml"), encoding: .utf8)
        #expect(message.contains(Data("Hi Ann".utf8).base64EncodedString()))
        #expect(try workspace.run("interactions", "document", "2", "--out", "r2.docx").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("r2.docx"))) == Data(edited))
        #expect(try workspace.run("interactions", "document", "3", "--out", "r3.docx").status == 0)
        #expect(try workspace.run("contacts", "list", "--where", "interaction(EditedByHand = true)").stdout.split(separator: "\n").count == 2)
    }

    @Test func detachAndMistakes() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("contacts.csv", "No,Name,Address,PostCode,City\nA1,Ann,Street 1,0150,Oslo\nA2,Bob,Street 2,0150,Oslo\n")
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>Letter</w:t></w:r></w:p>").build())
        #expect(try workspace.run("templates", "add", "LETTER", "--file", "letter.docx").status == 0)
        try workspace.run("templates", "add", "CALL")
        try workspace.run("segment", "create", "S", "--description", "Letters", "--template", "LETTER")
        try workspace.run("segment", "add", "S", "--contact", "A1")
        try workspace.folder.write("edited.docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>Edited</w:t></w:r></w:p>").build())
        try workspace.folder.write("broken.docx", "not a zip")

        let broken = try workspace.run("segment", "line", "attach", "S", "A1", "broken.docx")
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("error: broken.docx: not a Word document"))
        #expect(try workspace.run("segment", "line", "attach", "S", "A2", "edited.docx").stderr == "error: contact A2 is not on segment S\n")
        #expect(try workspace.run("segment", "line", "attach", "S", "A1").status == 2)
        #expect(try workspace.run("segment", "line", "export", "S", "A1").status == 2)
        #expect(try workspace.run("segment", "line", "export", "S", "A1", "--out", "x.pdf").status == 2)
        #expect(try workspace.run("segment", "line", "attach", "S", "A1", "edited.docx").status == 0)
        #expect(try workspace.run("segment", "line", "export", "S", "A1", "--out", "edited.docx").status == 1)

        // A line switched to a template with no document cannot keep its edited letter.
        #expect(try workspace.run("segment", "line", "S", "A1", "--template", "CALL").status == 0)
        let check = try workspace.run("segment", "check", "S")
        #expect(check.status == 1)
        #expect(check.stderr.contains("a letter edited by hand is attached, but template CALL has no document (segment line detach S A1)"))
        #expect(try workspace.run("segment", "line", "S", "A1", "--clear", "InteractionTemplate").status == 0)

        #expect(try workspace.run("segment", "line", "detach", "S", "A1").stdout == "detached the letter of A1 on segment S: it is merged again\n")
        #expect(try workspace.run("segment", "line", "detach", "S", "A1").stdout.hasSuffix("nothing changed\n"))
        #expect(try workspace.run("segment", "merge", "S", "--out", "preview").status == 0)
        let merged = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("preview/A1.docx")))
        #expect(merged != (try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("edited.docx")))))
        try workspace.run("segment", "log", "S", "--out", "out")
        let entry = try #require((try workspace.json("interactions", "list", "--json") as? [[String: Any]])?.first)
        #expect(entry["EditedByHand"] as? Bool == false)
    }
}
