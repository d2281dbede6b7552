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
    static let usage = """
        segment merge NO --out DIR [--combine FILE.docx] [--from ADDRESS] [--jobs N] [--force] [--compression-level 0-9] \
        \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["out", "combine", "from", "jobs", "compression-level", StoreAccess.option],
                                   flags: ["force"])

    static func run(_ arguments: Arguments) throws {
        let outPath = arguments.value("out")
        let combinePath = arguments.value("combine")
        guard outPath != nil || combinePath != nil else { throw UsageError("missing --out DIR (or --combine FILE.docx)") }
        let options = try BatchOptions(arguments)
        let count = try StoreAccess.with(arguments) { store in
            let letters = try SegmentLetters(store: store, segment: arguments.positionals[0], compressionLevel: options.compressionLevel,
                                             from: arguments.value("from"), warningLimit: IssueLines.warningLimit)
            IssueLines.printWarnings(letters.issues, unlisted: letters.unlistedWarnings, segment: letters.header.no, limit: IssueLines.warningLimit)
            try letters.requireReady()
            let output = try outPath.map { try OutputFolder(destination: $0, force: arguments.flag("force")) }
            let combiner = try combinePath.map {
                try LetterCombiner(destination: $0, plans: letters.plans.map(\.plan), replace: arguments.flag("force"))
            }
            let progress = ProgressBar(total: letters.letterCount, label: "merging")
            defer { progress.finish() }
            do {
                try letters.render(into: output, combiner: combiner, jobs: options.jobs) { progress.update($0) }
                try output?.commit()
                try combiner?.commit()
            } catch {
                output?.discard()
                combiner?.discard()
                throw error
            }
            return letters.letterCount
        }
        if let outPath { print("merged \(Terminal.count(count, "document")) into \(outPath)") }
        if let combinePath { print("combined \(Terminal.count(count, "letter")) into \(combinePath)") }
    }
}
