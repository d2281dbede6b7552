import Dispatch

/// Renders batches of records on `jobs` threads, each with one `LetterRenderer` per plan it has
/// met; each batch names its plan, so the letters of several templates share the threads. The
/// documents are the same bytes whatever the number of threads.
///
/// Batches queue up: the threads take records one at a time, the next batch's as soon as the last
/// one's are all taken, so they never wait for the caller between batches. With one job there are
/// no threads: a batch is rendered on the caller's thread, and `--jobs 1` uses one core. Batches
/// are given from one thread; `deliver` is called on the rendering threads.
public final class ParallelRenderer: @unchecked Sendable {
    /// The number of rendering threads.
    public let jobs: Int
    private let queue = RecordQueue()
    /// The renderers of the caller's thread, with one job.
    private var ownRenderers = LetterRenderers()
    /// The threads started so far: no more than there have been records.
    private var threads = 0

    /// A renderer on `jobs` threads (at least one); the threads start as batches come.
    public init(jobs: Int) {
        self.jobs = max(1, jobs)
    }

    deinit { queue.close(threads: threads) }

    /// Renders `records` (values in `plan`'s column order) and hands each document to `deliver`
    /// with the record's index, on the rendering thread. Throws the error of the first failing
    /// record (by index), tagged with its index.
    public func render(_ records: [[String]], plan: LetterPlan,
                       deliver: @escaping @Sendable (_ index: Int, _ document: [UInt8]) throws -> Void) throws {
        try start(records, plan: plan, deliver: deliver).wait()
    }

    /// Queues `records` behind the batches being rendered and returns at once, so the caller can
    /// read the next batch meanwhile; `wait()` on the result for its documents. With one job the
    /// batch is rendered before this returns.
    public func start(_ records: [[String]], plan: LetterPlan,
                      deliver: @escaping @Sendable (_ index: Int, _ document: [UInt8]) throws -> Void) -> PendingBatch {
        queue(records, plan: plan) { index, renderer in try deliver(index, renderer.render(records[index])) }
    }

    /// Queues `records` as `start(_:plan:deliver:)` does, with `work` doing what is wanted of
    /// record `index` with the thread's renderer for `plan` (render a `.docx`, or its parts).
    public func queue(_ records: [[String]], plan: LetterPlan,
                      work: @escaping @Sendable (_ index: Int, _ renderer: LetterRenderer) throws -> Void) -> PendingBatch {
        let batch = PendingBatch(records: records, plan: plan, work: work)
        guard !records.isEmpty else { return batch }
        if jobs == 1 {
            let renderer = ownRenderers.renderer(for: plan)
            for index in records.indices { batch.render(index, with: renderer) }
            return batch
        }
        let wanted = min(jobs, threads + records.count)
        while threads < wanted {
            // A queue of its own gets a thread of its own, even while others block.
            let thread = DispatchQueue(label: "lettershop.render.\(threads)")
            threads += 1
            thread.async { [queue] in
                var renderers = LetterRenderers()
                while let (batch, index) = queue.next() { batch.render(index, with: renderers.renderer(for: batch.plan)) }
            }
        }
        queue.append(batch)
        return batch
    }
}

/// A batch given to `ParallelRenderer.start`.
public final class PendingBatch: @unchecked Sendable {
    fileprivate let records: [[String]]
    fileprivate let plan: LetterPlan
    private let work: @Sendable (Int, LetterRenderer) throws -> Void
    private let done = DispatchGroup()
    private let state: Locked<(left: Int, failure: RecordFailure?)>

    fileprivate init(records: [[String]], plan: LetterPlan, work: @escaping @Sendable (Int, LetterRenderer) throws -> Void) {
        self.records = records
        self.plan = plan
        self.work = work
        state = Locked((records.count, nil))
        if !records.isEmpty { done.enter() }
    }

    /// Waits until every document of the batch is delivered; throws the first failing record's error.
    public func wait() throws {
        done.wait()
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    /// Renders and delivers record `index`, unless an earlier record failed.
    fileprivate func render(_ index: Int, with renderer: LetterRenderer) {
        var failure: RecordFailure?
        if !state.withLock({ $0.failure.map { $0.index < index } ?? false }) {
            do { try work(index, renderer) } catch { failure = RecordFailure(index: index, error: error) }
        }
        let finished = state.withLock { state -> Bool in
            if let failure, state.failure.map({ failure.index < $0.index }) ?? true { state.failure = failure }
            state.left -= 1
            return state.left == 0
        }
        if finished { done.leave() }
    }
}

/// One thread's renderers, by plan (a renderer keeps its plan alive, so no other plan takes its
/// identifier).
private struct LetterRenderers {
    private var byPlan: [ObjectIdentifier: LetterRenderer] = [:]

    mutating func renderer(for plan: LetterPlan) -> LetterRenderer {
        if let renderer = byPlan[ObjectIdentifier(plan)] { return renderer }
        let renderer = LetterRenderer(plan: plan)
        byPlan[ObjectIdentifier(plan)] = renderer
        return renderer
    }
}

/// A record that failed to render or write: its index in the batch, and why.
public struct RecordFailure: Error, @unchecked Sendable {
    /// The record's index in the batch.
    public let index: Int
    /// What went wrong.
    public let error: any Error
}

/// The batches waiting for the threads, in order; each thread takes the next record.
private final class RecordQueue: Sendable {
    private let state = Locked<(batches: [PendingBatch], next: Int)>(([], 0))
    /// One signal per record queued, and one per thread at the end.
    private let available = DispatchSemaphore(value: 0)

    func append(_ batch: PendingBatch) {
        state.withLock { $0.batches.append(batch) }
        for _ in batch.records.indices { available.signal() }
    }

    /// The next record to render, waiting for one; nil once closed and empty.
    func next() -> (PendingBatch, Int)? {
        available.wait()
        return state.withLock { state in
            guard let batch = state.batches.first else { return nil }
            let index = state.next
            state.next += 1
            if state.next == batch.records.count {
                state.batches.removeFirst()
                state.next = 0
            }
            return (batch, index)
        }
    }

    /// Lets the `threads` waiting in `next()` end once the queued records are taken.
    func close(threads: Int) {
        for _ in 0..<threads { available.signal() }
    }
}
