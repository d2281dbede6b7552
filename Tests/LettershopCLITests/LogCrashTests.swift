import Foundation
import LettershopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `segment log` is all or nothing: killed at any moment, or racing another `log` of the same
/// segment, it leaves either the untouched open segment or the whole logged segment.
///
/// A few runs on 1,000 lines in the normal suite; `LETTERSHOP_STRESS=1` runs 25 kills and 20 races on 3,000.
@Suite(.serialized) struct LogCrashTests {
    static let stress = ProcessInfo.processInfo.environment["LETTERSHOP_STRESS"] == "1"
    static let lines = stress ? 3000 : 1000

    /// A database with `lines` contacts (every tenth by e-mail) on segment SM00001, to copy for each run.
    final class Prepared {
        let folder: TemporaryFolder
        let database: String

        init() throws {
            folder = try TemporaryFolder()
            database = folder.file("prepared.sqlite")
            let runner = CLIRunner(workingDirectory: folder.path, environment: ["LETTERSHOP_DB": database])
            var csv = "No,Type,Name,FirstName,Address,PostCode,City,Email,CorrespondenceType\n"
            for index in 1...LogCrashTests.lines {
                csv += "P\(index),person,Person \(index),First \(index),Street \(index),\(1000 + index),Town,p\(index)@example.com,"
                    + (index % 10 == 0 ? "email\n" : "hard-copy\n")
            }
            try folder.write("contacts.csv", csv)
            let body = #"<w:p><w:r><w:t xml:space="preserve">Dear </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD FirstName "><w:r><w:t>«FirstName»</w:t></w:r></w:fldSimple></w:p>"#
                + #"<w:p><w:fldSimple w:instr=" MERGEFIELD Address "><w:r><w:t>«Address»</w:t></w:r></w:fldSimple></w:p>"#
            try folder.write("letter.docx", bytes: DocxBuilder(body: body).build())
            for arguments in [["contacts", "import", "contacts.csv"], ["templates", "add", "LETTER", "--file", "letter.docx"],
                              ["segment", "create", "--description", "Crash test", "--template", "LETTER"],
                              ["segment", "add", "SM00001", "--where", "Type = person"]] {
                let result = try runner.run(arguments)
                precondition(result.status == 0, "\(arguments): \(result.stderr)")
            }
        }

        deinit { folder.remove() }

        /// A fresh copy of the prepared database in its own folder.
        func copy() throws -> CLIWorkspace {
            let workspace = try CLIWorkspace()
            try FileManager.default.copyItem(atPath: database, toPath: workspace.folder.file("db.sqlite"))
            return workspace
        }
    }

    static let logArguments = ["segment", "log", "SM00001", "--from", "post@example.com", "--jobs", "2"]

