import Relationship

/// `lettershop segment log NO [--out DIR] [--follow-up] [--from ADDRESS] [--jobs N]`.
enum SegmentLogCommand: Command {
    static let words = ["segment", "log"]
    static let abstract = """
        Log a segment: check it, write one letter per line (<ContactNo>.docx, or <ContactNo>.eml for e-mail lines) into \
        DIR (default letters/<EntryNo>, which must not exist or be empty), record the logged segment and one interaction \
        per line, and remove the open segment; with --follow-up, open a follow-up segment with the same contacts. All or \
        nothing: a failure or a crash leaves either the open segment untouched or the whole logged segment.
        """
    static let usage = """
        segment log NO [--out DIR] [--follow-up] [--from ADDRESS] [--jobs N] [--compression-level 0-9] [--timings] \
        \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["out", "from", "jobs", "compression-level", StoreAccess.option],
                                   flags: ["follow-up", "timings"])

    static func run(_ arguments: Arguments) throws {
        let batch = try BatchOptions(arguments)
        let options = SegmentLog.Options(outputFolder: arguments.value("out"), followUp: arguments.flag("follow-up"),
                                         from: arguments.value("from"), jobs: batch.jobs, compressionLevel: batch.compressionLevel,
                                         warningLimit: IssueLines.warningLimit)
        let result = try StoreAccess.with(arguments) { store -> SegmentLog.Result in
            let log = try SegmentLog(store: store, segment: arguments.positionals[0], options: options)
            IssueLines.print(log.issues, segment: log.letters.header.no, unlistedWarnings: log.letters.unlistedWarnings,
                             warningLimit: IssueLines.warningLimit)
            guard log.issues.errors.isEmpty else { throw CommandFailure([]) }
            let progress = ProgressBar(total: log.letters.letterCount, label: "logging")
            defer { progress.finish() }
            return try log.run { progress.update($0) }
        }
        print("logged segment \(result.logged.entryNo): \(Terminal.count(result.interactions, "interaction"))")
        print("letters in \(SafeText.field(result.folder))")
        if let problem = result.moveProblem {
            Terminal.warning("\(problem) (the next lettershop command tries again to move them into place)")
        }
        if let (header, report) = result.followUp {
            print("follow-up " + StepMessage.text(report))
            print("opened follow-up segment \(header.no)")
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
