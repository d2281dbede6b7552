import DocxMerge

#if canImport(Glibc)
import Glibc
#endif

/// `segment log`: checks a segment, writes its letters into a staging folder, then in one
/// transaction records the logged segment and one interaction entry per line, removes the open
/// segment (and opens the follow-up); only after the commit are the letters moved into place.
///
/// A crash before the commit leaves the open segment as it was and a staging folder that the next
/// opening of the store deletes; a crash after it leaves letters that the next opening moves into
/// place (`StagedLetters`), never replacing a file. Two runs on the same segment: the second finds it
/// gone inside its transaction and records nothing. Two runs into the same folder: the second finds
/// it taken inside its transaction (`claim`) and records nothing.
///
/// ```swift
/// let log = try SegmentLog(store: store, segment: "SM00001", options: .init(from: "post@example.com"))
/// guard log.issues.errors.isEmpty else { … }
/// let result = try log.run()
/// ```
public struct SegmentLog {
    public struct Options: Sendable {
        /// The letters' folder; nil: `letters/<EntryNo>` under the current folder.
        public var outputFolder: String?
        public var followUp: Bool
        /// The sender of e-mail lines.
        public var from: String?
        public var jobs: Int
        public var compressionLevel: Int
        /// How many warnings `issues` keeps; the rest are only counted.
        public var warningLimit: Int
        /// Where every letter also goes, combined into one `.docx` or `.pdf` (`--combine`); it must not exist.
        public var combinedDocument: String?
        /// LibreOffice, for a combined `.pdf` and for `lettersAsPDF`.
        public var pdf: PDFConverter?
        /// Whether each `.docx` letter gets a PDF beside it (`--format pdf`); its SHA-256 goes into the entry.
        public var lettersAsPDF: Bool
        /// Log lines whose personal note their document does not show (a warning instead of an error).
        public var allowUnusedNotes: Bool

        public init(outputFolder: String? = nil, followUp: Bool = false, from: String? = nil, jobs: Int = 1, compressionLevel: Int = 6,
                    warningLimit: Int = .max, combinedDocument: String? = nil, pdf: PDFConverter? = nil, lettersAsPDF: Bool = false,
                    allowUnusedNotes: Bool = false) {
            self.combinedDocument = combinedDocument
            self.pdf = pdf
            self.lettersAsPDF = lettersAsPDF
            self.outputFolder = outputFolder
            self.followUp = followUp
            self.from = from
            self.jobs = jobs
            self.compressionLevel = compressionLevel
            self.warningLimit = warningLimit
            self.allowUnusedNotes = allowUnusedNotes
        }
    }

    /// What a run did, with the time spent writing letters and in the database.
    public struct Result: Sendable {
        public let logged: LoggedSegment
        public let interactions: Int
        /// The letters' folder (absolute).
        public let folder: String
        /// The follow-up segment and how it was filled, with `--follow-up`.
        public let followUp: (header: SegmentHeader, report: StepReport)?
        /// A note when the letters could not be moved into place (they stay in staging and are moved
        /// by the next command).
        public let moveProblem: String?
        /// Why the combined document could not be written, when it could not (the letters are logged).
        public let combinedProblem: String?
        public let renderSeconds: Double
        public let databaseSeconds: Double
    }

    /// The folder the letters go to when no `--out` is given: `letters/<EntryNo>`.
    public static let defaultParent = "letters"

    private let store: any RelationshipStore
    private let options: Options
    public let letters: SegmentLetters
    /// The segment's issues plus the output folder's.
    public let issues: [SegmentIssue]
    private let predictedEntryNo: Int
    /// Absolute path of the letters' folder, as predicted before the transaction.
    private let destination: String

