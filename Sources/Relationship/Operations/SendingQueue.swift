import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// What the threads of one run share: the entries still due (with when), the report, the pace, and
/// whether the run stopped.
final class SendingQueue: @unchecked Sendable {
    struct Item {
        let entryNo: Int
        let from: [DeliveryState]
        /// Tries already made in this run.
        var tries = 0
        /// Monotonic seconds before which it is not tried.
        var notBefore: Double = 0
    }

    private let lock = DispatchSemaphore(value: 1)
    private var waiting: [Item]
    /// Items handed out and not yet finished (each may come back as a retry).
    private var active = 0
    private var report = MailSending.Report()
    private var finished = 0
    private var stopped: String?
    private let interval: Double
    private var nextSlot: Double = 0

    init(due: [(entryNo: Int, from: [DeliveryState])], options: MailSending.Options) {
        waiting = due.map { Item(entryNo: $0.entryNo, from: $0.from) }.reversed()
        interval = options.ratePerMinute.map { 60 / Double(max(1, $0)) } ?? 0
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.wait()
        defer { lock.signal() }
        return body()
    }

    /// The next item to try, waiting for a retry's time if that is all there is; nil when nothing
    /// is left (or the run stopped).
    func next() -> Item? {
        while true {
            let (item, wait): (Item?, Double?) = locked {
                if stopped != nil { return (nil, nil) }
                let now = Self.seconds()
                if let index = waiting.indices.last(where: { waiting[$0].notBefore <= now }) {
                    active += 1
                    return (waiting.remove(at: index), nil)
                }
                if let soonest = waiting.map(\.notBefore).min() { return (nil, min(0.2, soonest - now)) }
                if active > 0 { return (nil, 0.05) }
                return (nil, nil)
            }
            if let item { return item }
            guard let wait else { return nil }
            usleep(useconds_t(max(0.001, wait) * 1_000_000))
        }
    }

    func retry(_ item: SendingQueue.Item, after seconds: Double) {
        locked {
            var again = item
            again.tries += 1
            again.notBefore = Self.seconds() + seconds
            waiting.insert(again, at: 0)
            active -= 1
        }
    }

    func done(_ progress: (Int) -> Void) {
        let count = locked { () -> Int in
            active -= 1
            finished += 1
            return finished
        }
        progress(count)
    }

    func stop(_ reason: String) {
        locked {
            active -= 1
            if stopped == nil { stopped = reason }
        }
    }

    func record(_ body: (inout MailSending.Report) -> Void) { locked { body(&report) } }

    /// Waits for this message's turn under `--rate`.
    func waitForSlot() {
        guard interval > 0 else { return }
        let slot = locked { () -> Double in
            let now = Self.seconds()
            let slot = max(now, nextSlot)
            nextSlot = slot + interval
            return slot
        }
        let wait = slot - Self.seconds()
        if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
    }

    func merge(into target: inout MailSending.Report) {
        locked {
            target.sent += report.sent
            target.deferred += report.deferred + waiting.count
            target.failed += report.failed
            target.unknown += report.unknown
            target.skipped += report.skipped
            target.wouldSend += report.wouldSend.sorted { $0.entryNo < $1.entryNo }
            target.problems += report.problems
            target.stopped = stopped
        }
    }

    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
