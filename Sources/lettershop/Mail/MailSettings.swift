import MailDelivery
import Relationship

#if canImport(Glibc)
import Glibc
#endif

/// The mail server settings `mail configure` writes and `mail send` reads: a file of `key = value`
/// lines, only its owner may read it. It never holds the password: that comes from
/// `LETTERSHOP_SMTP_PASSWORD` or from the password file it names, which only its owner may read.
struct MailSettings: Equatable {
    var host = ""
    var port = 0
    var security = SMTPSecurity.starttls
    var user = ""
    var passwordFile = ""
    var from = ""
    var unsubscribeMailto = ""
    var unsubscribeURL = ""
    var caFile = ""
    var timeoutSeconds = 60
    /// Tries per message within one run for temporary failures, and the wait before the second.
    var tries = 3
    var retryWaitSeconds = 5.0

    /// `$LETTERSHOP_MAIL_CONFIG`, else `$XDG_CONFIG_HOME/lettershop/mail.conf`, else
    /// `~/.config/lettershop/mail.conf`.
    static var path: String {
        if let path = environment("LETTERSHOP_MAIL_CONFIG") { return path }
        if let base = environment("XDG_CONFIG_HOME") { return base + "/lettershop/mail.conf" }
        return (environment("HOME") ?? ".") + "/.config/lettershop/mail.conf"
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name), let text = String(validatingCString: value), !text.isEmpty else { return nil }
        return text
    }

    private static let keys = ["host", "port", "tls", "user", "password-file", "from", "unsubscribe-mailto", "unsubscribe-url", "ca-file",
                               "timeout", "tries", "retry-wait"]

    /// Reads the settings file.
    /// - Throws: `CommandFailure` naming the file (and line) when it is missing or wrong.
    static func load(from path: String = MailSettings.path) throws -> MailSettings {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw CommandFailure("\(path): no mail settings (run 'lettershop mail configure --host HOST …' first)")
        }
        var settings = MailSettings()
        for (index, raw) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard let equals = line.firstIndex(of: "=") else { throw CommandFailure("\(path):\(index + 1): expected 'key = value'") }
            let key = String(line[..<equals]).trimmingCharacters(in: " \t")
            let value = String(line[line.index(after: equals)...]).trimmingCharacters(in: " \t")
            do {
                try settings.set(key, value)
            } catch let error as UsageError {
                throw CommandFailure("\(path):\(index + 1): \(error.messages.joined(separator: "; "))")
            }
        }
        guard !settings.host.isEmpty else { throw CommandFailure("\(path): no host") }
        if settings.port == 0 { settings.port = settings.security.defaultPort }
        try settings.check()
        return settings
    }

    /// Sets one setting from its text, as the file or `mail configure` gives it.
    mutating func set(_ key: String, _ value: String) throws {
        switch key {
        case "host": host = value
        case "port":
            guard let number = Int(value), (1...65535).contains(number) else { throw UsageError("port must be 1 to 65535, not '\(value)'") }
            port = number
        case "tls":
            guard let mode = SMTPSecurity(rawValue: value) else { throw UsageError("tls must be starttls, tls or none, not '\(value)'") }
            security = mode
        case "user": user = value
        case "password-file": passwordFile = value
        case "from": from = value
        case "unsubscribe-mailto": unsubscribeMailto = value
        case "unsubscribe-url": unsubscribeURL = value
        case "ca-file": caFile = value
        case "timeout":
            guard let number = Int(value), (1...3600).contains(number) else { throw UsageError("timeout must be 1 to 3600 seconds, not '\(value)'") }
            timeoutSeconds = number
        case "tries":
            guard let number = Int(value), (1...20).contains(number) else { throw UsageError("tries must be 1 to 20, not '\(value)'") }
            tries = number
        case "retry-wait":
            guard let number = Double(value), number >= 0, number <= 3600 else { throw UsageError("retry-wait must be 0 to 3600 seconds, not '\(value)'") }
            retryWaitSeconds = number
        default: throw UsageError("unknown setting '\(key)' (known: \(Self.keys.joined(separator: ", ")))")
        }
    }

    /// The rules a configuration must meet.
    /// - Throws: `UsageError` naming the setting.
    func check() throws {
        if host.isEmpty || host.contains(where: { $0 == " " || $0 == "/" || $0 == "\t" }) { throw UsageError("--host must be a host name or address, not '\(host)'") }
        if security == .none, !SMTPServer.isLoopback(host) {
            throw UsageError("--tls none is only allowed for a server on this machine (localhost, 127.0.0.1, ::1), not \(host): use starttls or tls")
        }
        if !from.isEmpty, MailAddress(parsing: from) == nil { throw UsageError("--from '\(from)' is not an e-mail address") }
        if !unsubscribeMailto.isEmpty, !MailAddress.isValid(unsubscribeMailto) {
            throw UsageError("--unsubscribe-mailto '\(unsubscribeMailto)' is not an e-mail address")
        }
        if !unsubscribeURL.isEmpty {
            guard unsubscribeURL.lowercased().hasPrefix("https://"), unsubscribeURL.contains("{ContactNo}"), unsubscribeURL.utf8.count <= 500,
                  !unsubscribeURL.contains(where: { $0 == " " || $0 == ">" || $0 == "<" || $0.isNewline }) else {
                throw UsageError("--unsubscribe-url must be an https:// URL of at most 500 characters holding {ContactNo}, not '\(unsubscribeURL)'")
            }
        }
    }

    /// The file's text.
    var text: String {
        var lines = ["# Lettershop mail settings (mail configure). The password is never kept here.",
                     "host = \(host)", "port = \(port)", "tls = \(security.rawValue)"]
        let optional = [("user", user), ("password-file", passwordFile), ("from", from), ("unsubscribe-mailto", unsubscribeMailto),
                        ("unsubscribe-url", unsubscribeURL), ("ca-file", caFile)]
        for (key, value) in optional where !value.isEmpty { lines.append("\(key) = \(value)") }
        lines += ["timeout = \(timeoutSeconds)", "tries = \(tries)", "retry-wait = \(retryWaitSeconds)"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The server to connect to, with the password when a user is set.
    /// - Throws: `CommandFailure` when a user is set and no password can be had, or the password
    ///   file may be read by others.
    func server() throws -> SMTPServer {
        var password = ""
        if !user.isEmpty {
            if let fromEnvironment = Self.environment("LETTERSHOP_SMTP_PASSWORD") {
                password = fromEnvironment
            } else if !passwordFile.isEmpty {
                try Self.checkOwnerOnly(passwordFile)
                let bytes = try FileBytes.read(passwordFile)
                password = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: "\r\n")
            } else {
                throw CommandFailure("no password for SMTP user \(user): set LETTERSHOP_SMTP_PASSWORD or configure --password-file")
            }
        }
        return SMTPServer(host: host, port: port, security: security, user: user, password: password, caFile: caFile,
                          timeoutSeconds: timeoutSeconds)
    }

    /// - Throws: `CommandFailure` unless `path` is a file of this user that nobody else may read or write.
    static func checkOwnerOnly(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CommandFailure("\(path): cannot read the password file (\(String(cString: strerror(errno))))") }
        guard info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
            throw CommandFailure("\(path): the password file may be read by others; allow only its owner (chmod 600 \(path))")
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