    /// Starts `lettershop segment log` in `workspace` without waiting.
    private func startLog(_ workspace: CLIWorkspace, crashAt point: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = Self.logArguments
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.folder.path)
        var environment = ProcessInfo.processInfo.environment
        environment["LETTERSHOP_DB"] = workspace.folder.file("db.sqlite")
        environment["LETTERSHOP_CRASH_AT"] = point
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Checks that the workspace holds exactly one of the two allowed states, after the next command
    /// (which finishes what a crash left). - Returns: true when the segment was logged.
    @discardableResult
    private func expectAllOrNothing(_ workspace: CLIWorkspace, _ context: String) throws -> Bool {
        let logged = try #require(try workspace.json("logged", "list", "--json") as? [[String: Any]], "\(context)")
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]], "\(context)")
        let letters = (try? FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters"))) ?? []
        if logged.isEmpty {
            let segment = try #require(try workspace.json("segment", "show", "SM00001", "--json") as? [String: Any], "\(context)")
            #expect((segment["lines"] as? [Any])?.count == Self.lines, "\(context)")
            #expect(entries.isEmpty, "\(context)")
            #expect(letters.isEmpty, "\(context): letters/ holds \(letters)")
            return false
        }
        #expect(logged.count == 1, "\(context)")
        #expect(logged.first?["NoOfInteractions"] as? Int == Self.lines, "\(context)")
        #expect(entries.count == Self.lines, "\(context)")
        #expect(try workspace.run("segment", "show", "SM00001").status == 1, "\(context)")
        #expect(letters == ["1"], "\(context): letters/ holds \(letters)")
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters/1"))) ?? [])
        #expect(LetterStructure.problems(inFolder: workspace.folder.file("letters/1")) == [], "\(context)")
        #expect(files == Set(entries.compactMap { $0["DocumentName"] as? String }), "\(context)")
        // Every .docx on disk is the one the log recorded.
        let mismatches = try Python.loggedLetterMismatches(database: workspace.folder.file("db.sqlite"), folder: workspace.folder.file("letters/1"))
        #expect(mismatches == 0, "\(context): \(mismatches) letters differ from their recorded SHA-256")
        return true
    }


    @Test func killedAtRandomMomentsLeavesAllOrNothing() throws {
        let prepared = try Prepared()
        // How long an undisturbed run takes, to spread the kills over it (and a bit beyond).
        let baseline = try prepared.copy()
        defer { baseline.folder.remove() }
        let started = Date()
        let full = try startLog(baseline)
        full.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(full.terminationStatus == 0)
        #expect(try expectAllOrNothing(baseline, "undisturbed run"))

        let iterations = Self.stress ? 25 : 3
        var outcomes: [Bool] = []
        for iteration in 0..<iterations {
            let workspace = try prepared.copy()
            defer { workspace.folder.remove() }
            let delay = Double.random(in: 0...(duration * 1.4))
            let process = try startLog(workspace)
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            outcomes.append(try expectAllOrNothing(workspace, "run \(iteration + 1), killed after \(Int(delay * 1000)) ms"))
        }
        print("killed \(iterations) logs: \(outcomes.filter { $0 }.count) complete, \(outcomes.filter { !$0 }.count) untouched")
    }

    /// How many runs each fault-injection point gets: `LETTERSHOP_CRASH_RUNS`, else 20 with
    /// `LETTERSHOP_STRESS=1`, else 1.
    static let runsPerPoint = ProcessInfo.processInfo.environment["LETTERSHOP_CRASH_RUNS"].flatMap { Int($0) } ?? (stress ? 20 : 1)

    /// Killed at each step of the power-cut order (staging recorded, letters being written, written,
    /// synced, inside the transaction, committed, published): the segment is logged whole or not
    /// at all, and the next command removes the staging folder or publishes the letters from it.
    @Test(arguments: [("staging", false), ("writing", false), ("rendered", false), ("synced", false), ("recorded", false),
                      ("committed", true), ("published", true)])
    func killedAtEachStep(point: String, logged: Bool) throws {
        let prepared = try Prepared()
        for run in 1...Self.runsPerPoint {
            let workspace = try prepared.copy()
            defer { workspace.folder.remove() }
            let process = try startLog(workspace, crashAt: point)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "\(point) run \(run)")
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters"))) ?? [])
            let staged = left.filter { $0.hasPrefix(".lettershop-log-") }
            // The staging folder is made after its record, and is gone once the letters are published.
            #expect(staged.count == (["staging", "published"].contains(point) ? 0 : 1), "\(point) run \(run): \(left)")
            let next = try workspace.run("logged", "list")
            if !staged.isEmpty {
                #expect(next.stderr.hasPrefix(logged ? "note: moved the letters of logged segment 1 into " : "note: removed "),
                        "\(point) run \(run): \(next.stderr)")
            }
            #expect(try expectAllOrNothing(workspace, "killed at \(point), run \(run)") == logged)
            let after = ((try? FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters"))) ?? [])
            #expect(!after.contains { $0.hasPrefix(".lettershop-log-") }, "\(point) run \(run): \(after)")
            #expect(try Python.stagingRecords(database: workspace.folder.file("db.sqlite")) == 0, "\(point) run \(run)")
        }
    }

    @Test func twoLogsOfOneSegmentAtOnceExactlyOneSucceeds() throws {
        let prepared = try Prepared()
        for iteration in 0..<(Self.stress ? 20 : 2) {
            let workspace = try prepared.copy()
            defer { workspace.folder.remove() }
            let first = try startLog(workspace)
            let second = try startLog(workspace)
            first.waitUntilExit()
            second.waitUntilExit()
            let statuses = [first.terminationStatus, second.terminationStatus].sorted()
            #expect(statuses == [0, 1], "race \(iteration + 1)")
            #expect(try expectAllOrNothing(workspace, "race \(iteration + 1)"))
        }
    }
}
