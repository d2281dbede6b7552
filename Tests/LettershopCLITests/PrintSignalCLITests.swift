import Foundation
import LettershopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Signals during print runs (`--format pdf`, `--combine`): LibreOffice's processes start with
/// SIGINT and SIGTERM unblocked, a signal is passed on to them, and everything staged (the letters'
/// staging folder, the combined document's hidden files, LibreOffice's work folder) is removed.
/// A stand-in `soffice` that records its blocked signals and then waits stands for LibreOffice
/// (`--jobs 2` starts two).
@Suite(.serialized) struct PrintSignalCLITests {
    /// Writes the stand-in: each process it stands for notes its blocked-signal mask in
    /// `office/<pid>`, then waits (as `sleep`, in its place) until a signal ends it.
    static func writeWaitingOffice(in folder: TemporaryFolder) throws -> String {
        try FileManager.default.createDirectory(atPath: folder.file("office"), withIntermediateDirectories: false)
        try folder.write("waiting-soffice", """
            #!/bin/sh
            grep SigBlk /proc/self/status > "\(folder.file("office"))/.$$"
            mv "\(folder.file("office"))/.$$" "\(folder.file("office"))/$$"
            exec sleep 600

            """)
        chmod(folder.file("waiting-soffice"), 0o755)
        return folder.file("waiting-soffice")
    }

    /// The stand-ins started so far: process id and blocked-signal mask.
    static func offices(in folder: TemporaryFolder) -> [(pid: pid_t, mask: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("office"))) ?? []
        return names.compactMap { name in
            guard let pid = pid_t(name), let mask = try? String(contentsOfFile: folder.file("office/" + name), encoding: .utf8) else { return nil }
            return (pid, mask.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Sends `signal` once a stand-in runs; checks the exit status, that every stand-in started with
    /// nothing blocked and is gone, and that the run did not wait for it.
    static func interrupt(_ process: Process, with signal: Int32, status: Int32, office folder: TemporaryFolder) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning && offices(in: folder).isEmpty { usleep(5_000) }
        try #require(!offices(in: folder).isEmpty, "LibreOffice was never started")
        let signalled = Date()
        kill(process.processIdentifier, signal)
        let message = SignalCLITests.stderr(process)
        process.waitUntilExit()
        #expect(process.terminationStatus == status, "\(message)")
        // Not the stand-in's 600 s: it was ended, not waited for (a loaded machine may take the grace time).
        #expect(Date().timeIntervalSince(signalled) < 10, "the run waited for LibreOffice")
        usleep(100_000)
        for office in offices(in: folder) {
            #expect(office.mask.hasPrefix("SigBlk:") && office.mask.hasSuffix("0000000000000000"), "\(office.mask)")
            #expect(kill(office.pid, 0) != 0, "LibreOffice still runs after the run ended")
            if kill(office.pid, 0) == 0 { kill(office.pid, SIGKILL) }
        }
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func mergeAsPDFWithACombinedPDF(signal: Int32, status: Int32) throws {
        let folder = try SignalCLITests.mergeFolder(rows: 20)
        defer { folder.remove() }
        let office = try Self.writeWaitingOffice(in: folder)
        try FileManager.default.createDirectory(atPath: folder.file("tmp"), withIntermediateDirectories: false)
        let process = try SignalCLITests.start(
            ["merge", "letter.docx", "--data", "data.csv", "--out", "out", "--format", "pdf", "--combine", "all.pdf",
             "--soffice", office, "--quiet"],
            in: folder.path, environment: ["TMPDIR": folder.file("tmp")])
        try Self.interrupt(process, with: signal, status: status, office: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["data.csv", "letter.docx", "office", "tmp", "waiting-soffice"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("tmp")).isEmpty)
    }

    @Test func segmentMergeWithACombinedPDF() throws {
        let prepared = try LogCrashTests.Prepared()
        let workspace = try prepared.copy()
        defer { workspace.folder.remove() }
        let office = try Self.writeWaitingOffice(in: workspace.folder)
        try FileManager.default.createDirectory(atPath: workspace.folder.file("tmp"), withIntermediateDirectories: false)
        let process = try SignalCLITests.start(
            ["segment", "merge", "SM00001", "--combine", "all.pdf", "--from", "post@example.com", "--soffice", office, "--quiet"],
            in: workspace.folder.path,
            environment: ["LETTERSHOP_DB": workspace.folder.file("db.sqlite"), "TMPDIR": workspace.folder.file("tmp")])
        try Self.interrupt(process, with: SIGTERM, status: 143, office: workspace.folder)
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path)
            .filter { !$0.hasPrefix("db.sqlite") }.sorted()
        #expect(left == ["office", "tmp", "waiting-soffice"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("tmp")).isEmpty)
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func segmentLogAsPDFWithACombinedPDF(signal: Int32, status: Int32) throws {
        let prepared = try LogCrashTests.Prepared()
        let workspace = try prepared.copy()
        defer { workspace.folder.remove() }
        let database = workspace.folder.file("db.sqlite")
        let office = try Self.writeWaitingOffice(in: workspace.folder)
        try FileManager.default.createDirectory(atPath: workspace.folder.file("tmp"), withIntermediateDirectories: false)
        let process = try SignalCLITests.start(
            LogCrashTests.logArguments + ["--format", "pdf", "--combine", "all.pdf", "--soffice", office, "--quiet"],
            in: workspace.folder.path, environment: ["LETTERSHOP_DB": database, "TMPDIR": workspace.folder.file("tmp")])
        try Self.interrupt(process, with: signal, status: status, office: workspace.folder)
        // Nothing recorded, nothing staged: no letters, no hidden combined files, no work folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters")).isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path)
            .filter { !$0.hasPrefix("db.sqlite") }.sorted()
        #expect(left == ["letters", "office", "tmp", "waiting-soffice"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("tmp")).isEmpty)
        let logged = try #require(try workspace.json("logged", "list", "--json") as? [Any])
        #expect(logged.isEmpty)
        // A run ended after the grace time leaves its staging record; the next command removes it.
        #expect(try Python.stagingRecords(database: database) == 0)
    }

    /// `--combine` and preview `--out` never replace an input, even through a link and with `--force`.
    @Test func combinedDocumentsAndPreviewsNeverReplaceAnInput() throws {
        let folder = try SignalCLITests.mergeFolder(rows: 2)
        defer { folder.remove() }
        let template = try Data(contentsOf: URL(fileURLWithPath: folder.file("letter.docx")))
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.file("data.csv")))
        try FileManager.default.createSymbolicLink(atPath: folder.file("template-link.docx"), withDestinationPath: "letter.docx")
        try FileManager.default.createSymbolicLink(atPath: folder.file("data-link.pdf"), withDestinationPath: "data.csv")
        let cli = CLIRunner(workingDirectory: folder.path)
        let combined = try cli.run(["merge", "letter.docx", "--data", "data.csv", "--combine", "template-link.docx", "--force"])
        #expect(combined.status == 1)
        #expect(combined.stderr == "error: template-link.docx: is the template (letter.docx); an input is never an output\n")
        let preview = try cli.run(["preview", "letter.docx", "--data", "data.csv", "--out", "data-link.pdf", "--force"])
        #expect(preview.status == 1)
        #expect(preview.stderr == "error: data-link.pdf: is the data file (data.csv); an input is never an output\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("letter.docx"))) == template)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("data.csv"))) == data)
    }
}
