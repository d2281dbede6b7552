import MailDelivery
import Relationship

#if canImport(Glibc)
import Glibc
#endif

/// The sending options `mail send` and `segment log --send` share, and one run of them with its
/// report printed.
struct MailRun {
    static let options = ["rate", "via", "attach"]
    static let flags = ["resend-unknown", "dry-run"]
    static let usage = "[--rate N/min] [--via smtp|sendmail] [--attach none|docx|pdf] [--resend-unknown] [--dry-run]"

    let viaSendmail: Bool
    let options: MailSending.Options
    let settings: MailSettings?
    /// With `--attach pdf`: the letters' PDFs.
    let pdf: LetterPDF?

    /// Reads the options, and the mail settings unless `--via sendmail` (or `--dry-run` with no
    /// settings file).
    init(_ arguments: Arguments, jobs: Int) throws {
        viaSendmail = try arguments.choice("via", ["smtp", "sendmail"]) == "sendmail"
        var options = MailSending.Options(jobs: jobs)
        if let rate = arguments.value("rate") {
            let number = rate.hasSuffix("/min") ? String(rate.dropLast(4)) : rate
            guard let value = Int(number), value >= 1, value <= 1_000_000 else {
                throw UsageError("--rate must be a number of messages per minute such as 120/min, not '\(rate)'")
            }
            options.ratePerMinute = value
        }
        options.attachment = try arguments.choice("attach", MailAttachmentKind.allCases.map(\.rawValue)).flatMap(MailAttachmentKind.init) ?? .none
        // A letter without a logged PDF is converted through LibreOffice (--soffice PATH, else soffice on PATH).
        pdf = options.attachment == .pdf ? LetterPDF(soffice: arguments.value("soffice")) : nil
        options.resendUnknown = arguments.flag("resend-unknown")
        options.dryRun = arguments.flag("dry-run")
        var settings: MailSettings?
        if !viaSendmail || access(MailSettings.path, F_OK) == 0 {
            settings = try MailSettings.load()
        }
        if let settings {
            options.defaultSender = settings.from
            options.unsubscribeMailto = settings.unsubscribeMailto
            options.unsubscribeURL = settings.unsubscribeURL
            options.triesPerRun = settings.tries
            options.backoffSeconds = settings.retryWaitSeconds
        }
        self.options = options
        self.settings = settings
    }

    /// Sends the e-mail entries of logged segment `loggedNo` and prints what happened.
    /// - Throws: `CommandFailure` (exit 1) when the server could not be used, or any message failed,
    ///   was deferred or is of unknown fate.
    func send(logged loggedNo: Int, databasePath: String) throws {
        let transport: @Sendable () throws -> any MessageTransport
        if viaSendmail {
            let program = MailSettings.environment("LETTERSHOP_SENDMAIL") ?? "/usr/sbin/sendmail"
            transport = { Sendmail(program: program) }
        } else {
            let server = try settings!.server()
            // Before any entry is claimed: without libcurl nothing can be sent, and nothing is marked.
            do { try Mailer.prepare() } catch { throw CommandFailure("\(error)") }
            transport = { try Mailer(server: server) }
        }
        var convert: MailSending.PDFMaker?
        if let pdf { convert = { docx, name in try pdf.convert(docx, name: name) } }
        let sending = MailSending(openStore: { try SQLiteStore(path: databasePath) }, logged: loggedNo, options: options, pdf: convert)
        let report: MailSending.Report
        do {
            report = try sending.run(transport: transport)
        } catch let error as RelationshipError {
            throw CommandFailure(error.messages)
        }
        for skipped in report.skipped {
            print("skipped entry \(skipped.entryNo) (\(skipped.contactNo)): \(skipped.reason)")
        }
        for problem in report.problems { Terminal.error(problem) }
        if options.dryRun {
            for message in report.wouldSend { print("would send entry \(message.entryNo) to \(message.to) (\(message.bytes) bytes)") }
            print("dry run: \(Terminal.count(report.wouldSend.count, "message")) would be sent, nothing sent or changed")
            if !report.problems.isEmpty { throw CommandFailure([]) }
            return
        }
        var summary = ["sent \(report.sent)", "deferred \(report.deferred)", "failed \(report.failed)"]
        if report.unknown > 0 { summary.append("unknown \(report.unknown)") }
        var before: [String] = []
        if report.alreadySent > 0 { before.append("\(report.alreadySent) sent") }
        if report.alreadyFailed > 0 { before.append("\(report.alreadyFailed) failed") }
        if report.leftUnknown > 0 { before.append("\(report.leftUnknown) unknown") }
        if report.canceled > 0 { before.append("\(report.canceled) canceled") }
        print("logged segment \(loggedNo): " + summary.joined(separator: ", ")
            + (before.isEmpty ? "" : " (left alone: \(before.joined(separator: ", ")))"))
        if report.leftUnknown > 0 {
            Terminal.warning("\(Terminal.count(report.leftUnknown, "message")) may or may not have been delivered by an earlier run "
                + "that stopped while sending (state unknown); not sent again unless --resend-unknown")
        }
        if let stopped = report.stopped {
            throw CommandFailure("\(stopped); stopped, no message marked failed (run mail send again when the server can be used)")
        }
        if report.failed > 0 || report.deferred > 0 || report.unknown > 0 || !report.problems.isEmpty {
            throw CommandFailure([])
        }
    }
}
