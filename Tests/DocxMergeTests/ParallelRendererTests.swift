import Dispatch
import DocxMerge
import LettershopTestSupport
import Testing

/// Batches queued on the rendering threads: each record delivered once, the same bytes as one
/// thread gives, failures kept to their batch, and several renderers side by side.
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

    private func plan() throws -> LetterPlan {
        let body = paragraph(complexField("MERGEFIELD A")) + paragraph(complexField("MERGEFIELD B \\* Upper"))
        return try LetterPlan(template: try MergeTemplate(bytes: DocxBuilder(body: body).build(), name: "t"), columns: ["A", "B"])
    }

    private static let batches: [[[String]]] = (0..<7).map { batch in
        (0..<(batch == 3 ? 1 : 37)).map { ["record \(batch)-\($0)", "name \($0 * 7 % 11)"] }
    }

    @Test(arguments: [2, 3, 8])
    func queuedBatchesDeliverEachRecordOnceWithTheBytesOfOneThread(jobs: Int) throws {
        let plan = try plan()
        let serial = ParallelRenderer(plan: plan, jobs: 1)
        let parallel = ParallelRenderer(plan: plan, jobs: jobs)
        var expected: [Deliveries] = []
        var pending: [(Deliveries, PendingBatch)] = []
        for records in Self.batches {
            let one = Deliveries(count: records.count)
            try serial.render(records) { one.set($0, $1) }
            expected.append(one)
            let many = Deliveries(count: records.count)
            pending.append((many, parallel.start(records) { many.set($0, $1) }))
        }
        // An empty batch is done at once.
        try parallel.start([]) { _, _ in Issue.record("nothing to deliver") }.wait()
        for ((many, batch), one) in zip(pending, expected) {
            try batch.wait()
            #expect(many.counts.allSatisfy { $0 == 1 })
            #expect(many.documents == one.documents)
        }
    }

    @Test func aFailingBatchLeavesTheQueuedOnesAlone() throws {
        let renderer = ParallelRenderer(plan: try plan(), jobs: 2)
        let good = Deliveries(count: 40)
        let first = renderer.start((0..<40).map { ["ok \($0)", "x"] }) { good.set($0, $1) }
        let failing = renderer.start((0..<40).map { [$0 == 9 || $0 == 30 ? "bad\u{1}" : "ok", "x"] }) { _, _ in }
        let after = Deliveries(count: 40)
        let last = renderer.start((0..<40).map { ["after \($0)", "y"] }) { after.set($0, $1) }
        try first.wait()
        #expect(throws: RecordFailure.self) { try failing.wait() }
        do { try failing.wait() } catch let failure as RecordFailure { #expect(failure.index == 9) }
        try last.wait()
        #expect(good.counts.allSatisfy { $0 == 1 } && after.counts.allSatisfy { $0 == 1 })
    }

    @Test func severalRenderersWorkSideBySide() throws {
        // More threads than cores, in renderers alive at once (a segment with several templates).
        let renderers = try (0..<4).map { _ in ParallelRenderer(plan: try plan(), jobs: 4) }
        let deliveries = renderers.map { _ in Deliveries(count: 50) }
        let pending = zip(renderers, deliveries).map { renderer, delivered in
            renderer.start((0..<50).map { ["r \($0)", "s"] }) { delivered.set($0, $1) }
        }
        for batch in pending { try batch.wait() }
        #expect(deliveries.allSatisfy { $0.counts.allSatisfy { $0 == 1 } })
    }
}
