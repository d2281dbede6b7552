import Foundation
import LettershopTestSupport
import Testing

/// A database logged by the Lettershop release that wrote letter format 1 (committed fixture, see
/// Fixtures/README.md): its letters are produced again byte for byte, and letters logged in it now
/// are in format 2 and are reproduced too.
@Suite struct LetterFormatCompatibilityCLITests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/format1-log.sqlite").path

    /// The file's SHA-256 by the system's own `sha256sum`, not by Lettershop's code.
    func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    func entries(_ workspace: CLIWorkspace) throws -> [[String: Any]] {
        try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
    }

    @Test func format1LettersStayReproducibleAndNewLettersAreFormat2() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: workspace.folder.file("db.sqlite"))
        let old = try entries(workspace)
        #expect(old.count == 15)
        #expect(old.allSatisfy { ($0["EngineVersion"] as? String)?.hasPrefix("docxmerge/1 ") == true })
        for entry in old {
            let number = "\(entry["EntryNo"]!)"
            let result = try workspace.run("interactions", "document", number, "--out", "old-\(number).docx")
            #expect(result.status == 0, "entry \(number): \(result.stderr)")
            #expect(try sha256(workspace.folder.file("old-\(number).docx")) == entry["DocumentSHA256"] as? String, "entry \(number)")
        }

        // The same segment logged again today: format 2, different bytes, the same text.
        let follow = try workspace.run("logged", "follow-up", "1")
        #expect(follow.status == 0, "\(follow.stderr)")
        let segment = String(follow.stdout.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines))
        let log = try workspace.run("segment", "log", segment, "--out", "new", "--from", "post@example.com")
        #expect(log.status == 0, "\(log.stderr)")
        let new = try entries(workspace).filter { !(old.map { "\($0["EntryNo"]!)" }).contains("\($0["EntryNo"]!)") }
        #expect(new.count == old.filter { "\($0["LoggedSegmentNo"]!)" == "1" }.count)
        for entry in new {
            #expect((entry["EngineVersion"] as? String)?.hasPrefix("docxmerge/2 ") == true)
            let number = "\(entry["EntryNo"]!)"
            #expect(try workspace.run("interactions", "document", number, "--out", "new-\(number).docx").status == 0)
            #expect(try sha256(workspace.folder.file("new-\(number).docx")) == entry["DocumentSHA256"] as? String, "entry \(number)")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("new-\(number).docx"))))
            #expect(LetterStructure.problems(in: bytes) == [])
        }
    }

    @Test func aLetterFormatThisLettershopDoesNotKnowIsRefusedByName() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        let database = workspace.folder.file("db.sqlite")
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: database)
        let (status, _) = try Python.run("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE interaction_log_entries SET engine_version = 'docxmerge/9 libdeflate/9.0' WHERE entry_no = 1")
            db.commit()
            """, [database])
        #expect(status == 0)
        let result = try workspace.run("interactions", "document", "1", "--out", "e1.docx")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("docxmerge/9 libdeflate/9.0"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("e1.docx")))
    }
}
