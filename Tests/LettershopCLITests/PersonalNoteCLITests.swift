import Foundation
import LettershopTestSupport
import Testing

/// A personal note never disappears silently: a line whose document has no PersonalNote field is an
/// error of `segment check`, `merge` and `log` unless `--allow-unused-notes`; the entry keeps the note.
@Suite struct PersonalNoteCLITests {
    private static let contacts = """
        No,Type,Name,FirstName,Address,PostCode,City,LanguageCode,CorrespondenceType
        A1,person,Ann A,Ann,Storgata 1,0150,Oslo,en,hard-copy
        A2,person,Bob B,Bob,Storgata 2,0150,Oslo,en,hard-copy
        A3,person,Cid C,Cid,Hauptstraße 3,10115,Berlin,de,hard-copy

        """

    /// A document whose body reads `fields`, one paragraph each.
    private func document(_ fields: [String]) -> [UInt8] {
        let body = fields.map { #"<w:p><w:fldSimple w:instr=" MERGEFIELD \#($0) "><w:r><w:t>«\#($0)»</w:t></w:r></w:fldSimple></w:p>"# }
            .joined()
        return DocxBuilder(body: body).build()
    }

    /// Contacts A1–A3, template LETTER with an English document reading `english` and a German one reading
    /// `german`, and segment S with every contact; A1 and A3 have a personal note.
    private func workspace(english: [String], german: [String] = ["FirstName", "Surname"]) throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.folder.write("contacts.csv", Self.contacts)
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        try workspace.folder.write("letter-en.docx", bytes: document(english))
        try workspace.folder.write("letter-de.docx", bytes: document(german))
        for language in ["en", "de"] {
            let added = try workspace.run("templates", "add", "LETTER", "--file", "letter-\(language).docx", "--language", language)
            #expect(added.status == 0, "\(added.stderr)")
        }
        try workspace.run("segment", "create", "S", "--description", "Notes", "--template", "LETTER")
        try workspace.run("segment", "add", "S", "--contact", "A1", "--contact", "A2", "--contact", "A3")
        #expect(try workspace.run("segment", "line", "S", "A1", "--note", "Thanks for the visit,\nAnn!").status == 0)
        #expect(try workspace.run("segment", "line", "S", "A3", "--note", "Bis bald!").status == 0)
        return workspace
    }

    private func check(_ workspace: CLIWorkspace, _ extra: String...) throws -> (ok: Bool, problems: [[String: Any]]) {
        let result = try workspace.run(["segment", "check", "S", "--json"] + extra)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let ok = try #require(report["ok"] as? Bool)
        #expect(result.status == (ok ? 0 : 1))
        return (ok, try #require(report["problems"] as? [[String: Any]]))
    }

    private func summary(_ problems: [[String: Any]]) -> [String] {
        problems.map { "\($0["LineNo"] as? Int ?? 0) \($0["ContactNo"] as? String ?? "-") \($0["severity"] as! String) \($0["code"] as! String)" }
    }

    @Test func aNoteTheDocumentDoesNotShowStopsCheckMergeAndLog() throws {
        let workspace = try workspace(english: ["FirstName"])
        defer { workspace.folder.remove() }
        let (ok, problems) = try check(workspace)
        #expect(!ok)
        #expect(summary(problems) == ["10000 A1 error note-not-in-letter", "30000 A3 error note-not-in-letter"])
        #expect(problems.first?["message"] as? String == "the line has a personal note, but template LETTER (en v1) has no "
            + "PersonalNote field, so the letter would not show it (add a PersonalNote field to the document, clear the note "
            + "with --clear Note, or pass --allow-unused-notes)")
        #expect((problems.last?["message"] as? String)?.contains("template LETTER (de v1)") == true)

        let text = try workspace.run("segment", "check", "S")
        #expect(text.status == 1)
        #expect(text.errorLines.first?.hasPrefix("error: line 10000 (A1): the line has a personal note, but template LETTER (en v1)") == true)

        let merged = try workspace.run("segment", "merge", "S", "--out", "preview")
        #expect(merged.status == 1)
        #expect(merged.stderr.contains("line 30000 (A3): the line has a personal note"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("preview")), "no half-made preview")

        let logged = try workspace.run("segment", "log", "S", "--out", "letters")
        #expect(logged.status == 1)
        #expect(logged.stderr.contains("note-not-in-letter") || logged.stderr.contains("the line has a personal note"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("letters")))
        #expect((try workspace.json("logged", "list", "--json") as? [Any])?.isEmpty == true)
        #expect(try workspace.run("segment", "show", "S").status == 0, "the open segment is untouched")
    }

    @Test func allowingUnusedNotesLogsThemAndKeepsTheNoteOnTheEntry() throws {
        let workspace = try workspace(english: ["FirstName"])
        defer { workspace.folder.remove() }
        let (ok, problems) = try check(workspace, "--allow-unused-notes")
        #expect(ok)
        #expect(summary(problems) == ["10000 A1 warning note-not-in-letter", "30000 A3 warning note-not-in-letter"])

        let merged = try workspace.run("segment", "merge", "S", "--out", "preview", "--allow-unused-notes")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("warning: line 10000 (A1): the line has a personal note"))

        let logged = try workspace.run("segment", "log", "S", "--out", "letters", "--allow-unused-notes")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stderr.contains("warning: line 30000 (A3): the line has a personal note"))
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        let notes = Dictionary(uniqueKeysWithValues: entries.map { ($0["ContactNo"] as! String, $0["PersonalNote"] as? String) })
        #expect(notes == ["A1": "Thanks for the visit,\nAnn!", "A2": "", "A3": "Bis bald!"])
        #expect(entries.allSatisfy { ($0["MergedValues"] as? [String: String])?["PersonalNote"] == nil })
    }

    @Test func aDocumentWithTheNoteFieldIsNoProblemAndTheEntryKeepsTheNote() throws {
        // The English document shows the note (named loosely, as merge fields are); the German one does not.
        let workspace = try workspace(english: ["FirstName", "Personal_Note"])
        defer { workspace.folder.remove() }
        #expect(summary(try check(workspace).problems) == ["30000 A3 error note-not-in-letter"])
        #expect(try workspace.run("segment", "line", "S", "A3", "--clear", "Note").status == 0)
        #expect(try check(workspace).problems.isEmpty)

        let logged = try workspace.run("segment", "log", "S", "--out", "letters")
        #expect(logged.status == 0, "\(logged.stderr)")
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        let first = try #require(entries.first { $0["ContactNo"] as? String == "A1" })
        #expect(first["PersonalNote"] as? String == "Thanks for the visit,\nAnn!")
        #expect((first["MergedValues"] as? [String: String])?["Personal_Note"] == "Thanks for the visit,\nAnn!")
    }

    @Test func aNoteOfSpacesAloneIsNoNote() throws {
        let workspace = try workspace(english: ["FirstName"])
        defer { workspace.folder.remove() }
        #expect(try workspace.run("segment", "line", "S", "A1", "--note", " \n ").status == 0)
        #expect(try workspace.run("segment", "line", "S", "A3", "--clear", "Note").status == 0)
        #expect(try check(workspace).ok)
    }

    @Test func theOptionIsInTheHelp() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        for command in ["check", "merge", "log"] {
            let help = try workspace.run("segment", command, "--help")
            #expect(help.status == 0)
            #expect(help.stdout.contains("--allow-unused-notes"), "segment \(command) --help")
        }
    }
}
