import DocxMerge

/// The letters of an open segment: one per line, from the template document of the line's
/// language, with the merge fields cli.md lists. Preparing them runs every check `log` makes
/// (`issues`); `segment check`, `segment merge` and `segment log` all start here.
public struct SegmentLetters {
    /// One letter to write.
    public struct Letter: Sendable, Equatable {
        public let lineNo: Int
        public let contactNo: String
        /// A person's `CompanyNo`, or a company's own `No`.
        public let contactCompanyNo: String
        /// `<ContactNo>.docx`, or `<ContactNo>.eml` for an e-mail line, made safe and unique; empty
        /// for a line whose template has no document (a call, a meeting: nothing is written).
        public let fileName: String
        /// Index into `plans`; nil when the line's template has no document.
        public let plan: Int?
        /// Values in `columns` order.
        public let values: [String]
        /// The line's interaction data, for its log entry.
        public let line: LineValues
        /// The recipient of an e-mail line; nil for a hard copy.
        public let email: MailAddress?
        /// The SHA-256 of the letter the user edited for this line (`segment line attach`), written
        /// byte for byte instead of merging; nil when the letter is merged.
        public let editedSHA256: String?
    }

    /// A template document the letters use, compiled for the segment's columns.
    public struct Plan: @unchecked Sendable {
        public let plan: LetterPlan
        public let document: TemplateDocument
        /// Whether the document has a `PersonalNote` field (in any form: merge field, placeholder, `IF`).
        public let showsPersonalNote: Bool
        public var sha256: String { document.sha256 }

        public init(plan: LetterPlan, document: TemplateDocument) {
            self.plan = plan
            self.document = document
            showsPersonalNote = plan.template.fieldNames.contains { FieldKey($0) == SegmentLetters.personalNoteKey }
        }
    }

    /// The line fields a letter can use; they win over contact fields of the same name.
    public static let lineColumns = ["Description", "Subject", "Date", "SalespersonCode", "CampaignNo", "LanguageCode",
                                     "SegmentNo", "PersonalNote"]

    public let header: SegmentHeader
    /// The merge columns, in precedence order: line fields, `ContactNo`, standard contact fields, custom fields.
    public let columns: [String]
    /// One plan per template document used.
    public let plans: [Plan]
    /// How many lines passed every check: one letter (or one interaction without a document) each.
    /// The letters themselves are not kept; `forEachLetter` reads them again from the store, a batch at a time.
    public let letterCount: Int
    /// How many of them have a document to write (the others' templates have none).
    public let documentCount: Int
    /// The first letter edited by hand (`segment line attach`) among them, if any.
    public let firstEditedLetter: Letter?
    /// Whether some line, passing the checks or not, would have a document: false only when every
    /// line's template has none (a segment of calls needs no folder).
    public let writesFiles: Bool
    /// Every error, and the warnings up to the `warningLimit` given, in line order (segment-wide ones first).
    public let issues: [SegmentIssue]
    /// How many warnings were found past the `warningLimit` (counted, not kept).
    public let unlistedWarnings: Int
    /// The sender of the e-mail lines (`--from`).
    public let from: MailAddress?
    public let compressionLevel: Int
    /// Whether a personal note the line's document does not show is only a warning (`--allow-unused-notes`).
    public let allowUnusedNotes: Bool
    private let store: any RelationshipStore
    /// The SHA-256 of every letter's content, in line order: what a later pass must find again.
    private let fingerprint: [UInt8]

    /// Reads segment `no` and checks it, streaming its lines (what the duplicate checks and the file
    /// names need of each line is kept in a `KeyTable`, out of memory). Problems are collected in
    /// `issues`, not thrown.
    /// - Parameters:
    ///   - from: the `--from` address, needed when some line goes by e-mail.
    ///   - warningLimit: how many warnings to keep in `issues`; the rest are only counted.
    ///   - allowUnusedNotes: a line whose personal note its document does not show is a warning, not an error.
    /// - Throws: `RelationshipError.unknownSegment`; store errors.
    public init(store: any RelationshipStore, segment no: String, compressionLevel: Int = 6, from: String? = nil,
                warningLimit: Int = .max, allowUnusedNotes: Bool = false) throws {
        var builder = Builder(compressionLevel: compressionLevel, collectWarnings: true, warningLimit: warningLimit, knownPlans: [],
                              allowUnusedNotes: allowUnusedNotes)
        header = try store.read { try builder.run(store: store, segment: no, from: from, batch: Self.readBatch) { _, _ in } }
        columns = builder.columns
        plans = builder.plans
        letterCount = builder.letterCount
        documentCount = builder.documentCount
        firstEditedLetter = builder.firstEditedLetter
        writesFiles = builder.fileLines > 0
        issues = builder.segmentIssues + builder.lineIssues
        unlistedWarnings = builder.unlistedWarnings
        self.from = builder.from
        self.compressionLevel = compressionLevel
        self.allowUnusedNotes = allowUnusedNotes
        self.store = store
        fingerprint = builder.fingerprint()
    }

