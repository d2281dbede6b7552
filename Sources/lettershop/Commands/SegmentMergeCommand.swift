import DocxMerge
import Relationship

/// `lettershop segment merge NO --out DIR [--from ADDRESS] [--allow-unused-notes]`: the letters, nothing logged.
enum SegmentMergeCommand: Command {
    static let words = ["segment", "merge"]
    static let abstract = """
        Preview a segment's letters: what log would write (<ContactNo>.docx, <ContactNo>.eml for e-mail lines, which \
        need --from), into DIR (which must not exist or be empty, unless --force). Refuses what log would refuse; \
        records nothing. A line with a personal note whose document has no PersonalNote field is refused, as log \
        refuses it, unless --allow-unused-notes is given.
        """
    static let usage = """
        segment merge NO --out DIR [--from ADDRESS] [--jobs N] [--force] [--compression-level 0-9] [--allow-unused-notes] \
        \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["out", "from", "jobs", "compression-level", StoreAccess.option],
                                   flags: ["force", "allow-unused-notes"])

    static func run(_ arguments: Arguments) throws {
        guard let outPath = arguments.value("out") else { throw UsageError("missing --out DIR") }
        let options = try BatchOptions(arguments)
        let count = try StoreAccess.with(arguments) { store in
            let letters = try SegmentLetters(store: store, segment: arguments.positionals[0], compressionLevel: options.compressionLevel,
                                             from: arguments.value("from"), warningLimit: IssueLines.warningLimit,
                                             allowUnusedNotes: arguments.flag("allow-unused-notes"))
            IssueLines.printWarnings(letters.issues, unlisted: letters.unlistedWarnings, segment: letters.header.no, limit: IssueLines.warningLimit)
            try letters.requireReady()
            // Calls and meetings only: no file to write, so no folder is made.
            guard letters.documentCount > 0 else { return 0 }
            let output = try OutputFolder(destination: outPath, force: arguments.flag("force"))
            let progress = ProgressBar(total: letters.documentCount, label: "merging")
            defer { progress.finish() }
            try output.fill { try letters.render(into: output, jobs: options.jobs) { progress.update($0) } }
            return letters.documentCount
        }
        guard count > 0 else {
            print("nothing to merge: the templates of the segment's lines have no document (logging records their interactions)")
            return
        }
        print("merged \(Terminal.count(count, "document")) into \(outPath)")
    }
}
