import Foundation
import LettershopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The letters' folder of `segment log`: checked before, checked again inside the logging
/// transaction, and never a file replaced, not even by the recovery after a crash.
@Suite(.serialized) struct LogFolderCLITests {
    /// `count` contacts P1… (hard copy) and template LETTER; segment BIG holds them all, SMALL the first five.
    private func prepared(_ count: Int) throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        var csv = "No,Type,Name,FirstName,Address,PostCode,City,CorrespondenceType\n"
        for index in 1...count { csv += "P\(index),person,Person \(index),First \(index),Street \(index),\(1000 + index),Town,hard-copy\n" }
        try workspace.folder.write("contacts.csv", csv)
        let body = #"<w:p><w:r><w:t xml:space="preserve">Dear </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD FirstName "><w:r><w:t>«FirstName»</w:t></w:r></w:fldSimple></w:p>"#
            + #"<w:p><w:fldSimple w:instr=" MERGEFIELD Description "><w:r><w:t>«Description»</w:t></w:r></w:fldSimple></w:p>"#
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(body: body).build())
        for arguments in [["contacts", "import", "contacts.csv"], ["templates", "add", "LETTER", "--file", "letter.docx"],
                          ["segment", "create", "BIG", "--description", "Big", "--template", "LETTER"],
                          ["segment", "add", "BIG", "--where", "Type = person"],
                          ["segment", "create", "SMALL", "--description", "Small", "--template", "LETTER"],
                          ["segment", "add", "SMALL", "--contact", "P1", "--contact", "P2", "--contact", "P3", "--contact", "P4", "--contact", "P5"]] {
            let result = try workspace.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return workspace
    }

    /// The names in `folder`, whose letters (but the files in `planted`) pass the structural check.
    private func names(_ workspace: CLIWorkspace, _ folder: String, planted: Set<String> = [],
                       sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        #expect(LetterStructure.problems(inFolder: workspace.folder.file(folder), except: planted) == [], sourceLocation: sourceLocation)
        return ((try? FileManager.default.contentsOfDirectory(atPath: workspace.folder.file(folder))) ?? []).sorted()
    }


    /// Two logs into one `--out`: the second finds the folder taken (not empty, or the first one's
    /// letters on their way) and records nothing; no letter is replaced.
    @Test func twoLogsIntoOneFolderOnlyOneRecords() throws {
        let workspace = try prepared(400)
        defer { workspace.folder.remove() }
        let big = Process()
        big.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        big.arguments = ["segment", "log", "BIG", "--out", "shared"]
        big.currentDirectoryURL = URL(fileURLWithPath: workspace.folder.path)
        big.environment = ProcessInfo.processInfo.environment.merging(["LETTERSHOP_DB": workspace.folder.file("db.sqlite")]) { $1 }
        let bigErrors = Pipe()
        big.standardOutput = FileHandle.nullDevice
        big.standardError = bigErrors
        try big.run()
        // Once BIG writes its letters (its checks passed), SMALL logs into the same folder.
        let deadline = Date().addingTimeInterval(30)
        while !names(workspace, ".").contains(where: { $0.hasPrefix(".lettershop-log-") }), big.isRunning, Date() < deadline { usleep(2000) }
        let small = try workspace.run("segment", "log", "SMALL", "--out", "shared")
        let bigStderr = String(decoding: bigErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        big.waitUntilExit()

        #expect([big.terminationStatus, small.status].sorted() == [0, 1], "BIG: \(bigStderr) SMALL: \(small.stderr)")
        let refused = big.terminationStatus == 1 ? bigStderr : small.stderr
        #expect(refused.hasPrefix("error: \(workspace.folder.file("shared"))"), "\(refused)")
        // Refused by the check before anything is written (the other's letters already in place), or
        // inside its transaction (the other's letters arrived while its own were written).
        #expect(refused.contains("nothing logged") || refused.hasSuffix("the folder is not empty\n"), "\(refused)")
        let logged = try #require(try workspace.json("logged", "list", "--json") as? [[String: Any]])
        #expect(logged.count == 1)
        let winner = logged.first?["SegmentNo"] as? String
        #expect(names(workspace, "shared").count == (winner == "BIG" ? 400 : 5))
        #expect(try Python.loggedLetterMismatches(database: workspace.folder.file("db.sqlite"), folder: workspace.folder.file("shared")) == 0)
        // The refused segment is still open, and nothing is left beside the folder.
        #expect(try workspace.run("segment", "show", winner == "BIG" ? "SMALL" : "BIG").status == 0)
        #expect(!names(workspace, ".").contains { $0.hasPrefix(".lettershop-log-") })
    }

    /// A crash after the commit leaves the letters in staging; when the folder meanwhile holds a
    /// file of the same name, the next command leaves them there and says where.
    @Test func recoveryNeverReplacesAFile() throws {
        let workspace = try prepared(5)
        defer { workspace.folder.remove() }
        let crashed = try CLIRunner(workingDirectory: workspace.folder.path,
                                    environment: ["LETTERSHOP_DB": workspace.folder.file("db.sqlite"), "LETTERSHOP_CRASH_AT": "committed"])
            .run(["segment", "log", "SMALL", "--out", "out"])
        #expect(crashed.status != 0)
        let staging = try #require(names(workspace, ".").first { $0.hasPrefix(".lettershop-log-") })
        try FileManager.default.createDirectory(atPath: workspace.folder.file("out"), withIntermediateDirectories: false)
        try workspace.folder.write("out/P3.docx", "mine")

        for _ in 1...2 {
            let next = try workspace.run("logged", "list")
            #expect(next.status == 0)
            #expect(next.errorLines == [
                "note: the letters of logged segment 1 were not moved into place: \(workspace.folder.file("out/P3.docx")): exists already; "
                    + "nothing replaced, the letters are in \(workspace.folder.file(staging))",
            ])
            #expect(try String(contentsOfFile: workspace.folder.file("out/P3.docx"), encoding: .utf8) == "mine")
            #expect(names(workspace, "out", planted: ["P3.docx"]) == ["P3.docx"])
            #expect(names(workspace, staging).count == 5)
        }
        // With the name free again, the next command moves them.
        try FileManager.default.removeItem(atPath: workspace.folder.file("out/P3.docx"))
        #expect(try workspace.run("logged", "list").stderr.hasPrefix("note: moved the letters of logged segment 1 into "))
        #expect(names(workspace, "out").count == 5)
        #expect(!names(workspace, ".").contains(staging))
        #expect(try Python.loggedLetterMismatches(database: workspace.folder.file("db.sqlite"), folder: workspace.folder.file("out")) == 0)
    }

    /// A folder that a logged segment's letters are still on their way into (committed, not yet
    /// moved by a live process) is taken: a log into it records nothing and leaves nothing behind.
    @Test func aFolderOtherLettersAreMovingIntoIsTaken() throws {
        let workspace = try prepared(5)
        defer { workspace.folder.remove() }
        // A committed staging record of a live process (this one), as another log has between its
        // commit and its move.
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("INSERT INTO letter_stagings (staging, destination, logged_segment_no, committed, pid, process_start) "
                       "VALUES (?, ?, 7, 1, ?, '')", (sys.argv[2] + '/.elsewhere.staging', sys.argv[2] + '/out', int(sys.argv[3])))
            db.commit()
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, workspace.folder.file("db.sqlite"), workspace.folder.path, String(getpid())]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)

        let log = try workspace.run("segment", "log", "SMALL", "--out", "out")
        #expect(log.status == 1)
        #expect(log.errorLines == [
            "error: \(workspace.folder.file("out")): the letters of logged segment 7 are still to be moved into this folder "
                + "(they are in \(workspace.folder.file(".elsewhere.staging"))); nothing logged",
        ])
        #expect(try workspace.run("segment", "show", "SMALL").status == 0)
        #expect(try workspace.run("logged", "list").stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("out")))
        #expect(!names(workspace, ".").contains { $0.hasPrefix(".lettershop-log-") })
    }

    /// With `letters` a file, the default folder `letters/<EntryNo>` cannot be made: check says so
    /// and exits 1, and log refuses with the same one line.
    @Test func defaultFolderParentMustBeAFolder() throws {
        let workspace = try prepared(5)
        defer { workspace.folder.remove() }
        try workspace.folder.write("letters", "not a folder")
        let expected = "error: \(workspace.folder.file("letters")): exists and is not a folder, so the letters' folder "
            + "\(workspace.folder.file("letters/1")) cannot be made in it"
        let check = try workspace.run("segment", "check", "SMALL")
        #expect(check.status == 1)
        #expect(check.errorLines == [expected])
        let log = try workspace.run("segment", "log", "SMALL")
        #expect(log.status == 1)
        #expect(log.errorLines == [expected])
        #expect(try workspace.run("segment", "show", "SMALL").status == 0)
        #expect(names(workspace, ".").allSatisfy { !$0.hasPrefix(".lettershop-log-") })
    }
}
