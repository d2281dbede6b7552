import Foundation
import LettershopTestSupport
import Testing

@Suite struct SegmentCLITests {
    private func prepared() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.run("contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv")
        for language in ["en", "nb"] {
            try workspace.run("templates", "add", "LETTER", "--file", CLIWorkspace.repository + "/Templates/letter-\(language).docx",
                              "--language", language)
        }
        return workspace
    }

    @Test func buildSaveReuseAndPreview() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        let created = try workspace.run("segment", "create", "--description", "Spring letter", "--template", "LETTER", "--subject", "Spring")
        #expect(created.stdout.split(separator: " ").last == "SM00001\n")
        let added = try workspace.run("segment", "add", "SM00001", "--where", "City = Oslo")
        #expect(added.status == 0)
        #expect(added.stdout.hasPrefix("added "))
        #expect(added.stdout.contains("skipped 1 excluded"))
        #expect(try workspace.run("segment", "reduce", "SM00001", "--where", "Type = company").stdout.hasPrefix("removed "))
        let refined = try workspace.run("segment", "refine", "SM00001", "--where", "Email is not empty")
        #expect(refined.status == 0)
        let undo = try workspace.run("segment", "undo", "SM00001")
        #expect(undo.stdout.hasPrefix("undid step 3: refine Email is not empty ("))
        #expect(try workspace.run("segment", "line", "SM00001", "CT000011", "--note", "Takk for sist,\nÅse!").status == 0)

        let shown = try #require(try workspace.json("segment", "show", "SM00001", "--json") as? [String: Any])
        let header = try #require(shown["header"] as? [String: Any])
        #expect(header["No"] as? String == "SM00001")
        #expect(header["InteractionTemplate"] as? String == "LETTER")
        let lines = try #require(shown["lines"] as? [[String: Any]])
        #expect(lines.first?["LineNo"] as? Int == 10000 || lines.first?["LineNo"] as? Int == 20000)
        #expect(lines.contains { $0["ContactNo"] as? String == "CT000011" && $0["PersonalNote"] as? String == "Takk for sist,\nÅse!" })
        #expect(lines.allSatisfy { $0["Cost"] is NSNumber && $0["Subject"] as? String == "Spring" })
        let steps = try #require(shown["steps"] as? [[String: Any]])
        #expect(steps.map { $0["Action"] as? String } == ["add", "reduce"])
        #expect(Set(steps[0].keys) == ["StepNo", "Action", "Expression", "Options", "Added", "Removed"])

        #expect(try workspace.run("criteria", "save", "SM00001", "OSLO").stdout == "saved criteria OSLO (2 steps)\n")
        #expect(try workspace.run("criteria", "save", "SM00001", "OSLO").status == 1)
        #expect(try workspace.run("criteria", "save", "SM00001", "OSLO", "--force").status == 0)
        let criteria = try #require(try workspace.json("criteria", "show", "OSLO", "--json") as? [String: Any])
        #expect((criteria["steps"] as? [[String: Any]])?.count == 2)
        try workspace.run("segment", "create", "SM-NEXT", "--description", "Next month", "--template", "LETTER")
        let reused = try workspace.run("segment", "add", "SM-NEXT", "--criteria", "OSLO")
        #expect(reused.status == 0)
        let next = try #require(try workspace.json("segment", "show", "SM-NEXT", "--json") as? [String: Any])
        #expect((next["lines"] as? [Any])?.count == lines.count)

        // E-mail lines need a sender, as for log.
        #expect(try workspace.run("segment", "merge", "SM00001", "--out", "letters").status == 1)
        let merged = try workspace.run("segment", "merge", "SM00001", "--out", "letters", "--from", "post@nordlys.example")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == "merged \(lines.count) documents into letters\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters")).sorted()
        #expect(LetterStructure.problems(inFolder: workspace.folder.file("letters")) == [])
        #expect(files == lines.map { ($0["ContactNo"] as! String) + ($0["CorrespondenceType"] as? String == "email" ? ".eml" : ".docx") }.sorted())
        #expect(try workspace.run("segment", "merge", "SM00001", "--out", "letters", "--from", "post@nordlys.example").status == 1)
    }

    @Test func mergeRefusesWhatLogWouldRefuse() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        try workspace.run("segment", "create", "--description", "No template")
        let empty = try workspace.run("segment", "merge", "SM00001", "--out", "out")
        #expect(empty.status == 1)
        #expect(empty.errorLines == ["error: segment SM00001 has no lines"])
        try workspace.run("segment", "add", "SM00001", "--contact", "CT000010")
        let noTemplate = try workspace.run("segment", "merge", "SM00001", "--out", "out")
        #expect(noTemplate.errorLines == ["error: line 10000 (CT000010): no InteractionTemplate"])
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("out")))
    }

    @Test func usageErrorsAndRules() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        #expect(try workspace.run("segment", "create").status == 2)
        try workspace.run("segment", "create", "--description", "x")
        #expect(try workspace.run("segment", "create", "SM00001", "--description", "again").errorLines
                == ["error: segment number SM00001 is already used"])
        #expect(try workspace.run("segment", "add", "SM00001").status == 2)
        #expect(try workspace.run("segment", "add", "SM00001", "--where", "City = Oslo", "--contact", "X").status == 2)
        #expect(try workspace.run("segment", "add", "SM00001", "--where", "(City = Oslo").status == 2)
        #expect(try workspace.run("segment", "add", "SM00099", "--where", "City = Oslo").errorLines == ["error: unknown segment 'SM00099'"])
        #expect(try workspace.run("segment", "remove", "SM00001", "--contact", "CT000010").errorLines
                == ["error: contact CT000010 is not on segment SM00001"])
        #expect(try workspace.run("segment", "undo", "SM00001").status == 1)
        try workspace.run("segment", "add", "SM00001", "--contact", "CT000010")
        #expect(try workspace.run("contacts", "delete", "CT000010").errorLines
                == ["error: contact CT000010 is on open segment SM00001 (remove it there first)"])
        let list = try #require(try workspace.json("segment", "list", "--json") as? [[String: Any]])
        #expect(list.map { $0["No"] as? String } == ["SM00001"])
        #expect(try workspace.run("segment", "delete", "SM00001").status == 0)
        #expect(try workspace.run("contacts", "delete", "CT000010").status == 0)
    }
}