    /// Reads and checks the segment and the output folder; nothing is written.
    /// - Throws: `RelationshipError.unknownSegment`; store errors.
    public init(store: any RelationshipStore, segment no: String, options: Options) throws {
        self.store = store
        self.options = options
        letters = try SegmentLetters(store: store, segment: no, compressionLevel: options.compressionLevel, from: options.from,
                                     warningLimit: options.warningLimit, allowUnusedNotes: options.allowUnusedNotes)
        predictedEntryNo = try store.read { try store.nextLoggedSegmentNo() }
        destination = LetterFolder.absolute(options.outputFolder ?? "\(Self.defaultParent)/\(predictedEntryNo)")
        var issues = letters.issues
        // A segment of calls or meetings writes no file, so it needs no folder.
        if letters.writesFiles, let problem = Self.folderProblem(destination, explicit: options.outputFolder != nil) {
            issues.insert(SegmentIssue(.error, "output-folder", problem), at: 0)
        }
        if let combined = options.combinedDocument, letters.writesFiles {
            if let problem = Self.combinedProblem(combined) {
                issues.insert(SegmentIssue(.error, "combined-document", problem), at: 0)
            } else if let edited = letters.firstEditedLetter {
                issues.insert(SegmentIssue(.error, "combined-document",
                                           SegmentLetters.editedLetterRefusal(segmentNo: no, letter: edited)), at: 0)
            }
        }
        self.issues = issues
    }

    /// Why the letters cannot go to `folder`, if they cannot: it must be missing or empty, in a
    /// folder this process can write in. `explicit`: a `--out` folder, whose parent must exist (the
    /// default's parent, `letters`, is created when missing).
    private static func folderProblem(_ folder: String, explicit: Bool) -> String? {
        switch LetterFolder.state(of: folder) {
        case .notAFolder: return "\(folder): exists and is not a folder"
        case .notEmpty: return "\(folder): the folder is not empty"
        case .missing, .empty: break
        }
        let parent = LetterFolder.parent(of: folder)
        switch LetterFolder.state(of: parent) {
        case .notAFolder:
            return "\(parent): exists and is not a folder, so the letters' folder \(folder) cannot be made in it"
        case .missing:
            if explicit { return "\(parent): no such folder" }
            return writableProblem(LetterFolder.parent(of: parent))
        case .empty, .notEmpty:
            return writableProblem(parent)
        }
    }

    /// Why the combined document cannot be written at `path`, if it cannot.
    private static func combinedProblem(_ path: String) -> String? {
        if access(path, F_OK) == 0 { return "\(path): the file exists" }
        let parent = LetterFolder.parent(of: LetterFolder.absolute(path))
        return LetterFolder.state(of: parent) == .missing ? "\(parent): no such folder" : writableProblem(parent)
    }

    private static func writableProblem(_ folder: String) -> String? {
        switch LetterFolder.state(of: folder) {
        case .missing: return "\(folder): no such folder"
        case .notAFolder: return "\(folder): exists and is not a folder"
        case .empty, .notEmpty:
            guard access(folder, W_OK | X_OK) != 0 else { return nil }
            return "\(folder): cannot write in this folder (\(String(cString: strerror(errno))))"
        }
    }

