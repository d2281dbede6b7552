import DocxMerge

/// `lettershop merge`: one document per CSV row, written into a folder all at once or not at all,
/// and/or every letter in one combined document; as `.docx` or, through LibreOffice, PDF.
enum MergeCommand: Command {
    static let words = ["merge"]
    static let abstract = """
        Merge a Word template with a CSV file: one document per data row into DIR. DIR must not exist or be \
        empty (unless --force); if the merge fails, DIR is as it was. --combine writes every letter into one \
        document (.docx, or .pdf), each in its own section starting on a new page; --format pdf writes the letters \
        as PDF (both through LibreOffice: soffice on PATH, or --soffice PATH). --quiet: no progress line.
        """
    static let usage = """
        merge TEMPLATE.docx --data FILE.csv --out DIR [--name PATTERN] [--missing error|blank|keep] [--keep-unknown] \
        [--delimiter C] [--jobs N] [--force] [--compression-level 0-9] \(PrintOptions.usage)
        """
    static let spec = ArgumentSpec(
        positionals: ["TEMPLATE.docx"],
        options: Set(["data", "out", "name", "missing", "delimiter", "jobs", "compression-level"]).union(PrintOptions.options),
        flags: Set(["keep-unknown", "force"]).union(PrintOptions.flags))

    static func run(_ arguments: Arguments) throws {
        guard let dataPath = arguments.value("data") else { throw UsageError("missing --data FILE.csv") }
        let outPath = arguments.value("out")
        let printing = try PrintOptions(arguments)
        guard outPath != nil || printing.combine != nil else { throw UsageError("missing --out DIR (or --combine FILE)") }
        let missing = try arguments.choice("missing", MissingFieldPolicy.allCases.map(\.rawValue)).flatMap(MissingFieldPolicy.init) ?? .error
        let delimiter = try BatchOptions.delimiter(arguments)
        let options = try BatchOptions(arguments)
        let force = arguments.flag("force")
        let inputs = [ProtectedInput(path: arguments.positionals[0], role: "the template"), ProtectedInput(path: dataPath, role: "the data file")]
        try printing.checkCombined(force: force, protecting: inputs)
        let converter = try printing.converter(jobs: options.jobs)

        let template = try MergeTemplate(path: arguments.positionals[0],
                                         options: .init(keepUnknownFields: arguments.flag("keep-unknown")))
        for warning in template.warnings { Terminal.warning(warning) }
        let csv = try CSVReader(path: dataPath, delimiter: delimiter)
        let plan: LetterPlan
        do {
            plan = try LetterPlan(template: template, columns: csv.header, missing: missing, compressionLevel: options.compressionLevel)
        } catch MergeError.missingFields(let names) {
            throw CommandFailure(names.map { "\(dataPath): no column for the template's field '\($0)' (--missing blank or keep merges anyway)" })
        }
        if missing == .keep {
            for name in plan.missingFieldNames {
                Terminal.warning("\(dataPath): no column for the template's field '\(name)': left in every letter as the template has it (--missing keep)")
            }
        }
        let pattern = try arguments.value("name").map { try FileNamePattern($0, columns: csv.header) }
        let output = try outPath.map { try OutputFolder(destination: $0, force: force, protecting: inputs) }
        let combiner = try printing.combinedDocument.map { try LetterCombiner(destination: $0, plans: [plan], replace: true) }
        let total = ProgressBar.shown(quiet: printing.quiet) ? try? CSVReader.countRecords(path: dataPath, delimiter: delimiter) : nil
        var count = 0
        try printing.produce(into: output, combiner: combiner, converter: converter, total: total) { progress in
            count = try CSVMerge(plan: plan, jobs: options.jobs, pattern: pattern).run(csv, into: output, combiner: combiner,
                                                                                      progress: progress)
        }
        let kind = printing.format == .pdf ? "PDF" : "document"
        if let outPath { print("merged \(Terminal.count(count, kind)) into \(SafeText.field(outPath))") }
        if let combine = printing.combine { print("combined \(Terminal.count(count, "letter")) into \(SafeText.field(combine.path))") }
    }
}

/// Options every command that writes letters shares: `--jobs`, `--compression-level`.
struct BatchOptions {
    let jobs: Int
    let compressionLevel: Int

    init(_ arguments: Arguments) throws {
        jobs = try arguments.integer("jobs", in: 1...256) ?? ProcessorCount.online
        compressionLevel = try arguments.integer("compression-level", in: 0...9) ?? 6
    }

    static func delimiter(_ arguments: Arguments) throws -> UInt8 {
        guard let text = arguments.value("delimiter") else { return UInt8(ascii: ",") }
        guard let byte = CSVReader.parseDelimiter(text) else {
            throw UsageError("--delimiter must be one ASCII character or 'tab', not '\(text)'")
        }
        return byte
    }
}
