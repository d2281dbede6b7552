import DocxMerge

#if canImport(Glibc)
import Glibc
#endif

/// How a connection waits for another connection's lock (another lettershop writing, such as a
/// `segment log`, which holds the write lock while it writes its letters): SQLite asks `retry`
/// each time it finds the database locked; the wait lasts up to `limit` seconds, in short sleeps,
/// and `notice` is called once, after `noticeAfter` seconds of waiting.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/busy_handler.html>
final class LockWait {
    /// How long a connection waits for a lock before giving up (SQLite then reports the database busy).
    static let defaultLimit = 60.0

    let limit: Double
    let noticeAfter: Double
    private let notice: (() -> Void)?
    private var started = 0.0
    private var noticed = false

    init(limit: Double = LockWait.defaultLimit, noticeAfter: Double = 1, notice: (() -> Void)?) {
        self.limit = limit
        self.noticeAfter = noticeAfter
        self.notice = notice
    }

    /// Whether to try again: `attempt` counts the earlier tries of this wait (0 for the first). Not
    /// after SIGINT or SIGTERM: the command then ends as interrupted at once.
    func retry(attempt: Int32) -> Bool {
        guard Interruption.signal == nil else { return false }
        let now = Self.seconds()
        if attempt == 0 { started = now }
        let waited = now - started
        guard waited < limit else { return false }
        if !noticed, waited >= noticeAfter {
            noticed = true
            notice?()
        }
        // 1 ms first, then up to 25 ms: a short lock costs little, a long one few wake-ups.
        let pause = min(0.025, 0.001 * Double(attempt + 1), limit - waited)
        var request = timespec(tv_sec: 0, tv_nsec: Int(pause * 1e9))
        var left = timespec()
        while nanosleep(&request, &left) != 0 && errno == EINTR { request = left }
        return true
    }

    private static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