    /// Writes the letters and logs the segment, all or nothing.
    ///
    /// Without a PDF to make, the letters are written inside the logging transaction and each batch's
    /// entries are recorded while the next batch is rendered: the letters are read once more after
    /// the checks, not twice. LibreOffice's conversions take long, so with `--format pdf` or a
    /// combined `.pdf` the letters and PDFs are made first and the transaction reads the letters again
    /// to record them, holding the write lock only for that.
    /// - Throws: `RelationshipError.problems` when a check fails (nothing written), when the segment
    ///   was logged, deleted or changed by someone else meanwhile, or when a letter cannot be written.
    /// `conversion` gets the number of letters converted to PDF so far (with `pdf`).
    public func run(progress: (Int) -> Void = { _ in }, conversion: (Int) -> Void = { _ in }) throws -> Result {
        try letters.requireReady()
        guard issues.errors.isEmpty else { throw RelationshipError.problems(issues.errors.map(\.text)) }
        if letters.documentCount == 0 {
            // Calls and meetings only: the entries, and no file or folder.
            var clock = Stopwatch()
            let moment = LocalClock.moment()
            let entry = try Interruption.critical {
                try Interruption.check()
                return try store.durableTransaction {
                    var recording = try begin(moment: moment, stagingID: nil)
                    try recordReadingAgain(into: &recording, digests: nil, staging: nil)
                    return try finish(recording, stagingID: nil)
                }
            }
            return Result(logged: entry.logged, interactions: letters.letterCount, folder: "",
                          followUp: entry.followUp.map { (header: $0.0, report: $0.1) }, moveProblem: nil,
                          combinedProblem: options.combinedDocument.map { "\($0): no line has a letter (calls and meetings only)" },
                          renderSeconds: 0, databaseSeconds: clock.lap())
        }
        let parent = LetterFolder.parent(of: destination)
        if options.outputFolder == nil, !LetterFolder.makeFolder(parent) {
            throw RelationshipError.problems(["\(parent): cannot create the folder for the letters; nothing logged"])
        }
        let moment = LocalClock.moment()
        let owner = ProcessIdentity.current
        let stagingPath = parent + "/.lettershop-log-\(owner.pid)-\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).staging"
        let stagingID = try store.durableTransaction { try store.insertStaging(StagingRecord(staging: stagingPath, owner: owner)) }
        CrashPoint.reach("staging")
        let interruptionToken = Interruption.register(folder: stagingPath)
        defer { Interruption.unregister(interruptionToken) }
        let combinedTokens = combinedStaging?.registerForInterruption() ?? []
        defer { combinedTokens.forEach(Interruption.unregister) }
        var clock = Stopwatch()
        var combiner: LetterCombiner?
        let entry: (logged: LoggedSegment, folder: String, followUp: (SegmentHeader, StepReport)?)
        var renderSeconds = 0.0
        do {
            // The order that survives a power cut at any step: the letters written, then synced with
            // their folder, then the commit made durable, and only then the letters published. Before
            // the commit the next command deletes the staging folder; after it, the next command
            // publishes what is in it.
            let staging = try StagingFolder(path: stagingPath)
            let digests = try LetterDigests(count: letters.letterCount)
            combiner = try combinedStaging.map { try LetterCombiner(destination: $0.docx, plans: letters.plans.map(\.plan), replace: true) }
            // What LibreOffice converts, if anything: the letters, the combined document.
            let lettersPDF = options.lettersAsPDF ? options.pdf : nil
            let combinedPDF = combinedStaging.flatMap { $0.final != $0.docx ? options.pdf : nil }
            /// Writes every letter (and PDF, and the combined document) and syncs them; `written` as in `render`.
            func writeLetters(written: ((Int, [SegmentLetters.Letter], [SegmentLetters.Plan]) throws -> Void)?) throws {
                try letters.render(into: staging, combiner: combiner, jobs: options.jobs, moment: moment, changed: changedMessage,
                                   digests: digests, progress: progress, written: written)
                if let pdf = lettersPDF {
                    let documents = LetterFolder.entries(of: stagingPath).filter { $0.hasSuffix(".docx") }.map { stagingPath + "/" + $0 }
                    // The PDFs are published with the letters: `staging.sync()` makes them durable too.
                    try pdf.convert(documents, into: stagingPath, progress: conversion)
                }
                if let combiner, let combinedStaging {
                    try combiner.commit()
                    if let pdf = combinedPDF {
                        try pdf.convert(combinedStaging.docx, to: combinedStaging.final)
                    }
                }
                CrashPoint.reach("rendered")
                try staging.sync()
                CrashPoint.reach("synced")
                renderSeconds = clock.lap()
            }
            let convertsToPDF = lettersPDF != nil || combinedPDF != nil
            if convertsToPDF { try writeLetters(written: nil) }
            // An entry per line and the open segment's lines deleted: the page cache of bulk writing.
            // A signal waits only for the commit (the letters are written before it, in the
            // transaction): until then the run stops at the next letter and nothing is kept.
            entry = try store.writingInBulk(checkingForeignKeys: true) {
                try store.durableTransaction(committing: { commit in
                    try Interruption.critical {
                        try Interruption.check()
                        try commit()
                        // Committed: from here on the letters are the logged segment's, never removed.
                        Interruption.unregister(interruptionToken)
                    }
                }) {
                    var recording = try begin(moment: moment, stagingID: stagingID)
                    if convertsToPDF {
                        try recordReadingAgain(into: &recording, digests: digests, staging: stagingPath)
                    } else {
                        try writeLetters { first, batch, plans in
                            try recordEntries(first: first, batch: batch, plans: plans, into: &recording, digests: digests,
                                              staging: stagingPath)
                        }
                    }
                    let entry = try finish(recording, stagingID: stagingID)
                    CrashPoint.reach("recorded")
                    return entry
                }
            }
        } catch {
            combiner?.discard()
            combinedStaging?.remove()
            LetterFolder.removeTree(stagingPath)
            try? store.transaction { try store.deleteStaging(stagingID) }
            throw error
        }
        let databaseSeconds = clock.lap()
        CrashPoint.reach("committed")
        let moveProblem: String? = Interruption.critical {
            do {
                try LetterFolder.move(stagingPath, to: entry.folder)
                CrashPoint.reach("published")
                try store.transaction { try store.deleteStaging(stagingID) }
                return nil
            } catch {
                return "\(error)"
            }
        }
        // The combined document is not part of what is logged: it is moved into place after the
        // letters, and a crash before that leaves only its hidden file.
        var combinedProblem: String?
        if let combinedStaging, let destination = options.combinedDocument {
            if rename(combinedStaging.final, destination) != 0 { combinedProblem = "\(destination): \(String(cString: strerror(errno)))" }
            combinedStaging.remove()
        }
        return Result(logged: entry.logged, interactions: letters.letterCount, folder: entry.folder,
                      followUp: entry.followUp.map { (header: $0.0, report: $0.1) }, moveProblem: moveProblem,
                      combinedProblem: combinedProblem, renderSeconds: renderSeconds, databaseSeconds: databaseSeconds)
    }

