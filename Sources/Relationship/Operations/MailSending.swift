import Dispatch
import DocxMerge
import MailDelivery

#if canImport(Glibc)
import Glibc
#endif

/// `mail send`: sends the e-mail interactions of a logged segment, at most once each.
///
/// The rule that nothing is sent twice: an entry is marked `sending` (committed) before its message
/// goes to the server, and `sent`, `deferred` or `failed` after the server's reply. Only `queued`
/// and `deferred` entries are claimed (a `sending` left by a crash is *unknown* and is claimed only
/// with `resendUnknown`), and claiming is one conditional update, so two runs never both send one
/// entry. A message the server refused, or whose connection broke before it was all sent, reached
/// no one; one whose whole data went out without a reply stays `sending`. When the server cannot be
/// used at all (no connection, TLS or login refused) the claim is taken back and the run stops.
///
/// Each of `jobs` threads has its own connection to the server and its own store connection.
public struct MailSending: Sendable {
    public struct Options: Sendable {
        public var jobs: Int
        /// Messages per minute over all connections; nil for no limit.
        public var ratePerMinute: Int?
        public var attachment: MailAttachmentKind
        /// `mailto:` address for `List-Unsubscribe`, or empty.
        public var unsubscribeMailto: String
        /// `https://…{ContactNo}…` URL for `List-Unsubscribe` (one-click), or empty.
        public var unsubscribeURL: String
        /// The sender for entries logged without one.
        public var defaultSender: String
        public var resendUnknown: Bool
        /// Check and build every message, send nothing, change nothing.
        public var dryRun: Bool
        /// Tries per entry within this run for temporary failures.
        public var triesPerRun: Int
        /// The wait before the second try; each later one waits twice as long.
        public var backoffSeconds: Double

        public init(jobs: Int = 1, ratePerMinute: Int? = nil, attachment: MailAttachmentKind = .none, unsubscribeMailto: String = "",
                    unsubscribeURL: String = "", defaultSender: String = "", resendUnknown: Bool = false, dryRun: Bool = false,
                    triesPerRun: Int = 3, backoffSeconds: Double = 5) {
            self.jobs = jobs
            self.ratePerMinute = ratePerMinute
            self.attachment = attachment
            self.unsubscribeMailto = unsubscribeMailto
            self.unsubscribeURL = unsubscribeURL
            self.defaultSender = defaultSender
            self.resendUnknown = resendUnknown
            self.dryRun = dryRun
            self.triesPerRun = triesPerRun
            self.backoffSeconds = backoffSeconds
        }
    }