    /// Lines read from the store at a time by the checks.
    static let readBatch = 512

    /// Reads the letters again from the store, in line order, `batch` lines at a time, and hands each
    /// batch to `body` with the index of its first letter and the plans (the `plan` of a letter indexes
    /// them). Run inside a transaction for one snapshot (or it runs in a read transaction of its own).
    /// - Parameter changed: the error when the letters read are not the ones checked (the segment, its
    ///   contacts or templates changed meanwhile); thrown after the last batch at the latest.
    public func forEachLetter(batch: Int, changed: String,
                              _ body: (_ first: Int, _ letters: [Letter], _ plans: [Plan]) throws -> Void) throws {
        var builder = Builder(compressionLevel: compressionLevel, collectWarnings: false, warningLimit: 0, knownPlans: plans,
                              allowUnusedNotes: allowUnusedNotes)
        var count = 0
        try store.read {
            _ = try builder.run(store: store, segment: header.no, from: nil, batch: max(1, batch)) { letters, plans in
                guard count + letters.count <= letterCount else { throw RelationshipError.problems([changed]) }
                try body(count, letters, plans)
                count += letters.count
            }
        }
        // No `--from` is given to a later pass, so its "no-from" is not a problem.
        let errors = (builder.segmentIssues + builder.lineIssues).errors.filter { $0.code != "no-from" }
        guard count == letterCount, errors.isEmpty, builder.fingerprint() == fingerprint else {
            throw RelationshipError.problems([changed])
        }
    }

    /// The `.docx` of the letter of line `lineNo` (the first line's when nil), for a preview.
    /// - Throws: `RelationshipError.problems` when the segment has no such line, or the line has no
    ///   letter (its problems named); the letter's rendering error.
    public func document(lineNo: Int?) throws -> (letter: Letter, docx: [UInt8]) {
        var found: (Letter, Plan?)?
        try forEachLetter(batch: Self.readBatch, changed: "segment \(header.no) changed while it was read (run it again)") { _, batch, plans in
            guard found == nil, let letter = batch.first(where: { lineNo == nil ? $0.plan != nil : $0.lineNo == lineNo }) else { return }
            found = (letter, letter.plan.map { plans[$0] })
        }
        guard let (letter, plan) = found else {
            let problems = issues.errors.filter { lineNo == nil || $0.lineNo == lineNo }.map(\.text)
            if !problems.isEmpty { throw RelationshipError.problems(problems) }
            throw RelationshipError.problems([lineNo.map { "segment \(header.no) has no line \($0)" } ?? "segment \(header.no) has no letters"])
        }
        guard let plan else {
            throw RelationshipError.problems(["line \(letter.lineNo) (\(letter.contactNo)): template \(letter.line.interactionTemplate) "
                                              + "has no document (a call or a meeting), so there is no letter to show"])
        }
        if let edited = letter.editedSHA256 {
            guard let bytes = try store.documentBytes(sha256: edited), SHA256.hex(bytes) == edited else {
                throw RelationshipError.problems(["line \(letter.lineNo) (\(letter.contactNo)): its letter edited by hand is no longer stored"])
            }
            return (letter, bytes)
        }
        do {
            return (letter, try LetterRenderer(plan: plan.plan).render(letter.values))
        } catch {
            throw RelationshipError.problems(["line \(letter.lineNo) (\(letter.contactNo)): \(error)"])
        }
    }

    /// - Throws: `RelationshipError.problems` when a letter is edited by hand: a combined document
    ///   is made from the templates' rendered parts, which such a letter does not follow.
    public func requireCombinable() throws {
        guard let letter = firstEditedLetter else { return }
        throw RelationshipError.problems([Self.editedLetterRefusal(segmentNo: header.no, letter: letter)])
    }

    /// True when nothing stops `log`.
    public var isReady: Bool { issues.errors.isEmpty }

    /// - Throws: `RelationshipError.problems` with every error, one line each, when not ready.
    public func requireReady() throws {
        let errors = issues.errors
        guard errors.isEmpty else { throw RelationshipError.problems(errors.map(\.text)) }
    }