    /// What the logging transaction has recorded so far.
    private struct Recording {
        var logged: LoggedSegment
        let folder: String
        let user: String
        let moment: LocalClock.Moment
        /// One renderer per template document, for the merged values each entry records.
        var renderers: [String: LetterRenderer] = [:]
    }

    /// Starts the logging transaction's work: checks the segment is still open, claims the letters'
    /// folder (none without a staging folder: no line has a document) and records the logged segment.
    private func begin(moment: LocalClock.Moment, stagingID: Int?) throws -> Recording {
        let header = letters.header
        guard try store.segment(header.no) != nil else {
            throw RelationshipError.problems(["segment \(header.no) is no longer open (logged or deleted by someone else meanwhile); nothing logged"])
        }
        let user = SystemUser.name
        var logged = LoggedSegment(segmentNo: header.no, description: header.description, creationDate: moment.date, user: user,
                                   interactionTemplate: header.interactionTemplate, campaignNo: header.campaignNo)
        let entryNo = try store.nextLoggedSegmentNo()
        var folder = stagingID == nil ? "" : destination
        if let stagingID {
            if options.outputFolder == nil, entryNo != predictedEntryNo {
                folder = LetterFolder.absolute("\(Self.defaultParent)/\(entryNo)")
            }
            try claim(folder, stagingID: stagingID)
        }
        logged.lettersFolder = folder
        logged.entryNo = try store.insertLoggedSegment(logged)
        precondition(logged.entryNo == entryNo, "logged segment numbers are given in order")
        return Recording(logged: logged, folder: folder, user: user, moment: moment)
    }

