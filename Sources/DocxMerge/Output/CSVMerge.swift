/// Merges every record of a CSV file into an output folder: reads a batch, renders it on every
/// thread, writes the documents, and reads the next batch, so memory stays flat however long the file.
public struct CSVMerge {
    /// The template bound to the CSV file's columns.
    public let plan: LetterPlan
    /// The number of rendering threads.
    public let jobs: Int
    /// A `--name` pattern; without one, a document is named after the record's first value.
    public let pattern: FileNamePattern?

    /// A merge of `plan` on `jobs` threads, naming documents by `pattern` (else the first column).
    public init(plan: LetterPlan, jobs: Int, pattern: FileNamePattern?) {
        self.plan = plan
        self.jobs = max(1, jobs)
        self.pattern = pattern
    }

    /// Records read and rendered at a time: enough to keep every thread busy, few enough to keep
    /// memory flat.
    var batchSize: Int { 64 * jobs }

    /// At most this many problems are listed when the data has bad records.
    static let maximumProblems = 100

    /// Writes one document per record into `output`'s staging folder and returns how many; the
    /// caller commits or discards the folder. `progress` gets the running count after each batch.
    /// When a record cannot be merged, the rest of the file is still checked (not rendered) and
    /// every bad record is reported, as `MergeError.problems`.
    public func run(_ csv: CSVReader, into output: OutputFolder, progress: (Int) -> Void = { _ in }) throws -> Int {
        let renderer = ParallelRenderer(plan: plan, jobs: jobs)
        var namer = FileNamer(namesAreUnique: pattern?.namesAreUnique ?? false)
        var count = 0
        var batch: [[String]] = []
        var names: [String] = []
        var lines: [Int] = []

        /// Every problem of the batch from `index` on, without writing anything.
        func problemsInBatch(from index: Int, checker: LetterRenderer) -> [MergeError] {
            (index..<batch.count).compactMap { index in
                do { try checker.check(batch[index]); return nil } catch {
                    return .record(file: csv.name, line: lines[index], problem: String(describing: error))
                }
            }
        }

        while true {
            batch.removeAll(keepingCapacity: true)
            names.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
            do {
                while batch.count < batchSize, let record = try csv.next() {
                    count += 1
                    let base = pattern?.name(values: record.values, number: count) ?? record.values.first ?? ""
                    names.append(namer.name(for: base, fallback: String(count), extension: "docx"))
                    batch.append(record.values)
                    lines.append(record.line)
                }
            } catch let error as CSVError {
                let checker = LetterRenderer(plan: plan)
                throw checkRest(of: csv, with: checker, problems: problemsInBatch(from: 0, checker: checker) + [Self.problem(error)])
            }
            if batch.isEmpty { return count }
            let batchNames = names
            do {
                try renderer.render(batch) { index, document in
                    try output.write(name: batchNames[index], bytes: document)
                }
            } catch let failure as RecordFailure {
                guard case MergeError.forbiddenCharacter = failure.error else { throw failure.error }
                let checker = LetterRenderer(plan: plan)
                throw checkRest(of: csv, with: checker, problems: problemsInBatch(from: failure.index, checker: checker))
            }
            progress(count)
        }
    }

    /// Goes through the rest of the file without writing anything, collecting every problem.
    private func checkRest(of csv: CSVReader, with checker: LetterRenderer, problems: [MergeError]) -> MergeError {
        var problems = problems
        var lastError = problems.last
        while problems.count < Self.maximumProblems {
            do {
                guard let record = try csv.next() else { break }
                do { try checker.check(record.values) } catch {
                    problems.append(.record(file: csv.name, line: record.line, problem: String(describing: error)))
                }
            } catch let error as CSVError {
                let problem = Self.problem(error)
                if problem == lastError { break }  // the reader cannot go on past this one
                problems.append(problem)
                lastError = problem
            } catch {
                break
            }
        }
        return problems.count == 1 ? problems[0] : .problems(problems)
    }

    private static func problem(_ error: CSVError) -> MergeError {
        error.line > 0 ? .record(file: error.file, line: error.line, problem: error.message) : .io(path: error.file, message: error.message)
    }
}