    /// Renders every letter into `sink`, and into `combiner` when given (made with `plans`, in their
    /// order), `jobs` at a time, streaming (64 × `jobs` lines read from the store at a time); e-mail
    /// lines become messages with the letter attached, dated `moment`'s time on the line's date.
    /// `progress` gets the number written so far.
    /// - Parameters:
    ///   - digests: where the SHA-256 of each letter's `.docx` goes, by letter index (line order).
    ///   - written: called with each batch of letters (the index of its first, the letters, the plans)
    ///     once every letter of it is written and its digests are in `digests`, batch after batch in
    ///     line order, on the calling thread while the next batch is being rendered.
    /// - Throws: the first failing letter's error, naming its line; `changed` (as `problems`) when the
    ///   letters read are not the ones checked; what `written` throws.
    public func render(into sink: (any LetterSink)?, combiner: LetterCombiner? = nil, jobs: Int,
                       moment: LocalClock.Moment = LocalClock.moment(), changed: String? = nil, digests: LetterDigests? = nil,
                       progress: (Int) -> Void = { _ in },
                       written: ((_ first: Int, _ letters: [Letter], _ plans: [Plan]) throws -> Void)? = nil) throws {
        let from = self.from
        let segmentNo = header.no
        let renderer = ParallelRenderer(jobs: jobs)
        let changed = changed ?? "segment \(segmentNo) or its contacts changed while the letters were written (run it again)"
        let planCount = plans.count
        // The HTML of e-mails, compiled once per template document (a document compiled while the
        // letters are read, or one the HTML compiler cannot take, has its letters converted one by one).
        let htmls: [TemplateHTML?] = from == nil || sink == nil ? [] : plans.map {
            if case let .compiled(html) = TemplateHTML.compile($0.plan.template) { return html }
            return nil
        }
        if combiner != nil { try requireCombinable() }
        typealias Group = (letters: [Letter], pending: PendingBatch)
        typealias Batch = (first: Int, letters: [Letter], plans: [Plan], groups: [Group], combined: OrderedLetters?)
        // A batch's letters are queued, one group per template document, while the store is read for
        // the next batch: the threads go from batch to batch without waiting.
        var rendering: Batch?
        var done = 0
        var combinedCount = 0
        /// Waits for `batch`'s groups; the first failing letter's error names its line.
        func finish(_ batch: Batch?) throws {
            guard let batch else { return }
            for (letters, pending) in batch.groups {
                do {
                    try pending.wait()
                } catch let failure as RecordFailure {
                    let letter = letters[failure.index]
                    throw RelationshipError.problems(["line \(letter.lineNo) (\(letter.contactNo)): \(failure.error)"])
                }
                done += letters.count
            }
            if let combiner { try batch.combined?.append(to: combiner) }
            progress(done)
            try written?(batch.first, batch.letters, batch.plans)
        }
        do {
            try forEachLetter(batch: 64 * max(1, jobs), changed: changed) { first, batch, plans in
                var order: [Int] = []
                var positions: [Int: [Int]] = [:]
                // Where each letter with a document goes in the combined document: letters without one
                // (calls, meetings) take no place there.
                var places: [Int?] = []
                var documents = 0
                for letter in batch {
                    places.append(letter.plan == nil ? nil : documents)
                    if letter.plan != nil { documents += 1 }
                }
                let combinedPositions = places
                for (position, letter) in batch.enumerated() where letter.editedSHA256 == nil {
                    guard let plan = letter.plan else { continue }
                    if positions[plan] == nil { order.append(plan) }
                    positions[plan, default: []].append(position)
                }
                // Letters edited by hand are written as stored, here; a combined document is made
                // from the templates' parts, which an edited letter does not follow.
                for (position, letter) in batch.enumerated() where letter.plan != nil {
                    guard let edited = letter.editedSHA256 else { continue }
                    if combiner != nil { throw RelationshipError.problems([Self.editedLetterRefusal(segmentNo: segmentNo, letter: letter)]) }
                    guard let bytes = try store.documentBytes(sha256: edited), SHA256.hex(bytes) == edited else {
                        throw RelationshipError.problems(["line \(letter.lineNo) (\(letter.contactNo)): its letter edited by hand is no longer stored"])
                    }
                    try Self.write(letter, bytes: bytes, index: first + position, into: sink, digests: digests, from: from,
                                   segmentNo: segmentNo, moment: moment)
                    done += 1
                }
                if combiner != nil, order.contains(where: { $0 >= planCount }) { throw RelationshipError.problems([changed]) }
                let combinedFirst = combinedCount
                combinedCount += documents
                let combined = combiner.map { _ in OrderedLetters(count: documents) }
                var started: [Group] = []
                for plan in order {
                    let indices = positions[plan]!
                    let group = indices.map { batch[$0] }
                    started.append((group, renderer.queue(group.map(\.values), plan: plans[plan].plan) { position, renderer in
                        let letter = group[position]
                        var parts: [String: [UInt8]]?
                        if sink != nil || digests != nil {
                            let bytes: [UInt8]
                            let html = letter.email == nil || plan >= htmls.count ? nil : htmls[plan]
                            if combiner != nil || html != nil {
                                (bytes, parts) = try renderer.renderWithParts(letter.values)
                            } else {
                                bytes = try renderer.render(letter.values)
                            }
                            let made = html.map { html in
                                MadeMail(documentXML: parts?["word/document.xml"]) { try renderer.html(letter.values, html: html, contentIDSuffix: $0) }
                            }
                            try Self.write(letter, bytes: bytes, index: first + indices[position], into: sink, digests: digests,
                                           from: from, segmentNo: segmentNo, moment: moment, made: made)
                        }
                        if let combiner, let combined, let at = combinedPositions[indices[position]] {
                            combined.set(at, try combiner.prepare(index: combinedFirst + at, plan: plan,
                                                                  parts: parts ?? renderer.renderParts(letter.values)))
                        }
                    }))
                }
                let previous = rendering
                rendering = (first, batch, plans, started, combined)
                try finish(previous)
            }
            try finish(rendering)
        } catch {
            // No thread may still write into the folder the caller is about to discard.
            for (_, pending) in rendering?.groups ?? [] { try? pending.wait() }
            throw error
        }
    }

