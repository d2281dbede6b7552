import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM during long work (`merge`, `segment merge`, `segment log`): the work stops
/// at the next letter, removes what it staged, records nothing, and the process exits with
/// 128 + the signal's number (130, 143).
///
/// `install()` blocks both signals in every thread and starts one thread that waits for them. On
/// a signal it notes it (the work sees it in `check()`, which throws `Interrupted`, and unwinds
/// through its ordinary error path), runs the hooks (the store interrupts its SQL), and gives the
/// work `grace` seconds to stop. If the work has not ended by then (a long compile, a wait for a
/// lock, a LibreOffice conversion), it waits for any commit in progress to finish, kills the
/// child processes still running, removes the registered staging folders and files and ends the
/// process with the same status. Child processes (LibreOffice) start with both signals unblocked,
/// each in a process group of its own, to which a signal is passed on.
public enum Interruption {
    /// Thrown by `check()` once a signal has come.
    public struct Interrupted: Error, CustomStringConvertible {
        public let signal: Int32
        public init(signal: Int32) { self.signal = signal }
        public var description: String { "interrupted by \(Interruption.name(signal)); nothing written or recorded" }
    }

    private struct Registry {
        var next = 0
        /// Staging folders and files, removed (with what is in them) if the process must end.
        var paths: [Int: String] = [:]
        var hooks: [Int: @Sendable () -> Void] = [:]
        /// Child processes (LibreOffice), each the leader of its own process group.
        var children: [Int: pid_t] = [:]
    }

    private static let received = Atomic<Int32>(0)
    private static let registry = Locked(Registry())
    /// Held while work that must finish once begun (a commit, a move into place) runs.
    private static let commitLock = Locked(())
    /// How long the work has to stop by itself after a signal.
    public static let grace: Double = 3

    /// The signal received so far, if any.
    public static var signal: Int32? {
        let value = received.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// The exit status for `signal`: 128 + its number.
    public static func status(_ signal: Int32) -> Int32 { 128 + signal }

    /// `SIGINT`, `SIGTERM`.
    public static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }

    /// Blocks SIGINT and SIGTERM in this thread (and the threads it starts later) and starts the
    /// thread that waits for them. Call once, first thing, before any other thread starts.
    public static func install() {
        var set = signals()
        pthread_sigmask(SIG_BLOCK, &set, nil)
        var thread = pthread_t()
        pthread_create(&thread, nil, { _ in
            Interruption.waitForSignal()
            return nil
        }, nil)
        pthread_detach(thread)
    }

    /// Throws `Interrupted` once a signal has come.
    public static func check() throws {
        if let signal { throw Interrupted(signal: signal) }
    }

    /// Registers a staging folder to remove if the process must end before the work does.
    /// - Returns: the token for `unregister`.
    public static func register(folder path: String) -> Int {
        register(path: path)
    }

    /// Registers a staging file (a combined document being written) to remove if the process must
    /// end before the work does. - Returns: the token for `unregister`.
    public static func register(file path: String) -> Int {
        register(path: path)
    }

    private static func register(path: String) -> Int {
        registry.withLock { registry in
            registry.next += 1
            registry.paths[registry.next] = path
            return registry.next
        }
    }

    public static func unregister(_ token: Int) {
        registry.withLock { _ = $0.paths.removeValue(forKey: token) }
    }

    /// Registers a running child process, the leader of its own process group: a signal is passed
    /// on to its group (SIGTERM), and a group still running when the process must end is killed.
    /// If a signal came before, it is passed on at once. - Returns: the token for `unregisterChild`.
    static func register(child pid: pid_t) -> Int {
        let token = registry.withLock { registry in
            registry.next += 1
            registry.children[registry.next] = pid
            return registry.next
        }
        if signal != nil { kill(-pid, SIGTERM) }
        return token
    }

    static func unregisterChild(_ token: Int) {
        registry.withLock { _ = $0.children.removeValue(forKey: token) }
    }

    /// The signal mask and dispositions a child process starts with: SIGINT and SIGTERM unblocked
    /// and at their defaults, whatever this process blocks.
    static func prepareChild(_ attributes: inout posix_spawnattr_t) {
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = signals()
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
    }

    /// Registers `hook`, run on the signal's thread when a signal comes (it must be safe to call
    /// from another thread, as `sqlite3_interrupt` is). - Returns: the token for `removeHook`.
    public static func onSignal(_ hook: @escaping @Sendable () -> Void) -> Int {
        registry.withLock { registry in
            registry.next += 1
            registry.hooks[registry.next] = hook
            return registry.next
        }
    }

    /// Removes a hook; once this returns, the hook is not running and will not run.
    public static func removeHook(_ token: Int) {
        registry.withLock { _ = $0.hooks.removeValue(forKey: token) }
    }

    /// Runs `body`, which must finish once begun (moving letters into place, committing): a
    /// process ended for a signal waits for it.
    public static func critical<T>(_ body: () throws -> T) rethrows -> T {
        try commitLock.withLock { _ in try body() }
    }

    private static func signals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }

    private static func waitForSignal() {
        var set = signals()
        var number: Int32 = 0
        guard sigwait(&set, &number) == 0 else { return }
        received.store(number, ordering: .releasing)
        registry.withLock { registry in
            for hook in registry.hooks.values { hook() }
            for child in registry.children.values { kill(-child, SIGTERM) }
        }
        var pause = timespec(tv_sec: Int(grace), tv_nsec: Int((grace - grace.rounded(.down)) * 1e9))
        var left = timespec()
        while nanosleep(&pause, &left) != 0 && errno == EINTR { pause = left }
        commitLock.withLock { _ in
            let (paths, children) = registry.withLock { (Array($0.paths.values), Array($0.children.values)) }
            for child in children { kill(-child, SIGKILL) }
            for path in paths { Folder.removeAll(path) }
            _exit(status(number))
        }
    }
}
