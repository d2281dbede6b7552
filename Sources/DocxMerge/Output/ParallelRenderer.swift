import Dispatch
import Synchronization

/// Renders batches of records on several threads, one `LetterRenderer` each. The documents are the
/// same bytes whatever the number of threads.
public final class ParallelRenderer: @unchecked Sendable {
    /// The number of rendering threads.
    public let jobs: Int
    private let renderers: [LetterRenderer]

    /// `jobs` renderers for `plan` (at least one).
    public init(plan: LetterPlan, jobs: Int) {
        self.jobs = max(1, jobs)
        renderers = (0..<max(1, jobs)).map { _ in LetterRenderer(plan: plan) }
    }

    /// Renders `records` (values in the plan's column order) and hands each document to `deliver`
    /// with the record's index, on the rendering thread. Throws the error of the first failing
    /// record (by index), tagged with its index.
    public func render(_ records: [[String]], deliver: @escaping @Sendable (_ index: Int, _ document: [UInt8]) throws -> Void) throws {
        try start(records, deliver: deliver).wait()
    }

    /// Starts rendering `records` on the threads and returns at once, so the caller can read the
    /// next batch meanwhile; `wait()` on the result before starting another batch. Each thread takes
    /// the next record not yet taken, so a thread held up (by the disk, by other work) holds up none
    /// of the others.
    public func start(_ records: [[String]], deliver: @escaping @Sendable (_ index: Int, _ document: [UInt8]) throws -> Void) -> PendingBatch {
        let workers = min(jobs, records.count)
        let batch = PendingBatch()
        for worker in 0..<workers {
            let work = { @Sendable in
                let renderer = self.renderers[worker]
                while true {
                    let index = batch.next.add(1, ordering: .relaxed).oldValue
                    guard index < records.count, !batch.failures.hasFailureBefore(index) else { return }
                    do {
                        try deliver(index, renderer.render(records[index]))
                    } catch {
                        batch.failures.record(index: index, error: error)
                        return
                    }
                }
            }
            DispatchQueue.global().async(group: batch.group, execute: work)
        }
        return batch
    }
}

/// A batch being rendered by `ParallelRenderer.start`.
public final class PendingBatch: @unchecked Sendable {
    fileprivate let group = DispatchGroup()
    fileprivate let failures = FailureBox()
    /// The index of the next record to render.
    fileprivate let next = Atomic<Int>(0)

    /// Waits until every document of the batch is delivered; throws the first failing record's error.
    public func wait() throws {
        group.wait()
        if let failure = failures.first { throw RecordFailure(index: failure.index, error: failure.error) }
    }
}

/// A record that failed to render or write: its index in the batch, and why.
public struct RecordFailure: Error {
    /// The record's index in the batch.
    public let index: Int
    /// What went wrong.
    public let error: any Error
}

private final class FailureBox: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private(set) var first: (index: Int, error: any Error)?

    func record(index: Int, error: any Error) {
        lock.wait()
        defer { lock.signal() }
        if first == nil || index < first!.index { first = (index, error) }
    }

    func hasFailureBefore(_ index: Int) -> Bool {
        lock.wait()
        defer { lock.signal() }
        return first.map { $0.index < index } ?? false
    }
}
