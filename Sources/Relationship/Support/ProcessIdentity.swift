#if canImport(Glibc)
import Glibc
#endif

/// A process, told apart from a later one that got the same pid: the pid plus its start time
/// (`/proc/PID/stat` field 22, clock ticks since boot).
public struct ProcessIdentity: Sendable, Equatable {
    public let pid: Int32
    /// The start time as text; empty where `/proc` cannot say.
    public let start: String

    public init(pid: Int32, start: String) {
        self.pid = pid
        self.start = start
    }

    /// This process.
    public static var current: ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(pid: pid, start: startTime(of: pid) ?? "")
    }

    /// True while the process is running (and is the same process, not a later one with its pid).
    public var isAlive: Bool {
        if pid == getpid() { return start == (Self.startTime(of: pid) ?? "") }
        if let now = Self.startTime(of: pid) { return start.isEmpty || now == start }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    private static func startTime(of pid: Int32) -> String? {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = buffer[0..<count]
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        guard let close = text.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = text[(close + 1)...].split(separator: UInt8(ascii: " "))
        // fields[0] is field 3 (state), so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return String(decoding: fields[19], as: UTF8.self)
    }
}
