/// How a connection to the mail server is secured.
public enum SMTPSecurity: String, Sendable, CaseIterable {
    /// Plain connection upgraded with STARTTLS, which must succeed (the default, usually port 587).
    case starttls
    /// TLS from the first byte (usually port 465).
    case tls
    /// No encryption: only for a server on this machine (loopback).
    case none

    /// The usual port for this kind of connection.
    public var defaultPort: Int {
        switch self {
        case .starttls: 587
        case .tls: 465
        case .none: 25
        }
    }
}

/// Where and how to reach an SMTP server. The password is held only in memory.
public struct SMTPServer: Sendable {
    public var host: String
    public var port: Int
    public var security: SMTPSecurity
    /// Empty: no AUTH.
    public var user: String
    public var password: String
    /// A PEM file of certificate authorities to trust besides the system's (a private server's own).
    public var caFile: String
    /// Seconds to wait for the server to connect, answer a command, or take more of a message.
    public var timeoutSeconds: Int

    public init(host: String, port: Int, security: SMTPSecurity = .starttls, user: String = "", password: String = "",
                caFile: String = "", timeoutSeconds: Int = 60) {
        self.host = host
        self.port = port
        self.security = security
        self.user = user
        self.password = password
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
    }

    /// True for `localhost` and loopback addresses (`127.x.x.x`, `::1`), the only hosts an
    /// unencrypted connection may go to.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `smtp://host:port` or `smtps://host:port`; an IPv6 host in brackets.
    var url: String {
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(security == .tls ? "smtps" : "smtp")://\(name):\(port)"
    }
}
