import DocxMerge

/// `lettershop merge`: one document per CSV row, written into a folder all at once or not at all.
enum MergeCommand: Command {
    static let words = ["merge"]
    static let abstract = """
        Merge a Word template with a CSV file: one document per data row into DIR. DIR must not exist or be \
        empty (unless --force); if the merge fails, DIR is as it was.
        """
    static let usage = """
        merge TEMPLATE.docx --data FILE.csv --out DIR [--name PATTERN] [--missing error|blank|keep] [--keep-unknown] \
        [--delimiter C] [--jobs N] [--force] [--compression-level 0-9]
        """
    static let spec = ArgumentSpec(
        positionals: ["TEMPLATE.docx"],
        options: ["data", "out", "name", "missing", "delimiter", "jobs", "compression-level"],
        flags: ["keep-unknown", "force"])

    static func run(_ arguments: Arguments) throws {
        guard let dataPath = arguments.value("data") else { throw UsageError("missing --data FILE.csv") }
        guard let outPath = arguments.value("out") else { throw UsageError("missing --out DIR") }
        let missing = try arguments.choice("missing", MissingFieldPolicy.allCases.map(\.rawValue)).flatMap(MissingFieldPolicy.init) ?? .error
        let delimiter = try BatchOptions.delimiter(arguments)
        let options = try BatchOptions(arguments)

        let template = try MergeTemplate(path: arguments.positionals[0],
                                         options: .init(keepUnknownFields: arguments.flag("keep-unknown")))
        let csv = try CSVReader(path: dataPath, delimiter: delimiter)
        let plan: LetterPlan
        do {
            plan = try LetterPlan(template: template, columns: csv.header, missing: missing, compressionLevel: options.compressionLevel)
        } catch MergeError.missingFields(let names) {
            throw CommandFailure(names.map { "\(dataPath): no column for the template's field '\($0)' (--missing blank or keep merges anyway)" })
        }
        let pattern = try arguments.value("name").map { try FileNamePattern($0, columns: csv.header) }
        let inputs = [ProtectedInput(path: arguments.positionals[0], role: "the template"), ProtectedInput(path: dataPath, role: "the data file")]
        let output = try OutputFolder(destination: outPath, force: arguments.flag("force"), protecting: inputs)
        let progress = ProgressBar(total: nil, label: "merging")
        defer { progress.finish() }
        let count = try output.fill {
            try CSVMerge(plan: plan, jobs: options.jobs, pattern: pattern).run(csv, into: output, progress: progress.update)
        }
        print("merged \(Terminal.count(count, "document")) into \(SafeText.field(outPath))")
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
