import Dispatch

/// A value reached only while holding a lock. A semaphore, not `Synchronization.Mutex`: on Linux
/// `Mutex` waits on a futex of its own, which ThreadSanitizer does not see, so the sanitizer
/// reported every access made under it from two threads as a race; it sees a semaphore's ordering.
final class Locked<Value>: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.wait()
        defer { lock.signal() }
        return try body(&value)
    }
}