    /// What an e-mail's message takes from its letter when the letter was rendered with it: its
    /// `word/document.xml`, and its HTML from the template's, once its Message-ID (the pictures'
    /// Content-ID suffix) is known.
    struct MadeMail {
        let documentXML: [UInt8]?
        let html: (_ contentIDSuffix: String) throws -> LetterHTML?
    }

    /// Writes one letter's file: the `.docx`, or for an e-mail line the message with it attached;
    /// notes its digest as letter `index`.
    private static func write(_ letter: Letter, bytes: [UInt8], index: Int, into sink: (any LetterSink)?, digests: LetterDigests?,
                              from: MailAddress?, segmentNo: String, moment: LocalClock.Moment, made: MadeMail? = nil) throws {
        let digest = digests != nil || letter.email != nil ? SHA256.hash(bytes) : []
        try digests?.set(index, digest)
        guard let sink else { return }
        if let to = letter.email, let from {
            let message = try message(for: letter, docx: bytes, digest: digest, from: from, to: to, segmentNo: segmentNo, moment: moment,
                                      made: made)
            try sink.write(name: letter.fileName, bytes: message)
        } else {
            try sink.write(name: letter.fileName, bytes: bytes)
        }
    }

    /// Why a segment with letters edited by hand cannot be combined.
    static func editedLetterRefusal(segmentNo: String, letter: Letter) -> String {
        "line \(letter.lineNo) (\(letter.contactNo)) has a letter edited by hand, which a combined document cannot hold "
            + "(it is made from the templates); write the letters separately (without --combine), "
            + "or detach it (segment line detach \(segmentNo) \(letter.contactNo))"
    }

    /// The `.eml` of an e-mail line: From `from`, To the contact, Subject the line's Subject (else its
    /// Description), a text and an HTML body made from the letter, and the letter attached as
    /// `<ContactNo>.docx`.
    static func message(for letter: Letter, docx: [UInt8], digest: [UInt8], from: MailAddress, to: MailAddress, segmentNo: String,
                        moment: LocalClock.Moment, made: MadeMail? = nil) throws -> [UInt8] {
        let delivery = delivery(for: letter, documentSHA256: SHA256.hexDigits(digest), from: from, to: to, segmentNo: segmentNo, moment: moment)
        return try LetterMail.message(docx: docx, documentName: letter.fileName,
                                      subject: letter.line.subject.isEmpty ? letter.line.description : letter.line.subject,
                                      delivery: delivery, documentXML: made?.documentXML, html: made?.html(delivery.messageID))
    }

