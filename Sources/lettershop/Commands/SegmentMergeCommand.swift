import DocxMerge
import Relationship

/// `lettershop segment merge NO --out DIR [--from ADDRESS] [--allow-unused-notes]`: the letters, nothing logged.
enum SegmentMergeCommand: Command {
    static let words = ["segment", "merge"]
    static let abstract = """
        Preview a segment's letters: what log would write (<ContactNo>.docx, <ContactNo>.eml for e-mail lines, which \
        need --from), into DIR (which must not exist or be empty, unless --force). Refuses what log would refuse; \
        records nothing. A line with a personal note whose document has no PersonalNote field is refused, as log \
        refuses it, unless --allow-unused-notes is given. --combine writes every letter into one document (.docx or .pdf), \
        each in its own section starting on a new page; --format pdf writes the letters as PDF (through LibreOffice). \
        --quiet: no progress line.
        """
    static let usage = """
        segment merge NO --out DIR [--from ADDRESS] [--jobs N] [--force] [--compression-level 0-9] [--allow-unused-notes] \
        \(PrintOptions.usage) \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["NO"],
                                   options: Set(["out", "from", "jobs", "compression-level", StoreAccess.option]).union(PrintOptions.options),
                                   flags: Set(["force", "allow-unused-notes"]).union(PrintOptions.flags))

    static func run(_ arguments: Arguments) throws {
        let outPath = arguments.value("out")
        let printing = try PrintOptions(arguments)
        guard outPath != nil || printing.combine != nil else { throw UsageError("missing --out DIR (or --combine FILE)") }
        let options = try BatchOptions(arguments)
        let force = arguments.flag("force")
        let inputs = try StoreAccess.databaseFiles(arguments)
        try printing.checkCombined(force: force, protecting: inputs)
        let converter = try printing.converter(jobs: options.jobs)
        let count = try StoreAccess.with(arguments) { store in
            let letters = try SegmentLetters(store: store, segment: arguments.positionals[0], compressionLevel: options.compressionLevel,
                                             from: arguments.value("from"), warningLimit: IssueLines.warningLimit,
                                             allowUnusedNotes: arguments.flag("allow-unused-notes"))
            IssueLines.printWarnings(letters.issues, unlisted: letters.unlistedWarnings, segment: letters.header.no, limit: IssueLines.warningLimit)
            try letters.requireReady()
            // Calls and meetings only: no file to write, so no folder and no combined document are made.
            guard letters.documentCount > 0 else { return 0 }
            if printing.combine != nil { try letters.requireCombinable() }
            let output = try outPath.map { try OutputFolder(destination: $0, force: force, protecting: inputs) }
            let combiner = try printing.combinedDocument.map {
                try LetterCombiner(destination: $0, plans: letters.plans.map(\.plan), replace: true)
            }
            try printing.produce(into: output, combiner: combiner, converter: converter, total: letters.documentCount) { progress in
                try letters.render(into: output, combiner: combiner, jobs: options.jobs, progress: progress)
            }
            return letters.documentCount
        }
        guard count > 0 else {
            let combined = printing.combine.map { "; no combined document written to \(SafeText.field($0.path))" } ?? ""
            print("nothing to merge: the templates of the segment's lines have no document (logging records their interactions)"
                  + combined)
            return
        }
        if let outPath { print("merged \(Terminal.count(count, "document")) into \(SafeText.field(outPath))") }
        if let combine = printing.combine { print("combined \(Terminal.count(count, "letter")) into \(SafeText.field(combine.path))") }
    }
}
