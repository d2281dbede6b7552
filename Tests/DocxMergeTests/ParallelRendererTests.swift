import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import DocxMerge
import LettershopTestSupport
import Testing

/// Batches queued on the rendering threads: each record delivered once, the same bytes as one
/// thread gives, failures kept to their batch, batches of several templates, several renderers.
@Suite("Parallel rendering")
struct ParallelRendererTests {
    /// Documents by index, and how many times each index was delivered.
    final class Deliveries: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private(set) var documents: [[UInt8]]
        private(set) var counts: [Int]

        init(count: Int) {
            documents = Array(repeating: [], count: count)
            counts = Array(repeating: 0, count: count)
        }

        func set(_ index: Int, _ document: [UInt8]) {
            lock.wait()
            documents[index] = document
            counts[index] += 1
            lock.signal()
        }
    }

    private func plan(upper: Bool = true) throws -> LetterPlan {
        let body = paragraph(complexField("MERGEFIELD A")) + paragraph(complexField("MERGEFIELD B" + (upper ? " \\* Upper" : "")))
        return try LetterPlan(template: try MergeTemplate(bytes: DocxBuilder(body: body).build(), name: "t"), columns: ["A", "B"])
    }

    private static let batches: [[[String]]] = (0..<7).map { batch in
        (0..<(batch == 3 ? 1 : 37)).map { ["record \(batch)-\($0)", "name \($0 * 7 % 11)"] }
    }

    @Test(arguments: [2, 3, 8])
    func queuedBatchesDeliverEachRecordOnceWithTheBytesOfOneThread(jobs: Int) throws {
        // Batches of two templates, alternating, on the same threads.
        let plans = [try plan(), try plan(upper: false)]
        let serial = ParallelRenderer(jobs: 1)
        let parallel = ParallelRenderer(jobs: jobs)
        var expected: [Deliveries] = []
        var pending: [(Deliveries, PendingBatch)] = []
        for (number, records) in Self.batches.enumerated() {
            let plan = plans[number % 2]
            let one = Deliveries(count: records.count)
            try serial.render(records, plan: plan) { one.set($0, $1) }
            expected.append(one)
            let many = Deliveries(count: records.count)
            pending.append((many, parallel.start(records, plan: plan) { many.set($0, $1) }))
        }
        // The two templates give different letters, so a batch rendered with the wrong one shows.
        let upper = Deliveries(count: 1), plain = Deliveries(count: 1)
        try serial.render([["a", "b"]], plan: plans[0]) { upper.set($0, $1) }
        try serial.render([["a", "b"]], plan: plans[1]) { plain.set($0, $1) }
        #expect(upper.documents != plain.documents)
        // An empty batch is done at once.
        try parallel.start([], plan: plans[0]) { _, _ in Issue.record("nothing to deliver") }.wait()
        for ((many, batch), one) in zip(pending, expected) {
            try batch.wait()
            #expect(many.counts.allSatisfy { $0 == 1 })
            #expect(many.documents == one.documents)
        }
    }

    @Test func aFailingBatchLeavesTheQueuedOnesAlone() throws {
        let renderer = ParallelRenderer(jobs: 2)
        let plan = try plan()
        let good = Deliveries(count: 40)
        let first = renderer.start((0..<40).map { ["ok \($0)", "x"] }, plan: plan) { good.set($0, $1) }
        let failing = renderer.start((0..<40).map { [$0 == 9 || $0 == 30 ? "bad\u{1}" : "ok", "x"] }, plan: plan) { _, _ in }
        let after = Deliveries(count: 40)
        let last = renderer.start((0..<40).map { ["after \($0)", "y"] }, plan: plan) { after.set($0, $1) }
        try first.wait()
        #expect(throws: RecordFailure.self) { try failing.wait() }
        do { try failing.wait() } catch let failure as RecordFailure { #expect(failure.index == 9) }
        try last.wait()
        #expect(good.counts.allSatisfy { $0 == 1 } && after.counts.allSatisfy { $0 == 1 })
    }

    @Test func severalRenderersWorkSideBySide() throws {
        // More threads than cores, in renderers alive at once.
        let plan = try plan()
        let renderers = (0..<4).map { _ in ParallelRenderer(jobs: 4) }
        let deliveries = renderers.map { _ in Deliveries(count: 50) }
        let pending = zip(renderers, deliveries).map { renderer, delivered in
            renderer.start((0..<50).map { ["r \($0)", "s"] }, plan: plan) { delivered.set($0, $1) }
        }
        for batch in pending { try batch.wait() }
        #expect(deliveries.allSatisfy { $0.counts.allSatisfy { $0 == 1 } })
    }

    @Test func moreJobsThanRecords() throws {
        // Threads start as records come: 256 jobs for 3 records.
        let renderer = ParallelRenderer(jobs: 256)
        let delivered = Deliveries(count: 3)
        try renderer.render([["a", "b"], ["c", "d"], ["e", "f"]], plan: try plan()) { delivered.set($0, $1) }
        #expect(delivered.counts == [1, 1, 1])
    }

    @Test func oneJobRendersOnTheCallersThreadBeforeStartReturns() throws {
        let caller = pthread_self()
        let onCaller = Deliveries(count: 3)
        let elsewhere = Deliveries(count: 3)
        let batch = ParallelRenderer(jobs: 1).start([["a", "b"], ["c", "d"], ["e", "f"]], plan: try plan()) { index, document in
            (pthread_equal(pthread_self(), caller) != 0 ? onCaller : elsewhere).set(index, document)
        }
        #expect(onCaller.counts == [1, 1, 1] && elsewhere.counts == [0, 0, 0])
        try batch.wait()
    }
}
