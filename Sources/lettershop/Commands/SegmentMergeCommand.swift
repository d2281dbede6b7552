import DocxMerge
import Relationship

/// `lettershop segment merge NO --out DIR [--from ADDRESS]`: the letters, nothing logged.
enum SegmentMergeCommand: Command {
    static let words = ["segment", "merge"]
    static let abstract = """
        Preview a segment's letters: what log would write (<ContactNo>.docx, <ContactNo>.eml for e-mail lines, which \
        need --from), into DIR (which must not exist or be empty, unless --force). Refuses what log would refuse; \
        records nothing.
        """
    static let usage = "segment merge NO --out DIR [--from ADDRESS] [--jobs N] [--force] [--compression-level 0-9] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["out", "from", "jobs", "compression-level", StoreAccess.option],
                                   flags: ["force"])

    static func run(_ arguments: Arguments) throws {
        guard let outPath = arguments.value("out") else { throw UsageError("missing --out DIR") }
        let options = try BatchOptions(arguments)
        let count = try StoreAccess.with(arguments) { store in
            let letters = try SegmentLetters(store: store, segment: arguments.positionals[0], compressionLevel: options.compressionLevel,
                                             from: arguments.value("from"), warningLimit: IssueLines.warningLimit)
            IssueLines.printWarnings(letters.issues, unlisted: letters.unlistedWarnings, segment: letters.header.no, limit: IssueLines.warningLimit)
            try letters.requireReady()
            let output = try OutputFolder(destination: outPath, force: arguments.flag("force"),
                                          protecting: try StoreAccess.databaseFiles(arguments))
            let progress = ProgressBar(total: letters.letterCount, label: "merging")
            defer { progress.finish() }
            try output.fill { try letters.render(into: output, jobs: options.jobs) { progress.update($0) } }
            return letters.letterCount
        }
        print("merged \(Terminal.count(count, "document")) into \(SafeText.field(outPath))")
    }
}