    /// Reads the letters again, in the logging transaction, and records their entries: the same
    /// letters as were checked (and written), or nothing is logged (`forEachLetter` compares them).
    private func recordReadingAgain(into recording: inout Recording, digests: LetterDigests?, staging: String?) throws {
        try letters.forEachLetter(batch: SegmentLetters.readBatch, changed: changedMessage) { first, batch, plans in
            try recordEntries(first: first, batch: batch, plans: plans, into: &recording, digests: digests, staging: staging)
        }
    }

    /// Records the entries (and e-mail deliveries) of a batch of letters, the first of which is
    /// letter `first`; their documents' digests are in `digests`.
    private func recordEntries(first: Int, batch: [SegmentLetters.Letter], plans: [SegmentLetters.Plan], into recording: inout Recording,
                               digests: LetterDigests?, staging: String?) throws {
        try Interruption.check()
        let header = letters.header
        let (moment, user, loggedNo) = (recording.moment, recording.user, recording.logged.entryNo)
        let engine = MergeEngine.version
        let documentDigests = try digests?.hex(from: first, count: batch.count)
        for (offset, letter) in batch.enumerated() {
            let values = letter.line
            guard let index = letter.plan, let documentDigests else {
                try store.insertInteraction(InteractionEntry(
                    contactNo: letter.contactNo, contactCompanyNo: letter.contactCompanyNo, date: values.date, time: moment.time,
                    interactionTemplate: values.interactionTemplate, description: values.description, subject: values.subject,
                    correspondenceType: "", languageCode: values.languageCode,
                    informationFlow: header.informationFlow.rawValue, initiatedBy: header.initiatedBy.rawValue, cost: values.cost,
                    duration: values.duration, salespersonCode: values.salespersonCode, campaignNo: values.campaignNo,
                    segmentNo: header.no, loggedSegmentNo: loggedNo, user: user, lineNo: letter.lineNo,
                    campaignTarget: header.campaignTarget && !values.campaignNo.isEmpty, personalNote: values.personalNote))
                continue
            }
            let plan = plans[index]
            let renderer = recording.renderers[plan.sha256] ?? LetterRenderer(plan: plan.plan)
            recording.renderers[plan.sha256] = renderer
            let entryNo = try store.insertInteraction(InteractionEntry(
                contactNo: letter.contactNo, contactCompanyNo: letter.contactCompanyNo, date: values.date, time: moment.time,
                interactionTemplate: plan.document.templateCode, description: values.description, subject: values.subject,
                correspondenceType: (values.correspondenceType ?? .hardCopy).rawValue, languageCode: values.languageCode,
                informationFlow: header.informationFlow.rawValue, initiatedBy: header.initiatedBy.rawValue, cost: values.cost,
                duration: values.duration, salespersonCode: values.salespersonCode, campaignNo: values.campaignNo,
                segmentNo: header.no, loggedSegmentNo: loggedNo, user: user, documentName: letter.fileName,
                documentSHA256: documentDigests[offset], templateSHA256: plan.sha256,
                mergedValues: FlatJSON.encode(sorted: renderer.sortedMergedValues(letter.values)), lineNo: letter.lineNo,
                engineVersion: engine, compressionLevel: letters.compressionLevel,
                campaignTarget: header.campaignTarget && !values.campaignNo.isEmpty, editedByHand: letter.editedSHA256 != nil,
                personalNote: values.personalNote, pdfSHA256: try pdfDigest(of: letter.fileName, in: staging)))
            if let to = letter.email, let from = letters.from {
                try store.insertDelivery(SegmentLetters.delivery(for: letter, documentSHA256: documentDigests[offset], from: from, to: to,
                                                                 segmentNo: header.no, moment: moment, entryNo: entryNo))
            }
        }
    }

    /// Ends the logging transaction's work: the staging folder committed to its destination, the
    /// open segment removed, the follow-up opened when asked for.
    private func finish(_ recording: Recording, stagingID: Int?)
        throws -> (logged: LoggedSegment, folder: String, followUp: (SegmentHeader, StepReport)?) {
        let logged = recording.logged
        if let stagingID { try store.commitStaging(stagingID, destination: recording.folder, loggedSegmentNo: logged.entryNo) }
        try store.deleteSegment(letters.header.no)
        var followUp: (SegmentHeader, StepReport)?
        if options.followUp {
            let made = try InteractionLog(store: store).followUp(logged.entryNo, segment: nil)
            followUp = (made.header, made.report)
        }
        return (logged, recording.folder, followUp)
    }

