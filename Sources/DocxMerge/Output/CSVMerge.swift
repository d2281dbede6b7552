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

    /// Writes one document per record into `output`'s staging folder, and every letter into
    /// `combiner` when given, and returns how many; the caller commits or discards the folder and
    /// the combined document. `progress` gets the running count after each batch.
    /// When a record cannot be merged, the rest of the file is still checked (not rendered) and
    /// every bad record is reported, as `MergeError.problems`.
    public func run(_ csv: CSVReader, into output: OutputFolder?, combiner: LetterCombiner? = nil,
                    progress: (Int) -> Void = { _ in }) throws -> Int {
        let renderer = ParallelRenderer(jobs: jobs)
        var namer = FileNamer(namesAreUnique: pattern?.namesAreUnique ?? false)
        var count = 0

        /// Every problem of `batch` from `index` on, without writing anything.
        func problems(in batch: Batch, from index: Int, checker: LetterRenderer) -> [MergeError] {
            (index..<batch.values.count).compactMap { index in
                do { try checker.check(batch.values[index]); return nil } catch {
                    return .record(file: csv.name, line: batch.lines[index], problem: String(describing: error))
                }
            }
        }

        /// Queues `batch` on the threads, behind the one they are rendering.
        func start(_ batch: Batch) -> (PendingBatch, OrderedLetters?) {
            let names = batch.names
            let values = batch.values
            let first = batch.first
            let combined = combiner.map { _ in OrderedLetters(count: values.count) }
            let pending = renderer.queue(values, plan: plan) { index, renderer in
                switch (output, combiner, combined) {
                case let (output?, combiner?, combined?):
                    let (document, parts) = try renderer.renderWithParts(values[index])
                    try output.write(name: names[index], bytes: document)
                    combined.set(index, try combiner.prepare(index: first + index, plan: 0, parts: parts))
                case let (nil, combiner?, combined?):
                    combined.set(index, try combiner.prepare(index: first + index, plan: 0, parts: renderer.renderParts(values[index])))
                default:
                    try output?.write(name: names[index], bytes: renderer.render(values[index]))
                }
            }
            return (pending, combined)
        }

        // This thread reads a batch while the threads render the one before, and queues it before
        // waiting for that one: the threads go from batch to batch without waiting for this one.
        var rendering: (batch: Batch, pending: PendingBatch, combined: OrderedLetters?)?
        while true {
            var batch = Batch()
            batch.first = count
            var readError: CSVError?
            do {
                while batch.values.count < batchSize, let record = try csv.next() {
                    count += 1
                    if output != nil {
                        let base = pattern?.name(values: record.values, number: count) ?? record.values.first ?? ""
                        batch.names.append(try namer.name(for: base, fallback: String(count), extension: "docx"))
                    }
                    batch.values.append(record.values)
                    batch.lines.append(record.line)
                }
            } catch let error as CSVError {
                readError = error
            } catch {
                // No thread may still write into the folder the caller is about to discard.
                try? rendering?.pending.wait()
                throw error
            }
            let queued = readError == nil && !batch.values.isEmpty ? start(batch) : nil
            if let (previous, pending, combined) = rendering {
                do {
                    try pending.wait()
                    if let combiner { try combined?.append(to: combiner) }
                    progress(count - batch.values.count)
                } catch let failure as RecordFailure {
                    try? queued?.0.wait()
                    guard case MergeError.forbiddenCharacter = failure.error else { throw failure.error }
                    let checker = LetterRenderer(plan: plan)
                    var found = problems(in: previous, from: failure.index, checker: checker)
                    found += problems(in: batch, from: 0, checker: checker)
                    if let readError { found.append(Self.problem(readError)) }
                    throw checkRest(of: csv, with: checker, problems: found)
                }
            }
            if let readError {
                let checker = LetterRenderer(plan: plan)
                throw checkRest(of: csv, with: checker, problems: problems(in: batch, from: 0, checker: checker) + [Self.problem(readError)])
            }
            guard let queued else { return count }
            rendering = (batch, queued.0, queued.1)
        }
    }

    /// Records read from the file and not yet written: values, file names and line numbers.
    private struct Batch {
        /// The number of records before this batch.
        var first = 0
        var values: [[String]] = []
        var names: [String] = []
        var lines: [Int] = []
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
