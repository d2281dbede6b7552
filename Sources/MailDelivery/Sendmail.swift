#if canImport(Glibc)
import Glibc
#endif

/// Hands each message to the local `sendmail -i -t` program, as Unix mail tools do: it reads the
/// recipients from the message's headers and queues it. Exit status 0 is accepted, 75
/// (`EX_TEMPFAIL`) a temporary refusal, any other a permanent one.
public final class Sendmail: MessageTransport {
    private let program: String

    /// - Parameter program: the sendmail program, `/usr/sbin/sendmail` unless given.
    public init(program: String = "/usr/sbin/sendmail") {
        self.program = program
    }

    public func send(from: String, recipients: [String], message: [UInt8]) -> DeliveryOutcome {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { return .unavailable(reason: "cannot make a pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&output) == 0 else {
            close(input[0]); close(input[1])
            return .unavailable(reason: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, output[1], 2)
        for descriptor in input + output { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let arguments = [program, "-i", "-t", "-f", from]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, &argv, environ)
        close(input[0])
        close(output[1])
        guard spawned == 0 else {
            close(input[1]); close(output[0])
            return .unavailable(reason: "cannot run \(program): \(String(cString: strerror(spawned)))")
        }
        // A child that stops reading must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var written = 0
        var writeFailed = false
        message.withUnsafeBytes { bytes in
            while written < bytes.count {
                let count = write(input[1], bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    writeFailed = true
                    return
                }
                written += count
            }
        }
        close(input[1])
        var said: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(output[0], &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            if said.count < 4096 { said += chunk[..<count] }
        }
        close(output[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = String(decoding: said, as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited else { return .unknown(reason: "\(program) was killed by signal \(status & 0x7f)") }
        if code == 0, !writeFailed { return .accepted(reply: text.isEmpty ? "\(program): accepted" : text) }
        if writeFailed, code == 0 { return .interrupted(reason: "\(program) stopped reading the message") }
        let reply = "\(program) exited with status \(code)" + (text.isEmpty ? "" : ": \(text)")
        return .refused(code: Int(code), reply: reply, temporary: code == 75)
    }
}
