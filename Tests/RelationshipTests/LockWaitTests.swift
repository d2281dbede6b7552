import Foundation
import LettershopTestSupport
@testable import Relationship
import Testing

/// A connection waiting for another one's write lock: it waits while the other holds it (saying
/// so once), and gives up as busy at its limit.
@Suite struct LockWaitTests {
    /// Counts the notices, from the waiting thread.
    private final class Notices: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var total: Int { lock.withLock { count } }
    }

    /// What the waiting connection got: its outcome, the seconds it waited, the notices it gave.
    private struct Contention {
        let result: Result<Void, any Error>
        let waited: Double
        let notices: Int
    }

    /// Takes the write lock on a second connection of a new database while a first one holds it for
    /// `seconds`.
    private func contend(limit: Double, noticeAfter: Double, holdFor seconds: Double) throws -> Contention {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("db.sqlite")
        let notices = Notices()
        let holder = try Database(path: path)
        try holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
        try holder.execute("BEGIN IMMEDIATE")
        let started = DispatchSemaphore(value: 0)
        let outcome = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<Void, any Error> = .success(())
        nonisolated(unsafe) var waited = 0.0
        // A thread of its own: the test's threads block, and a queued block could start only after the commit.
        Thread {
            let start = Date()
            started.signal()
            result = Result {
                let waiter = try Database(path: path, lockWait: LockWait(limit: limit, noticeAfter: noticeAfter, notice: notices.add))
                try waiter.execute("BEGIN IMMEDIATE")
                try waiter.execute("INSERT INTO t VALUES (1)")
                try waiter.execute("COMMIT")
            }
            waited = Date().timeIntervalSince(start)
            outcome.signal()
        }.start()
        started.wait()
        usleep(UInt32(seconds * 1_000_000))
        try holder.execute("COMMIT")
        outcome.wait()
        return Contention(result: result, waited: waited, notices: notices.total)
    }

    @Test func waitsWhileTheOtherHoldsTheLockAndSaysSoOnce() throws {
        let contention = try contend(limit: 30, noticeAfter: 0.2, holdFor: 0.8)
        #expect(throws: Never.self) { try contention.result.get() }
        #expect(contention.waited >= 0.7)
        #expect(contention.notices == 1)
    }

    @Test func givesUpAsBusyAtItsLimit() throws {
        let contention = try contend(limit: 0.4, noticeAfter: 0.1, holdFor: 1.5)
        #expect(throws: SQLiteError.self) { try contention.result.get() }
        if case let .failure(error as SQLiteError) = contention.result { #expect(error.isBusy, "\(error)") }
        #expect(contention.waited >= 0.35 && contention.waited < 1.4)
        #expect(contention.notices == 1)
    }
}
