import DocxMerge
import Relationship

/// `lettershop segment merge NO --out DIR [--from ADDRESS]`: the letters, nothing logged.
enum SegmentMergeCommand: Command {
    static let words = ["segment", "merge"]
    static let abstract = """
        Preview a segment's letters: what log would write (<ContactNo>.docx, <ContactNo>.eml for e-mail lines, which \
        need --from), into DIR (which must not exist or be empty, unless --force). Refuses what log would refuse; \
        records nothing. --combine writes every letter into one document (.docx or .pdf), each in its own section \
        starting on a new page; --format pdf writes the letters as PDF (through LibreOffice). --quiet: no progress line.
        """
    static let usage = """
        segment merge NO --out DIR [--from ADDRESS] [--jobs N] [--force] [--compression-level 0-9] \(PrintOptions.usage) \
        \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["NO"],
                                   options: Set(["out", "from", "jobs", "compression-level", StoreAccess.option]).union(PrintOptions.options),
                                   flags: Set(["force"]).union(PrintOptions.flags))

    static func run(_ arguments: Arguments) throws {
        let outPath = arguments.value("out")
        let printing = try PrintOptions(arguments)
        guard outPath != nil || printing.combine != nil else { throw UsageError("missing --out DIR (or --combine FILE)") }
        let options = try BatchOptions(arguments)
        let force = arguments.flag("force")
        try printing.checkCombined(force: force)
        let converter = try printing.converter(jobs: options.jobs)
        let count = try StoreAccess.with(arguments) { store in
            let letters = try SegmentLetters(store: store, segment: arguments.positionals[0], compressionLevel: options.compressionLevel,
                                             from: arguments.value("from"), warningLimit: IssueLines.warningLimit)
            IssueLines.printWarnings(letters.issues, unlisted: letters.unlistedWarnings, segment: letters.header.no, limit: IssueLines.warningLimit)
            try letters.requireReady()
            let output = try outPath.map { try OutputFolder(destination: $0, force: force) }
            let combiner = try printing.combinedDocument.map {
                try LetterCombiner(destination: $0, plans: letters.plans.map(\.plan), replace: force)
            }
            do {
                let progress = ProgressBar(total: letters.letterCount, label: "merging", quiet: printing.quiet)
                try letters.render(into: output, combiner: combiner, jobs: options.jobs) { progress.update($0) }
                progress.finish()
                if let output, let converter, printing.format == .pdf {
                    try PrintOptions.convertLetters(in: output.staging, with: converter, keepDocx: false, quiet: printing.quiet)
                }
                try combiner?.commit()
                try printing.finishCombined(with: converter)
                try output?.commit()
            } catch {
                output?.discard()
                combiner?.discard()
                printing.discardCombined()
                throw error
            }
            return letters.letterCount
        }
        if let outPath { print("merged \(Terminal.count(count, "document")) into \(outPath)") }
        if let combine = printing.combine { print("combined \(Terminal.count(count, "letter")) into \(combine.path)") }
    }
}