    /// What a run did.
    public struct Report: Sendable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        /// Sent without a reply during this run (left `sending`).
        public var unknown = 0
        /// Entries left alone: already sent or failed, unknown from an earlier run, canceled.
        public var alreadySent = 0
        public var alreadyFailed = 0
        public var leftUnknown = 0
        public var canceled = 0
        /// Entries not sent to, and why (privacy-blocked, opted out, sent by another run…).
        public var skipped: [(entryNo: Int, contactNo: String, reason: String)] = []
        /// With `dryRun`: what would be sent, `To` address and size.
        public var wouldSend: [(entryNo: Int, to: String, bytes: Int)] = []
        /// Why the run stopped early, when the server could not be used.
        public var stopped: String?
        /// Per-message problems that stopped one entry (it stays as it was).
        public var problems: [String] = []
    }

    /// A PDF of a letter, for `attachment == .pdf`.
    public typealias PDFMaker = @Sendable (_ docx: [UInt8], _ name: String) throws -> [UInt8]

    private let openStore: @Sendable () throws -> any RelationshipStore
    private let loggedNo: Int
    private let options: Options
    private let pdf: PDFMaker?

    /// - Parameters:
    ///   - openStore: opens a connection to the store (one per thread).
    ///   - pdf: makes the PDF to attach; required for `attachment == .pdf`.
    public init(openStore: @escaping @Sendable () throws -> any RelationshipStore, logged loggedNo: Int, options: Options,
                pdf: PDFMaker? = nil) {
        self.openStore = openStore
        self.loggedNo = loggedNo
        self.options = options
        self.pdf = pdf
    }

    /// Sends (or with `dryRun` checks) every entry due.
    /// - Parameters:
    ///   - transport: makes one connection; called once per thread, when it has its first message.
    ///   - progress: the number of entries done so far.
    /// - Throws: `RelationshipError` when the logged segment is unknown or has no e-mail entries to
    ///   consider; store errors.
    public func run(transport: @escaping @Sendable () throws -> any MessageTransport,
                    progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> Report {
        let store = try openStore()
        var report = Report()
        var due: [(entryNo: Int, from: [DeliveryState])] = []
        try store.transaction {
            guard try store.loggedSegment(loggedNo) != nil else { throw RelationshipError.unknownLoggedSegment(loggedNo) }
            // Only the delivery records and each entry's contact and cancel mark: what is due, not the letters.
            for (delivery, contactNo, canceled) in try store.deliveriesWithContacts(ofLogged: loggedNo) {
                if canceled {
                    report.canceled += 1
                    continue
                }
                let from: [DeliveryState]
                switch delivery.shownState {
                case .sent: report.alreadySent += 1; continue
                case .failed: report.alreadyFailed += 1; continue
                case .sending:
                    report.skipped.append((delivery.entryNo, contactNo, "being sent by another run (process \(delivery.owner?.pid ?? 0))"))
                    continue
                case .unknown:
                    guard options.resendUnknown else { report.leftUnknown += 1; continue }
                    from = [.sending]
                case .queued, .deferred: from = [.queued, .deferred]
                }
                if let reason = try Self.suppression(of: contactNo, store: store) {
                    report.skipped.append((delivery.entryNo, contactNo, reason))
                    continue
                }
                let address = delivery.recipientAddress.isEmpty ? (try store.contact(contactNo)?[.email] ?? "") : delivery.recipientAddress
                if MailAddress.envelopeAddress(address.trimmingWhitespace()) == nil {
                    if !options.dryRun {
                        try Self.markFailed(delivery.entryNo, reply: "not sent: '\(address)' is not a valid e-mail address", store: store)
                    }
                    report.failed += 1
                    continue
                }
                due.append((delivery.entryNo, from))
            }
        }
        guard !due.isEmpty else { return report }
        let shared = SendingQueue(due: due, options: options)
        let workers = options.dryRun ? 1 : max(1, min(options.jobs, due.count))
        let group = DispatchGroup()
        for index in 0..<workers {
            let queue = DispatchQueue(label: "lettershop.mail.\(index)")
            queue.async(group: group) {
                self.work(shared: shared, transport: transport, progress: progress)
            }
        }
        group.wait()
        shared.merge(into: &report)
        return report
    }

    /// `failed` with `reply`, and the entry's `AttemptFailed` set, as Business Central does for an
    /// e-mail that could not be delivered. Inside the caller's transaction.
    static func markFailed(_ entryNo: Int, reply: String, store: any RelationshipStore) throws {
        try store.setDelivery(entryNo, state: .failed, reply: reply, queueID: nil, deliveredAt: nil, at: LocalClock.now(), undoAttempt: false)
        if var entry = try store.interaction(entryNo), !entry.attemptFailed {
            entry.attemptFailed = true
            try store.updateInteractionOutcome(entry)
        }
    }

    /// Why an entry's contact must not get mail now, if so: gone, privacy-blocked, or opted out of
    /// e-mail (checked when the run starts and again just before each message).
    static func suppression(of contactNo: String, store: any RelationshipStore) throws -> String? {
        guard let contact = try store.contact(contactNo) else { return "the contact no longer exists" }
        if contact.isPrivacyBlocked { return "the contact is privacy-blocked" }
        if let optOut = try store.currentOptOut(contactNo: contactNo, channel: .email), optOut.optedOut {
            return "the contact has opted out of e-mail (since \(optOut.date))"
        }
        return nil
    }

    /// One thread: takes due entries until none is left or the run stops.
    private func work(shared: SendingQueue, transport makeTransport: @Sendable () throws -> any MessageTransport,
                      progress: @Sendable (Int) -> Void) {
        let store: any RelationshipStore
        do {
            store = try openStore()
        } catch {
            shared.stop("cannot open the database: \(error)")
            return
        }
        let reproducer = LetterReproducer()
        var transport: (any MessageTransport)?
        while let item = shared.next() {
            do {
                let prepared = try prepare(item.entryNo, store: store, reproducer: reproducer)
                if options.dryRun {
                    shared.record { $0.wouldSend.append((item.entryNo, prepared.recipient, prepared.message.count)) }
                    shared.done(progress)
                    continue
                }
                if let reason = try store.read({ try Self.suppression(of: prepared.entry.contactNo, store: store) }) {
                    shared.record { $0.skipped.append((item.entryNo, prepared.entry.contactNo, reason)) }
                    shared.done(progress)
                    continue
                }
                if transport == nil { transport = try makeTransport() }
                shared.waitForSlot()
                let claimed = try store.transaction {
                    try store.claimDelivery(DeliveryClaim(entryNo: item.entryNo, from: item.from, owner: ProcessIdentity.current,
                                                          at: LocalClock.now(), message: prepared.delivery))
                }
                guard claimed else {
                    shared.record { $0.skipped.append((item.entryNo, prepared.entry.contactNo, "claimed by another run or canceled meanwhile")) }
                    shared.done(progress)
                    continue
                }
                prepared.keepCopy()
                CrashPoint.reach("mail-claimed")
                let outcome = transport!.send(from: prepared.envelopeFrom, recipients: [prepared.recipient], message: prepared.message)
                CrashPoint.reach("mail-sent")
                try settle(item, outcome: outcome, previous: item.from == [.sending] ? .sending : prepared.previousState,
                           store: store, shared: shared, progress: progress)
            } catch {
                shared.record { $0.problems.append("interaction entry \(item.entryNo): \(Self.text(error))") }
                shared.done(progress)
            }
        }
    }

    /// Records what the server said and decides what comes next for the entry.
    private func settle(_ item: SendingQueue.Item, outcome: DeliveryOutcome, previous: DeliveryState, store: any RelationshipStore,
                        shared: SendingQueue, progress: @Sendable (Int) -> Void) throws {
        let now = LocalClock.now()
        switch outcome {
        case let .accepted(reply):
            try store.transaction {
                try store.setDelivery(item.entryNo, state: .sent, reply: reply, queueID: DeliveryOutcome.queueID(inReply: reply),
                                      deliveredAt: now, at: now, undoAttempt: false)
            }
            shared.record { $0.sent += 1 }
            shared.done(progress)
        case let .refused(_, reply, temporary) where !temporary:
            try store.transaction { try Self.markFailed(item.entryNo, reply: reply, store: store) }
            shared.record { $0.failed += 1 }
            shared.done(progress)
        case .refused(_, let reply, _), .interrupted(let reply):
            try store.transaction {
                try store.setDelivery(item.entryNo, state: .deferred, reply: reply, queueID: nil, deliveredAt: nil, at: now, undoAttempt: false)
            }
            if item.tries + 1 < options.triesPerRun {
                shared.retry(item, after: options.backoffSeconds * Double(1 << min(item.tries, 16)))
            } else {
                shared.record { $0.deferred += 1 }
                shared.done(progress)
            }
        case let .unknown(reason):
            try store.transaction { try store.noteDeliveryReply(item.entryNo, reply: reason, at: now) }
            shared.record { $0.unknown += 1 }
            shared.done(progress)
        case let .unavailable(reason):
            try store.transaction {
                try store.setDelivery(item.entryNo, state: previous, reply: "", queueID: nil, deliveredAt: nil, at: now, undoAttempt: true)
            }
            shared.stop(reason)
        }
    }

    /// One entry's message, built and ready to send.
    private struct Prepared {
        let entry: InteractionEntry
        let delivery: EmailDelivery
        let previousState: DeliveryState
        let message: [UInt8]
        let envelopeFrom: String
        let recipient: String
        /// Where the letters of the logged segment are, if the folder is still there.
        let folder: String

        /// Puts the message as sent into the letters' folder, in place of the one written at log time
        /// (nothing when the folder is gone).
        func keepCopy() {
            guard !folder.isEmpty, !entry.documentName.isEmpty else { return }
            try? LetterFolder.replaceFile(folder + "/" + entry.documentName, with: message)
        }
    }

    private func prepare(_ entryNo: Int, store: any RelationshipStore, reproducer: LetterReproducer) throws -> Prepared {
        let (entry, stored, template, contact, folder) = try store.read { () throws -> (InteractionEntry, EmailDelivery, [UInt8], Contact?, String) in
            guard let entry = try store.interaction(entryNo), let delivery = try store.delivery(entryNo) else {
                throw RelationshipError.unknownInteraction(entryNo)
            }
            // A letter edited by hand is the stored document itself; any other is made again from its template.
            let source = entry.editedByHand ? entry.documentSHA256 : entry.templateSHA256
            let stored = entry.editedByHand || !reproducer.knows(entry) ? (try store.documentBytes(sha256: source) ?? []) : []
            let folder = try store.loggedSegment(entry.loggedSegmentNo)?.lettersFolder ?? ""
            return (entry, delivery, stored, try store.contact(entry.contactNo), folder)
        }
        var delivery = stored
        if delivery.sender.isEmpty { delivery.sender = options.defaultSender }
        guard let from = MailAddress(parsing: delivery.sender), let envelopeFrom = MailAddress.envelopeAddress(from.address) else {
            throw RelationshipError.problems([delivery.sender.isEmpty
                ? "no sender: the entry was logged without --from and no --from is configured (mail configure --from ADDRESS)"
                : "the sender '\(delivery.sender)' is not an e-mail address"])
        }
        if delivery.recipientAddress.isEmpty, let contact {
            delivery.recipientAddress = contact[.email].trimmingWhitespace()
            delivery.recipientName = contact[.name]
        }
        if delivery.messageID.isEmpty {
            delivery.messageID = LetterMail.messageID(documentSHA256: entry.documentSHA256, contactNo: entry.contactNo,
                                                      segmentNo: entry.segmentNo, from: from)
        }
        if delivery.messageDate.isEmpty {
            delivery.messageDate = MailDate.format(date: entry.date, time: entry.time, offsetMinutes: LocalClock.moment().offsetMinutes)
        }
        delivery.attachment = options.attachment
        // A letter edited by hand is converted itself; a merged one is made with its HTML, compiled
        // once per template version.
        let docx: [UInt8]
        var made: (documentXML: [UInt8]?, html: LetterHTML?) = (nil, nil)
        if entry.editedByHand {
            guard SHA256.hex(template) == entry.documentSHA256 else {
                throw RelationshipError.problems(["its letter edited by hand is no longer stored"])
            }
            docx = template
        } else {
            let parts = try reproducer.mailParts(of: entry, template: template, contentIDSuffix: delivery.messageID)
            (docx, made) = (parts.letter, (parts.documentXML, parts.html))
        }
        var unsubscribe: [String] = []
        if !options.unsubscribeMailto.isEmpty { unsubscribe.append("mailto:" + options.unsubscribeMailto) }
        if !options.unsubscribeURL.isEmpty {
            unsubscribe.append(options.unsubscribeURL.replacing("{ContactNo}", with: Self.percentEncoded(entry.contactNo)))
        }
        delivery.listUnsubscribe = unsubscribe.joined(separator: "\n")
        let pdfBytes = options.attachment == .pdf ? try attachedPDF(of: entry, docx: docx, folder: folder) : nil
        let subject = entry.subject.isEmpty ? entry.description : entry.subject
        let message = try LetterMail.message(docx: docx, documentName: entry.documentName, subject: subject, delivery: delivery, pdf: pdfBytes,
                                             documentXML: made.documentXML, html: made.html)
        delivery.messageSHA256 = SHA256.hex(message)
        guard let recipient = MailAddress.envelopeAddress(delivery.recipientAddress) else {
            throw RelationshipError.problems(["'\(delivery.recipientAddress)' is not a valid e-mail address"])
        }
        return Prepared(entry: entry, delivery: delivery, previousState: stored.state, message: message, envelopeFrom: envelopeFrom,
                        recipient: recipient, folder: folder)
    }

    /// The PDF to attach: the one logged beside the letter (`segment log --format pdf`), else `pdf`'s.
    private func attachedPDF(of entry: InteractionEntry, docx: [UInt8], folder: String) throws -> [UInt8] {
        if let logged = LetterPDF.logged(entry, folder: folder) { return logged }
        guard let pdf else { throw RelationshipError.problems(["no PDF of the letter to attach (none was logged and none can be made)"]) }
        return try pdf(docx, entry.documentName)
    }

    /// Unreserved characters (RFC 3986) as they are, every other byte as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }

    static func text(_ error: any Error) -> String {
        if let error = error as? RelationshipError { return error.messages.joined(separator: "; ") }
        return String(describing: error)
    }
}