    /// Where the combined document is made before the logging transaction: a hidden `.docx` beside
    /// the destination and, for a `.pdf`, the hidden PDF made from it; moved into place after it.
    private var combinedStaging: CombinedStaging? {
        options.combinedDocument.map { CombinedStaging(destination: $0) }
    }

    /// The SHA-256 of the PDF beside letter `name` in `staging`, with `--format pdf`; else empty.
    private func pdfDigest(of name: String, in staging: String?) throws -> String {
        guard options.lettersAsPDF, name.hasSuffix(".docx"), let staging else { return "" }
        let pdf = staging + "/" + PDFConverter.pdfName(for: name)
        guard let bytes = try? Folder.readFile(pdf) else {
            throw RelationshipError.problems(["\(PDFConverter.pdfName(for: name)): the PDF of the letter is missing; nothing logged"])
        }
        return SHA256.hex(bytes)
    }

    private var changedMessage: String {
        "segment \(letters.header.no) or its contacts changed while the letters were written; nothing logged (run log again)"
    }

    /// The letters' folder checked again inside the logging transaction, which runs one at a time:
    /// it must still be missing or empty, and no other logged segment's letters may be on their way
    /// into it (committed, still in staging). Two runs with one `--out` cannot both log into it.
    private func claim(_ folder: String, stagingID: Int) throws {
        if let problem = Self.folderProblem(folder, explicit: options.outputFolder != nil) {
            throw RelationshipError.problems([problem + " (it changed while the letters were written); nothing logged"])
        }
        let waiting = try store.stagings().first {
            $0.id != stagingID && $0.committed && LetterFolder.isSameFolder($0.destination, folder)
        }
        if let waiting {
            throw RelationshipError.problems([
                "\(folder): the letters of logged segment \(waiting.loggedSegmentNo ?? 0) are still to be moved into this folder "
                    + "(they are in \(waiting.staging)); nothing logged",
            ])
        }
    }
}

/// The hidden files a combined document is made in before it is moved into place.
struct CombinedStaging {
    let docx: String
    let final: String

    init(destination: String) {
        let hidden = LetterFolder.parent(of: destination) + "/." + Folder.baseName(of: destination) + ".\(getpid())"
        docx = hidden + ".docx"
        final = destination.lowercased().hasSuffix(".pdf") ? hidden + ".pdf" : docx
    }

    /// Registers both files to be removed if a signal ends the process. - Returns: the tokens.
    func registerForInterruption() -> [Int] {
        [Interruption.register(file: docx), Interruption.register(file: final)]
    }

    func remove() {
        unlink(docx)
        unlink(final)
    }
}

/// Test hook: `LETTERSHOP_CRASH_AT=POINT` kills the process (SIGKILL) when a `segment log` reaches
/// that point, so the crash tests can hit every step of the power-cut order. The points, in order:
/// `staging` (its record committed), `writing` (ten letters written), `rendered` (all written, with
/// their PDFs and the combined document's hidden file), `synced` (letters, PDFs and folder synced),
/// `recorded` (inside the transaction), `committed`, `published` (letters in place, the staging
/// record not yet removed). Without the variable nothing happens.
enum CrashPoint {
    static let target: String? = getenv("LETTERSHOP_CRASH_AT").flatMap { String(validatingCString: $0) }

    static func reach(_ point: String) {
        if target == point { kill(getpid(), SIGKILL) }
    }
}

/// Wall-clock laps, for the time split `segment log` reports.
struct Stopwatch {
    private var last = Stopwatch.seconds()

    mutating func lap() -> Double {
        let now = Self.seconds()
        defer { last = now }
        return now - last
    }

    private static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
