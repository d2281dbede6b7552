import Foundation
import LettershopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM sent to a running `merge`, `segment merge` or `segment log`: the run removes
/// what it staged, records nothing and exits 130 or 143; a staging folder left by `kill -9` is
/// removed by the next run on that output folder.
@Suite(.serialized) struct SignalCLITests {
    /// A template and a CSV of `rows` rows in a fresh folder.
    static func mergeFolder(rows: Int) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let body = #"<w:p><w:r><w:t xml:space="preserve">Dear </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Name "><w:r><w:t>«Name»</w:t></w:r></w:fldSimple></w:p>"#
        try folder.write("letter.docx", bytes: DocxBuilder(body: body).build())
        var csv = "Name\n"
        for row in 1...rows { csv += "Person \(row)\n" }
        try folder.write("data.csv", csv)
        return folder
    }

    /// Starts `lettershop ARGS…` in `folder` without waiting.
    static func start(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until a folder in `parent` whose name starts with `prefix` holds at least `files` files.
    /// - Returns: its name, or nil when the process ended or 60 s passed first.
    static func waitForStaging(in parent: String, prefix: String, files: Int, while process: Process) -> String? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            if let staging = names.first(where: { $0.hasPrefix(prefix) }),
               ((try? FileManager.default.contentsOfDirectory(atPath: parent + "/" + staging)) ?? []).count >= files {
                return staging
            }
            usleep(2_000)
        }
        return nil
    }

    static func stderr(_ process: Process) -> String {
        let pipe = process.standardError as! Pipe
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func mergeInterrupted(signal: Int32, status: Int32, name: String) throws {
        let folder = try Self.mergeFolder(rows: 40_000)
        defer { folder.remove() }
        let process = try Self.start(["merge", "letter.docx", "--data", "data.csv", "--out", "out", "--jobs", "1"], in: folder.path)
        let staging = Self.waitForStaging(in: folder.path, prefix: ".out.staging-", files: 5, while: process)
        #expect(staging != nil, "the merge ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        let message = Self.stderr(process)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == status)
        #expect(message == "error: interrupted by \(name); nothing written or recorded\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.csv", "letter.docx"])
    }

    @Test func mergeKilledLeavesAStagingFolderTheNextRunRemoves() throws {
        let folder = try Self.mergeFolder(rows: 40_000)
        defer { folder.remove() }
        let process = try Self.start(["merge", "letter.docx", "--data", "data.csv", "--out", "out", "--jobs", "1"], in: folder.path)
        let staging = try #require(Self.waitForStaging(in: folder.path, prefix: ".out.staging-", files: 5, while: process))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: folder.file(staging)))
        try folder.write("small.csv", "Name\nKari\n")
        let next = try CLIRunner(workingDirectory: folder.path).run(["merge", "letter.docx", "--data", "small.csv", "--out", "out"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.csv", "letter.docx", "out", "small.csv"])
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func segmentMergeInterrupted(signal: Int32, status: Int32) throws {
        let prepared = try LogCrashTests.Prepared()
        let workspace = try prepared.copy()
        defer { workspace.folder.remove() }
        let process = try Self.start(["segment", "merge", "SM00001", "--out", "preview", "--from", "post@example.com", "--jobs", "1"],
                                     in: workspace.folder.path, environment: ["LETTERSHOP_DB": workspace.folder.file("db.sqlite")])
        #expect(Self.waitForStaging(in: workspace.folder.path, prefix: ".preview.staging-", files: 3, while: process) != nil)
        kill(process.processIdentifier, signal)
        _ = Self.stderr(process)
        process.waitUntilExit()
        #expect(process.terminationStatus == status)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).filter { !$0.hasPrefix("db.sqlite") }.isEmpty)
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func segmentLogInterrupted(signal: Int32, status: Int32) throws {
        let prepared = try LogCrashTests.Prepared()
        let workspace = try prepared.copy()
        defer { workspace.folder.remove() }
        let database = workspace.folder.file("db.sqlite")
        let process = try Self.start(LogCrashTests.logArguments, in: workspace.folder.path,
                                     environment: ["LETTERSHOP_DB": database])
        #expect(Self.waitForStaging(in: workspace.folder.file("letters"), prefix: ".lettershop-log-", files: 3, while: process) != nil)
        kill(process.processIdentifier, signal)
        let message = Self.stderr(process)
        process.waitUntilExit()
        #expect(process.terminationStatus == status, "\(message)")
        // Nothing recorded, nothing staged, the open segment as it was: before any other command runs.
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters")).isEmpty)
        #expect(try Python.stagingRecords(database: database) == 0)
        let logged = try #require(try workspace.json("logged", "list", "--json") as? [Any])
        #expect(logged.isEmpty)
        let segment = try #require(try workspace.json("segment", "show", "SM00001", "--json") as? [String: Any])
        #expect((segment["lines"] as? [Any])?.count == LogCrashTests.lines)
    }

    /// A run blocked where it cannot see the signal (reading a data file that stalls) is ended
    /// after the grace time: its staging folder removed, the same exit status.
    @Test func aRunThatCannotStopByItselfIsEndedAfterTheGraceTime() throws {
        let folder = try Self.mergeFolder(rows: 1)
        defer { folder.remove() }
        #expect(mkfifo(folder.file("stalled.csv"), 0o644) == 0)
        let process = try Self.start(["merge", "letter.docx", "--data", "stalled.csv", "--out", "out"], in: folder.path)
        // The writer sends the header and a few rows, then keeps the pipe open and sends nothing more.
        let writer = open(folder.file("stalled.csv"), O_WRONLY)
        #expect(writer >= 0)
        defer { close(writer) }
        let text = Array("Name\nKari\nOla\n".utf8)
        #expect(write(writer, text, text.count) == text.count)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains(where: { $0.hasPrefix(".out.staging-") }) {
            usleep(5_000)
        }
        let signalled = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let waited = Date().timeIntervalSince(signalled)
        #expect(process.terminationStatus == 143)
        #expect(waited >= 2.5 && waited < 10, "ended \(waited) s after the signal")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.csv", "letter.docx", "stalled.csv"])
    }
}