    /// The delivery record an e-mail line's entry starts with: queued, with the message's make-up
    /// as `segment log` writes it (the letter attached).
    static func delivery(for letter: Letter, documentSHA256: String, from: MailAddress, to: MailAddress, segmentNo: String,
                         moment: LocalClock.Moment, entryNo: Int = 0) -> EmailDelivery {
        EmailDelivery(entryNo: entryNo, messageID: LetterMail.messageID(documentSHA256: documentSHA256, contactNo: letter.contactNo,
                                                                        segmentNo: segmentNo, from: from),
                      sender: LetterMail.senderText(from), recipientName: to.name, recipientAddress: to.address,
                      messageDate: MailDate.format(date: letter.line.date, time: moment.time, offsetMinutes: moment.offsetMinutes),
                      attachment: .docx, updatedAt: moment.date + "T" + moment.time)
    }
}

/// Where rendered letters go: an `OutputFolder` for a preview, a staging folder for `log`.
public protocol LetterSink: Sendable {
    /// Writes one file; called from several threads at once, each with its own name.
    func write(name: String, bytes: [UInt8]) throws
}

extension OutputFolder: LetterSink {}

/// Reads a segment a batch of lines at a time and checks every line, building the letters of the
/// lines that pass and handing them on a batch at a time; only what a check needs across lines is
/// kept (hashes of addresses, the first lines that share one), and a fingerprint of the letters.
private struct Builder {
    let compressionLevel: Int
    /// False on a later pass: only errors matter, so warnings (and the duplicate checks) are skipped.
    let collectWarnings: Bool
    /// How many warnings to keep; the rest are counted in `unlistedWarnings`.
    let warningLimit: Int
    /// Plans compiled by an earlier pass, by template document.
    let knownPlans: [String: SegmentLetters.Plan]
    /// A personal note the document does not show is a warning instead of an error.
    let allowUnusedNotes: Bool
    var columns: [String] = []
    var plans: [SegmentLetters.Plan] = []
    var letterCount = 0
    var documentCount = 0
    /// The first letter that passed the checks and is edited by hand.
    var firstEditedLetter: SegmentLetters.Letter?
    /// Lines whose template is not one without documents.
    var fileLines = 0
    var segmentIssues: [SegmentIssue] = []
    var lineIssues: [SegmentIssue] = []
    var unlistedWarnings = 0
    private var listedWarnings = 0
    var from: MailAddress?
    private var digest = SHA256()

