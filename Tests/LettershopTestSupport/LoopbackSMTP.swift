import Foundation

/// A real SMTP server on loopback for the mail tests: `Tests/Tools/loopback-smtp.py` (aiosmtpd) in a
/// process of its own, with STARTTLS (a self-signed certificate made when it starts), implicit TLS
/// or none, AUTH, and faults by recipient. It keeps what it accepts in `folder`.
public final class LoopbackSMTP {
    /// Whether python3 with aiosmtpd and openssl are there (the tests that need them skip otherwise).
    public static let isAvailable: Bool = {
        guard let (status, _) = try? Python.run("import aiosmtpd, ssl", []) else { return false }
        return status == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
    }()

    public let folder: String
    public let port: Int
    private let process: Process

    /// Starts a server keeping its messages in `folder`.
    /// - Parameters:
    ///   - security: `starttls`, `tls` or `none`.
    ///   - auth: `user:password` to require AUTH.
    ///   - faults: recipient addresses by fault (`rcpt-4xx`, `data-5xx`, `drop-in-data`, `lose-reply`, `stall`).
    ///   - smtputf8: offer SMTPUTF8 (RFC 6531), for addresses whose local part is beyond ASCII.
    public init(folder: String, security: String = "starttls", auth: String? = nil, faults: [String: [String]] = [:],
                countOnly: Bool = false, smtputf8: Bool = false) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var arguments = [Self.script, "--out", folder, "--security", security]
        if let auth { arguments += ["--auth", auth] }
        if !faults.isEmpty {
            let path = folder + "/faults.json"
            try JSONSerialization.data(withJSONObject: faults).write(to: URL(fileURLWithPath: path))
            arguments += ["--faults", path]
        }
        if countOnly { arguments.append("--count-only") }
        if smtputf8 { arguments.append("--smtputf8") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let portFile = folder + "/port"
        var waited = 0
        while !FileManager.default.fileExists(atPath: portFile) {
            guard process.isRunning, waited < 300 else {
                kill(process.processIdentifier, SIGKILL)
                throw NSError(domain: "LoopbackSMTP", code: 1, userInfo: [NSLocalizedDescriptionKey: "the SMTP server did not start"])
            }
            usleep(50_000)
            waited += 1
        }
        port = Int(try String(contentsOfFile: portFile, encoding: .utf8)) ?? 0
    }

    deinit { stop() }

    /// Stops the server. SIGKILL: a child started from a test thread may have SIGTERM blocked.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The server's certificate (its own CA), for `mail configure --ca-file`.
    public var certificate: String { folder + "/cert.pem" }

    /// Each message accepted, as `(recipient, Message-ID)`, in order.
    public var received: [(recipient: String, messageID: String)] {
        guard let text = try? String(contentsOfFile: folder + "/received.log", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map {
            let parts = $0.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The `MAIL FROM` parameters (`SMTPUTF8`, `SIZE=…`) of each message accepted, by recipient.
    public var mailOptions: [String: String] {
        let text = (try? String(contentsOfFile: folder + "/mail-options.log", encoding: .utf8)) ?? ""
        var options: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            options[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return options
    }

    /// How many connections clients opened.
    public var connections: Int {
        ((try? String(contentsOfFile: folder + "/connections.log", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    /// How many messages went to `recipient`.
    public func count(_ recipient: String) -> Int { received.filter { $0.recipient == recipient }.count }

    /// The accepted messages' files, in order.
    public var messageFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }.sorted().map { folder + "/" + $0 }
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tools/loopback-smtp.py").path
}
