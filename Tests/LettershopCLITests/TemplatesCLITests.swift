import Foundation
import LettershopTestSupport
import Testing

@Suite struct TemplatesCLITests {
    @Test func documentsAreVersionedBySHA256() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        let templates = CLIWorkspace.repository + "/Templates/"
        #expect(try workspace.run("templates", "add", "LETTER", "--file", templates + "letter-en.docx", "--language", "en",
                                  "--unit-cost", "1.5").stdout == "added template LETTER: document version 1 for en\n")
        #expect(try workspace.run("templates", "add", "LETTER", "--file", templates + "letter-nb.docx", "--language", "nb").status == 0)
        #expect(try workspace.run("templates", "add", "LETTER", "--file", templates + "letter-nb.docx", "--language", "NB").stdout
                == "updated template LETTER: document for nb unchanged (version 1)\n")
        #expect(try workspace.run("templates", "add", "LETTER", "--file", templates + "letter-en.docx", "--language", "nb").stdout
                == "updated template LETTER: document version 2 for nb\n")
        let shown = try #require(try workspace.json("templates", "show", "LETTER", "--json") as? [String: Any])
        #expect(shown["Code"] as? String == "LETTER")
        #expect(shown["LanguageCode"] as? String == "en")
        #expect(shown["UnitCost"] as? Double == 1.5)
        let documents = try #require(shown["documents"] as? [[String: Any]])
        #expect(documents.map { "\($0["Language"]!) v\($0["Version"]!)" } == ["en v1", "nb v1", "nb v2"])
        #expect((documents[0]["SHA256"] as? String)?.count == 64)
        #expect((documents[0]["Fields"] as? [String])?.contains("PersonalNote") == true)

        // The bytes of an earlier version add no version either.
        #expect(try workspace.run("templates", "add", "LETTER", "--file", templates + "letter-nb.docx", "--language", "nb").stdout
                == "updated template LETTER: document for nb unchanged: the same as version 1 (the current version is 2)\n")
        let again = try #require(try workspace.json("templates", "show", "LETTER", "--json") as? [String: Any])
        #expect((again["documents"] as? [[String: Any]])?.count == 3)

        try workspace.folder.write("not.docx", "plain text")
        let bad = try workspace.run("templates", "add", "BAD", "--file", "not.docx")
        #expect(bad.status == 1)
        #expect(bad.errorLines.count == 1)
        #expect(try workspace.run("templates", "show", "BAD").status == 1)
    }
}
