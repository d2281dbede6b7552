/// Merges every record of a CSV file into an output folder: reads a batch, renders it on every
/// thread, writes the documents, and reads the next batch, so memory stays flat however long the file.
public struct CSVMerge {
    public let plan: LetterPlan
    public let jobs: Int
    /// A `--name` pattern; without one, a document is named after the record's first value.
    public let pattern: FileNamePattern?

    public init(plan: LetterPlan, jobs: Int, pattern: FileNamePattern?) {
        self.plan = plan
        self.jobs = max(1, jobs)
        self.pattern = pattern
    }

    /// Records read and rendered at a time: enough to keep every thread busy, few enough to keep
    /// memory flat.
    var batchSize: Int { 64 * jobs }

    /// Writes one document per record into `output`'s staging folder and returns how many; the
    /// caller commits or discards the folder. `progress` gets the running count after each batch.
    public func run(_ csv: CSVReader, into output: OutputFolder, progress: (Int) -> Void = { _ in }) throws -> Int {
        let renderer = ParallelRenderer(plan: plan, jobs: jobs)
        var namer = FileNamer(namesAreUnique: pattern?.namesAreUnique ?? false)
        var count = 0
        var batch: [[String]] = []
        var names: [String] = []
        var lines: [Int] = []
        while true {
            batch.removeAll(keepingCapacity: true)
            names.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
            while batch.count < batchSize, let record = try csv.next() {
                count += 1
                let base = pattern?.name(values: record.values, number: count) ?? record.values.first ?? ""
                names.append(namer.name(for: base, fallback: String(count), extension: "docx"))
                batch.append(record.values)
                lines.append(record.line)
            }
            if batch.isEmpty { return count }
            let batchNames = names
            do {
                try renderer.render(batch) { index, document in
                    try output.write(name: batchNames[index], bytes: document)
                }
            } catch let failure as RecordFailure {
                throw CSVError(file: csv.name, line: lines[failure.index], message: String(describing: failure.error))
            }
            progress(count)
        }
    }
}
