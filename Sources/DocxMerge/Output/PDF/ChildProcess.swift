#if canImport(Glibc)
import Glibc
#endif

/// Runs another program and waits for it: how LibreOffice and `pdftoppm` are driven. Its output
/// goes to a log file (read back for messages), never to this process's terminal.
enum ChildProcess {
    /// Runs `executable` with `arguments`, its stdout and stderr appended to `log`; returns its exit
    /// status (128 + the signal when killed). A SIGINT or SIGTERM this process gets is passed on.
    static func run(_ executable: String, _ arguments: [String], log: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a signal reaches LibreOffice's helpers too; SIGINT and SIGTERM
        // unblocked (this process blocks them in every thread, and a child inherits that).
        posix_spawnattr_setpgroup(&attributes, 0)
        Interruption.prepareChild(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw MergeError.io(path: executable, message: "cannot start: \(String(cString: strerror(status)))")
        }
        let token = Interruption.register(child: pid)
        defer { Interruption.unregisterChild(token) }
        var result: Int32 = 0
        while waitpid(pid, &result, 0) < 0 {
            guard errno == EINTR else { throw MergeError.io(path: executable, message: "lost track of the process") }
        }
        if result & 0x7f == 0 { return (result >> 8) & 0xff }
        return 128 + (result & 0x7f)
    }

    /// The last non-empty line of a log file, for messages.
    static func lastLine(of log: String) -> String? {
        guard let file = fopen(log, "r") else { return nil }
        defer { fclose(file) }
        var last: String?
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            let text = String(cString: line!).trimmingSpaces
            if !text.isEmpty { last = String(text) }
        }
        return last
    }

    /// The full path of `name` on `$PATH`, if it is there and can be run.
    static func find(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
