import DocxMerge
import Relationship

/// `lettershop segment log NO [--out DIR] [--follow-up] [--from ADDRESS] [--jobs N] [--allow-unused-notes]`.
enum SegmentLogCommand: Command {
    static let words = ["segment", "log"]
    static let abstract = """
        Log a segment: check it, write one letter per line (<ContactNo>.docx, or <ContactNo>.eml for e-mail lines) into \
        DIR (default letters/<EntryNo>, which must not exist or be empty), record the logged segment and one interaction \
        per line (a template with no document, such as a phone call, records the interactions and writes no file), \
        and remove the open segment; with --follow-up, open a follow-up segment with the same contacts. All or \
        nothing: a failure or a crash leaves either the open segment untouched or the whole logged segment. A line with \
        a personal note whose document has no PersonalNote field stops the log, unless --allow-unused-notes is given; \
        the note is stored on the interaction either way. --combine FILE.docx|FILE.pdf also writes every letter into one \
        document, each in its own section starting on a new page; --format pdf adds a PDF beside each .docx letter \
        (through LibreOffice; its SHA-256 is logged).
        """
    static let usage = """
        segment log NO [--out DIR] [--combine FILE.docx|FILE.pdf] [--format docx|pdf] [--soffice PATH] [--quiet] [--follow-up] \
        [--from ADDRESS] [--jobs N] [--compression-level 0-9] [--allow-unused-notes] [--timings] \
        [--send \(MailRun.usage)] \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["NO"],
                                   options: Set(["out", "from", "jobs", "compression-level", StoreAccess.option] + MailRun.options)
                                       .union(PrintOptions.options),
                                   flags: Set(["follow-up", "timings", "allow-unused-notes", "send"] + MailRun.flags).union(PrintOptions.flags))

    static func run(_ arguments: Arguments) throws {
        let batch = try BatchOptions(arguments)
        let printing = try PrintOptions(arguments)
        let usesMail = (MailRun.options + MailRun.flags).filter { arguments.has($0) }
        if !arguments.flag("send"), let first = usesMail.first { throw UsageError("--\(first) goes with --send") }
        // Read (and checked) before anything is logged: a wrong setting stops the log, not the sending.
        let mail = arguments.flag("send") ? try MailRun(arguments, jobs: min(batch.jobs, 4)) : nil
        if let combine = printing.combine, let input = ProtectedInput.match(combine.path, in: try StoreAccess.databaseFiles(arguments)) {
            throw CommandFailure("\(combine.path): is \(input.role) (\(input.path)); an input is never an output")
        }
        let converter = try printing.converter(jobs: batch.jobs)
        let options = SegmentLog.Options(outputFolder: arguments.value("out"), followUp: arguments.flag("follow-up"),
                                         from: arguments.value("from"), jobs: batch.jobs, compressionLevel: batch.compressionLevel,
                                         warningLimit: IssueLines.warningLimit, combinedDocument: printing.combine?.path, pdf: converter,
                                         lettersAsPDF: printing.format == .pdf, allowUnusedNotes: arguments.flag("allow-unused-notes"))
        var documents = 0
        let result = try StoreAccess.with(arguments) { store -> SegmentLog.Result in
            let log = try SegmentLog(store: store, segment: arguments.positionals[0], options: options)
            documents = log.letters.documentCount
            IssueLines.print(log.issues, segment: log.letters.header.no, unlistedWarnings: log.letters.unlistedWarnings,
                             warningLimit: IssueLines.warningLimit)
            guard log.issues.errors.isEmpty else { throw CommandFailure([]) }
            let progress = ProgressBar(total: log.letters.documentCount, label: "logging", quiet: printing.quiet)
            let conversion = ProgressBar(total: log.letters.documentCount, label: "converting to PDF", quiet: printing.quiet)
            defer { conversion.finish() }
            return try log.run(progress: { done in
                progress.update(done)
                if done == log.letters.documentCount { progress.finish() }
            }, conversion: conversion.update)
        }
        print("logged segment \(result.logged.entryNo): \(Terminal.count(result.interactions, "interaction"))")
        // A segment of calls or meetings writes no letters and has no folder.
        if !result.folder.isEmpty { print("letters in \(SafeText.field(result.folder))") }
        if let combined = options.combinedDocument {
            if documents == 0 {
                print("no combined document written to \(SafeText.field(combined)): no line has a letter (calls and meetings only)")
            } else if let problem = result.combinedProblem {
                Terminal.warning("the letters are logged, but the combined document was not written: \(problem)")
            } else {
                print("combined \(Terminal.count(documents, "letter")) into \(SafeText.field(combined))")
            }
        }
        if let problem = result.moveProblem {
            Terminal.warning("\(problem) (the next lettershop command tries again to move them into place)")
        }
        if let (header, report) = result.followUp {
            print("follow-up " + StepMessage.text(report))
            print("opened follow-up segment \(header.no)")
        }
        if let mail {
            if documents == 0 {
                print("nothing sent: no line has a letter (calls and meetings only)")
            } else {
                try mail.send(logged: result.logged.entryNo, databasePath: StoreAccess.path(arguments))
            }
        }
        if arguments.flag("timings") {
            Terminal.writeError("timings: letters \(seconds(result.renderSeconds)), database \(seconds(result.databaseSeconds))\n")
        }
    }

    private static func seconds(_ value: Double) -> String {
        let milliseconds = Int((value * 1000).rounded())
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - String(milliseconds % 1000).count))\(milliseconds % 1000) s"
    }
}
