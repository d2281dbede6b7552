import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Converts `.docx` files to PDF with LibreOffice (`soffice --headless --convert-to pdf`), in
/// batches, one LibreOffice process per job at a time, each with a profile folder of its own
/// (`-env:UserInstallation`), so conversions (and other runs) can go side by side. Each PDF is then
/// made reproducible (`PDFNormalizer`).
public final class PDFConverter: @unchecked Sendable {
    public let soffice: String
    public let jobs: Int
    /// The most documents given to one LibreOffice process: a process costs a start-up of a second
    /// or more, so batches are as large as the jobs allow, up to this many (what a failure or the
    /// progress line waits for).
    static let largestBatch = 100
    /// Holds the profiles and logs; removed when the converter goes.
    private let workFolder: String
    /// The work folder's registration, removed if a signal ends the process.
    private let interruptionToken: Int

    /// A converter running `soffice` (see `OfficeTools.soffice`) on `jobs` processes at a time.
    public init(soffice: String, jobs: Int) throws {
        self.soffice = soffice
        self.jobs = max(1, jobs)
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/lettershop-office-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw MergeError.io(path: base, message: "cannot create a folder for LibreOffice's profile: \(String(cString: strerror(errno)))")
        }
        workFolder = String(cString: made)
        interruptionToken = Interruption.register(folder: workFolder)
    }

    deinit {
        Folder.removeAll(workFolder)
        Interruption.unregister(interruptionToken)
    }

    /// Converts each of `documents` (paths of `.docx` files) to a PDF of the same name in `folder`.
    /// `progress` gets the number converted so far, on the calling thread.
    /// - Throws: `MergeError.problems` naming every document LibreOffice could not convert.
    public func convert(_ documents: [String], into folder: String, progress: (Int) -> Void = { _ in }) throws {
        guard !documents.isEmpty else { return }
        let size = min(Self.largestBatch, max(1, (documents.count + jobs - 1) / jobs))
        let batches = stride(from: 0, to: documents.count, by: size).map {
            Array(documents[$0..<min(documents.count, $0 + size)])
        }
        let state = ConversionState()
        let group = DispatchGroup()
        for job in 0..<min(jobs, batches.count) {
            group.enter()
            DispatchQueue(label: "lettershop.pdf.\(job)").async { [self] in
                defer { group.leave() }
                while Interruption.signal == nil, let index = state.nextBatch(of: batches.count) {
                    let failures = convertBatch(batches[index], into: folder, job: job)
                    state.finished(batches[index].count, failures: failures)
                }
            }
        }
        while group.wait(timeout: .now() + .milliseconds(200)) == .timedOut { progress(state.done) }
        progress(state.done)
        // Conversions a signal stopped are not failures of the documents.
        try Interruption.check()
        let failures = state.failures.sorted { $0.document < $1.document }
        guard failures.isEmpty else {
            throw MergeError.problems(failures.map { MergeError.io(path: Folder.baseName(of: $0.document), message: $0.message) })
        }
    }

    /// Converts one document into a PDF at `output` (any name).
    public func convert(_ document: String, to output: String) throws {
        let folder = workFolder + "/single-\(UInt64.random(in: 0...UInt64.max))"
        guard mkdir(folder, 0o700) == 0 else { throw MergeError.io(path: folder, message: "cannot create folder") }
        defer { Folder.removeAll(folder) }
        try convert([document], into: folder)
        let produced = folder + "/" + Self.pdfName(for: document)
        guard rename(produced, output) == 0 else {
            throw MergeError.io(path: output, message: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// `letter.docx` → `letter.pdf`.
    public static func pdfName(for document: String) -> String {
        var name = Folder.baseName(of: document)
        if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
        return name + ".pdf"
    }

    /// Runs one LibreOffice process on `documents`; returns the ones it did not convert, with why.
    private func convertBatch(_ documents: [String], into folder: String, job: Int) -> [(document: String, message: String)] {
        let log = workFolder + "/job-\(job).log"
        let profile = "file://" + workFolder + "/profile-\(job)"
        let arguments = ["--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "-env:UserInstallation=" + profile,
                         "--convert-to", "pdf", "--outdir", folder] + documents
        let status: Int32
        do { status = try ChildProcess.run(soffice, arguments, log: log) } catch {
            return documents.map { ($0, "\(error)") }
        }
        var failures: [(String, String)] = []
        for document in documents {
            let pdf = folder + "/" + Self.pdfName(for: document)
            var info = stat()
            if stat(pdf, &info) == 0, info.st_size > 0 {
                do { try PDFNormalizer.normalize(pdf) } catch { failures.append((document, "\(error)")) }
            } else {
                let reason = ChildProcess.lastLine(of: log).map { ": \($0)" } ?? ""
                failures.append((document, "LibreOffice could not convert it to PDF (soffice exit status \(status)\(reason))"))
            }
        }
        return failures
    }
}

/// What the conversion threads share: the next batch, the count done, the failures.
private final class ConversionState: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var next = 0
    private var doneCount = 0
    private var failed: [(document: String, message: String)] = []

    func nextBatch(of count: Int) -> Int? {
        lock.wait()
        defer { lock.signal() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func finished(_ count: Int, failures: [(document: String, message: String)]) {
        lock.wait()
        doneCount += count - failures.count
        failed += failures
        lock.signal()
    }

    var done: Int {
        lock.wait()
        defer { lock.signal() }
        return doneCount
    }

    var failures: [(document: String, message: String)] {
        lock.wait()
        defer { lock.signal() }
        return failed
    }
}