    init(compressionLevel: Int, collectWarnings: Bool, warningLimit: Int, knownPlans: [SegmentLetters.Plan], allowUnusedNotes: Bool) {
        self.compressionLevel = compressionLevel
        self.allowUnusedNotes = allowUnusedNotes
        self.collectWarnings = collectWarnings
        self.warningLimit = warningLimit
        self.knownPlans = Dictionary(knownPlans.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The SHA-256 of the letters built so far.
    func fingerprint() -> [UInt8] {
        let copy = digest
        return copy.finalize()
    }

    mutating func run(store: any RelationshipStore, segment no: String, from fromText: String?, batch: Int,
                      deliver: ([SegmentLetters.Letter], [SegmentLetters.Plan]) throws -> Void) throws -> SegmentHeader {
        guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
        let lineCount = try store.lineCount(of: header.no)
        if header.description.isEmpty { segmentIssues.append(SegmentIssue(.error, "no-description", "segment \(header.no) has no Description")) }
        if lineCount == 0 { segmentIssues.append(SegmentIssue(.error, "no-lines", "segment \(header.no) has no lines")) }
        if let fromText {
            from = MailAddress(parsing: fromText)
            if from == nil {
                segmentIssues.append(SegmentIssue(.error, "invalid-from", "--from '\(fromText)' is not an e-mail address (name@example.com or \"Name <name@example.com>\")"))
            }
        }
        let custom = try store.customFields()
        columns = SegmentLetters.lineColumns + ["ContactNo"] + ContactField.allCases.map(\.rawValue) + custom.map(\.name)

        var planBySHA: [String: Int] = [:]
        // A document that failed to compile; `missing`: the fields nothing provides (reported per line).
        var failedDocuments: [String: (name: String, error: String, lines: Int, missing: [String]?)] = [:]
        var failedOrder: [String] = []
        /// Each template met, by lower-cased code: its documents (nil: no such template) and the
        /// document serving each language met (nil: none does), each worked out once per run.
        var templates: [String: (documents: [TemplateDocument]?, served: [String: TemplateDocument?])] = [:]
        var renderers: [LetterRenderer] = []
        var namer = FileNamer()
        var emailLines = 0
        var emails = SeenKeys()
        var addresses = SeenKeys()
        let steps = Dictionary(try store.steps(of: header.no).map { ($0.stepNo, $0) }, uniquingKeysWith: { first, _ in first })
        let edited = try store.lineDocuments(segment: header.no)
        /// The documents of template `code` (none for a call or a meeting); nil when there is no such template.
        func documents(_ code: String) throws -> [TemplateDocument]? {
            let key = code.lowercased()
            if let known = templates[key] { return known.documents }
            let found = try store.template(code) == nil ? nil : try store.documents(of: code)
            templates[key] = (found, [:])
            return found
        }
        /// The document of template `code` (whose documents are `documents`) serving `language`.
        func serving(_ code: String, _ documents: [TemplateDocument], language: String) -> TemplateDocument? {
            let key = code.lowercased()
            if let known = templates[key]?.served[language] { return known }
            let found = documents.serving(language)
            templates[key]?.served[language] = .some(found)
            return found
        }
        try store.forEachSegmentLine(segment: header.no, batch: batch) { lines in
            var letters: [SegmentLetters.Letter] = []
            let numbers = lines.map(\.contactNo)
            let contacts = try store.contacts(numbered: numbers)
            let optOuts = try store.currentOptOuts(contactNos: numbers)
            for line in lines {
                var errors: [SegmentIssue] = []
                var warnings: [SegmentIssue] = []
                func error(_ code: String, _ message: String) { errors.append(SegmentIssue(.error, code, line: line, message)) }
                /// Keeps a warning while under the limit (its message is only made then), else counts it.
                func warning(_ code: String, _ message: @autoclosure () throws -> String) rethrows {
                    guard collectWarnings else { return }
                    guard listedWarnings < warningLimit else { unlistedWarnings += 1; return }
                    warnings.append(SegmentIssue(.warning, code, line: line, try message()))
                    listedWarnings += 1
                }
                let values = line.values
                let contact = contacts[line.contactNo]
                let code = values.interactionTemplate
                let documents = code.isEmpty ? nil : try documents(code)
                // A template with no document at all records a call or a meeting: no channel, no file.
                let documentless = documents?.isEmpty == true
                let isEmail = values.correspondenceType == .email && !documentless
                if !documentless { fileLines += 1 }
                if let contact, documentless {
                    if contact.isPrivacyBlocked { error("privacy-blocked", "the contact is privacy-blocked") }
                    if contact.isExcluded { warning("excluded", Self.excludedMessage(addedBy: steps[line.addedByStep])) }
                } else if let contact {
                    if contact.isPrivacyBlocked { error("privacy-blocked", "the contact is privacy-blocked") }
                    let channel = values.correspondenceType ?? .hardCopy
                    if let optOut = optOuts[contact.no]?[channel], optOut.optedOut {
                        error("opted-out", "the contact has opted out of \(channel == .email ? "e-mail" : "hard copies") (since \(optOut.date)); "
                              + "remove the line or change its CorrespondenceType")
                    }
                    if contact.isExcluded { warning("excluded", Self.excludedMessage(addedBy: steps[line.addedByStep])) }
                    if isEmail {
                        emailLines += 1
                        let address = contact[.email].trimmingWhitespace()
                        if address.isEmpty {
                            error("no-email", "an e-mail line, but the contact has no Email")
                        } else if !MailAddress.isValid(address) {
                            error("invalid-email", "an e-mail line, but the contact's Email is not a valid e-mail address")
                        } else {
                            if MailAddress.needsSMTPUTF8(address) {
                                warning("smtputf8-email", "the contact's Email '\(address)' has letters beyond ASCII before the @: "
                                        + "it is sent only through a server that supports SMTPUTF8, else marked failed")
                            }
                            if collectWarnings, let earlier = try emails.note(SeenKeys.key(address.lowercased()), line: line.lineNo) {
                                try warning("duplicate-email", "the same e-mail address as \(try Self.lineList(earlier, store: store, segment: header.no))")
                            }
                        }
                    } else {
                        if contact[.address].isEmpty || (contact[.postCode].isEmpty && contact[.city].isEmpty) {
                            warning("no-postal-address", "a hard copy, but the contact has no postal address (Address, PostCode or City)")
                        } else if collectWarnings {
                            let key = [ContactField.address, .address2, .postCode, .city, .countryCode]
                                .map { SegmentLetters.addressPart(contact[$0]) }.joined(separator: "\u{1F}")
                            if let earlier = try addresses.note(SeenKeys.key(key), line: line.lineNo) {
                                try warning("duplicate-address", "the same postal address as \(try Self.lineList(earlier, store: store, segment: header.no))")
                            }
                        }
                    }
                } else {
                    error("unknown-contact", "the contact no longer exists")
                }
                if values.date.isEmpty { error("no-date", "no Date") }

                var plan: Int?
                if documentless, edited[line.contactNo] != nil {
                    error("edited-letter", "a letter edited by hand is attached, but template \(code) has no document "
                          + "(segment line detach \(header.no) \(line.contactNo))")
                }
                if code.isEmpty {
                    error("no-template", "no InteractionTemplate")
                } else if let documents, !documentless {
                    if let document = serving(code, documents, language: values.languageCode) {
                        if let known = planBySHA[document.sha256] {
                            plan = known
                        } else if let known = knownPlans[document.sha256] {
                            plans.append(known)
                            renderers.append(LetterRenderer(plan: known.plan))
                            planBySHA[document.sha256] = plans.count - 1
                            plan = plans.count - 1
                        } else if let failure = failedDocuments[document.sha256] {
                            failedDocuments[document.sha256]!.lines += 1
                            if let missing = failure.missing { error("unresolved-fields", Self.unresolved(missing, in: failure.name)) }
                        } else {
                            let name = "template \(document.templateCode) (\(document.language.isEmpty ? "any language" : document.language) v\(document.version))"
                            do {
                                let bytes = try store.documentBytes(sha256: document.sha256) ?? []
                                let template = try MergeTemplate(bytes: bytes, name: name)
                                let compiled = try LetterPlan(template: template, columns: columns, missing: .error,
                                                              compressionLevel: compressionLevel)
                                plans.append(SegmentLetters.Plan(plan: compiled, document: document))
                                renderers.append(LetterRenderer(plan: compiled))
                                planBySHA[document.sha256] = plans.count - 1
                                plan = plans.count - 1
                            } catch let failure as MergeError {
                                if case let .missingFields(fields) = failure {
                                    failedDocuments[document.sha256] = (name, "\(name): \(failure)", 1, fields)
                                    error("unresolved-fields", Self.unresolved(fields, in: name))
                                } else {
                                    failedDocuments[document.sha256] = (name, "\(failure)", 1, nil)
                                    failedOrder.append(document.sha256)
                                }
                            }
                        }
                    } else {
                        let language = values.languageCode.isEmpty ? "no language" : "language '\(values.languageCode)'"
                        error("no-document", "template \(code) has no document for \(language) and no language-independent one")
                    }
                } else if documents == nil {
                    error("unknown-template", "unknown interaction template '\(code)'")
                }
                if let plan, let message = SegmentLetters.unusedNoteMessage(line: line, plan: plans[plan]) {
                    if allowUnusedNotes { warning(SegmentLetters.unusedNoteCode, message) } else { error(SegmentLetters.unusedNoteCode, message) }
                }
                let letterValues = contact.map { Self.values(line: line, header: header, contact: $0, custom: custom) }
                // Only the fields the letter uses count; most lines have no such character at all.
                if let plan, let letterValues, letterValues.contains(where: { XMLCharacters.firstForbidden(in: $0) != nil }) {
                    for (field, value) in renderers[plan].sortedMergedValues(letterValues) {
                        if let bad = XMLCharacters.firstForbidden(in: value) {
                            error("forbidden-character",
                                  "field '\(field)' holds character \(XMLCharacters.name(bad.value)), which a Word document cannot hold")
                        }
                    }
                }
                lineIssues += errors + warnings
                guard errors.isEmpty, let contact, plan != nil || documentless, let letterValues else { continue }
                let address = contact[.email].trimmingWhitespace()
                let name = contact[.name].isEmpty ? [contact[.firstName], contact[.surname]].filter { !$0.isEmpty }.joined(separator: " ") : contact[.name]
                let letter = SegmentLetters.Letter(
                    lineNo: line.lineNo, contactNo: line.contactNo, contactCompanyNo: contact.companyKey,
                    fileName: documentless ? "" : try namer.name(for: line.contactNo, fallback: String(line.lineNo), extension: isEmail ? "eml" : "docx"),
                    plan: plan, values: letterValues, line: values,
                    email: isEmail ? MailAddress(name: name, address: address) : nil, editedSHA256: edited[line.contactNo])
                Self.add(letter, sha256: plan.map { plans[$0].sha256 } ?? "", to: &digest)
                letterCount += 1
                if plan != nil { documentCount += 1 }
                if firstEditedLetter == nil, letter.editedSHA256 != nil { firstEditedLetter = letter }
                letters.append(letter)
            }
            try deliver(letters, plans)
        }
        for sha in failedOrder {
            let failure = failedDocuments[sha]!
            segmentIssues.append(SegmentIssue(.error, "template-error",
                                              "\(failure.error) (used by \(failure.lines == 1 ? "1 line" : "\(failure.lines) lines"))"))
        }
        if emailLines > 0, fromText == nil {
            segmentIssues.append(SegmentIssue(.error, "no-from",
                                              "\(emailLines == 1 ? "1 line goes" : "\(emailLines) lines go") by e-mail: give the sender with --from ADDRESS"))
        }
        return header
    }

    /// The excluded-contact warning, saying how the line came onto the segment.
    private static func excludedMessage(addedBy step: SegmentStep?) -> String {
        let text = "the contact is excluded from segments"
        guard let step else { return text }
        if step.definition.action == .addContacts { return text + " (it was added by hand, step \(step.stepNo))" }
        return text + " (it was added by step \(step.stepNo): \(step.definition.summary))"
    }

    /// One line's unresolved merge fields, all of them.
    private static func unresolved(_ fields: [String], in document: String) -> String {
        let list = fields.map { "'\($0)'" }.joined(separator: ", ")
        return fields.count == 1
            ? "\(document): unresolved field \(list) (no contact or line field of that name)"
            : "\(document): unresolved fields \(list) (no contact or line fields of those names)"
    }

    /// `line 10000 (CT000011)`, `lines 10000 (CT000011), 20000 (CT000012)`, at most five named
    /// (their contacts read from the store).
    private static func lineList(_ lines: SeenKeys.Lines, store: any RelationshipStore, segment: String) throws -> String {
        let named = try lines.named.map { "\($0) (\(try store.contactNo(ofLine: $0, segment: segment) ?? ""))" }.joined(separator: ", ")
        let more = lines.count > 5 ? " and \(lines.count - 5) more" : ""
        return (lines.count == 1 ? "line " : "lines ") + named + more
    }

    /// Adds what decides a letter's bytes and its log entry to `digest`, each text length-prefixed and
    /// each number in 8 bytes, in one update (the parts are short: one update each cost more than the
    /// hashing).
    private static func add(_ letter: SegmentLetters.Letter, sha256: String, to digest: inout SHA256) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        func number(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        func part(_ text: String) {
            number(UInt64(text.utf8.count))
            bytes += text.utf8
        }
        let line = letter.line
        number(UInt64(bitPattern: Int64(letter.lineNo)))
        for text in [letter.contactNo, letter.contactCompanyNo, letter.fileName, sha256, line.description, line.subject,
                     line.interactionTemplate, line.salespersonCode, line.campaignNo, line.date] { part(text) }
        number(line.cost.bitPattern)
        number(line.duration.bitPattern)
        part(line.correspondenceType?.rawValue ?? "-")
        part(line.languageCode)
        part(line.personalNote)
        if let email = letter.email {
            part("email")
            part(email.name)
            part(email.address)
        } else {
            part("paper")
        }
        part(letter.editedSHA256 ?? "merged")
        number(UInt64(letter.values.count))
        for text in letter.values { part(text) }
        digest.update(bytes)
    }

    private static func values(line: SegmentLine, header: SegmentHeader, contact: Contact, custom: [CustomField]) -> [String] {
        let values = line.values
        return [values.description, values.subject, values.date, values.salespersonCode, values.campaignNo, values.languageCode,
                header.no, values.personalNote, contact.no]
            + contact.fields + custom.map { contact.custom[$0.key] ?? "" }
    }
}

/// Keys seen on earlier lines (64 bits of the SHA-256 of each, with the first line of each in a
/// `KeyTable`), and the first lines of each key seen more than once: what the duplicate warnings
/// need, not the values.
private struct SeenKeys {
    /// The earlier lines with one key: the first five, and how many in all.
    struct Lines {
        var named: [Int]
        var count: Int
    }

    private var first = KeyTable()
    private var repeated: [UInt64: Lines] = [:]

    static func key(_ text: String) -> UInt64 {
        SHA256.hash(text.utf8).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Records `line` under `key`. - Returns: the earlier lines with this key, if any.
    mutating func note(_ key: UInt64, line: Int) throws -> Lines? {
        if var seen = repeated[key] {
            let earlier = seen
            if seen.named.count < 5 { seen.named.append(line) }
            seen.count += 1
            repeated[key] = seen
            return earlier
        }
        guard let firstLine = try first.insert(key, value: UInt64(line)).map(Int.init) else { return nil }
        repeated[key] = Lines(named: [firstLine, line], count: 2)
        return Lines(named: [firstLine], count: 1)
    }
}
