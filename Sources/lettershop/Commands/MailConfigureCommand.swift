import Relationship

#if canImport(Glibc)
import Glibc
#endif

/// `lettershop mail configure --host H [--port P] [--tls starttls|tls|none] [--user U] [--password-file F] …`.
enum MailConfigureCommand: Command {
    static let words = ["mail", "configure"]
    static let abstract = """
        Write the mail server settings mail send uses (to $LETTERSHOP_MAIL_CONFIG, else ~/.config/lettershop/mail.conf, \
        readable by its owner only). TLS is starttls unless told: tls for implicit TLS (port 465), none only for a server on \
        this machine. The password is never an argument: it comes from LETTERSHOP_SMTP_PASSWORD or --password-file, a file \
        only its owner may read.
        """
    static let usage = """
        mail configure --host H [--port P] [--tls starttls|tls|none] [--user U] [--password-file F] [--from ADDRESS] \
        [--unsubscribe-mailto ADDR] [--unsubscribe-url URL-WITH-{ContactNo}] [--ca-file PEM] [--timeout SECONDS] [--tries N] \
        [--retry-wait SECONDS]
        """
    static let spec = ArgumentSpec(options: ["host", "port", "tls", "user", "password-file", "from", "unsubscribe-mailto", "unsubscribe-url",
                                             "ca-file", "timeout", "tries", "retry-wait", "password"])

    static func run(_ arguments: Arguments) throws {
        if arguments.has("password") {
            throw UsageError("a password is never given on the command line: set LETTERSHOP_SMTP_PASSWORD or use --password-file FILE")
        }
        guard arguments.value("host") != nil else { throw UsageError("missing --host H") }
        var settings = MailSettings()
        for key in ["host", "port", "tls", "user", "password-file", "from", "unsubscribe-mailto", "unsubscribe-url", "ca-file", "timeout",
                    "tries", "retry-wait"] {
            if let value = arguments.value(key) {
                do { try settings.set(key, value) } catch let error as UsageError { throw UsageError(error.messages.map { "--" + $0 }) }
            }
        }
        if settings.port == 0 { settings.port = settings.security.defaultPort }
        try settings.check()
        if !settings.passwordFile.isEmpty {
            settings.passwordFile = LetterFolder.absolute(settings.passwordFile)
            try MailSettings.checkOwnerOnly(settings.passwordFile)
        }
        if !settings.caFile.isEmpty {
            settings.caFile = LetterFolder.absolute(settings.caFile)
            guard access(settings.caFile, R_OK) == 0 else { throw CommandFailure("\(settings.caFile): cannot read the CA file") }
        }
        let path = MailSettings.path
        let folder = LetterFolder.parent(of: path)
        if LetterFolder.state(of: folder) == .missing {
            _ = LetterFolder.makeFolder(LetterFolder.parent(of: folder))
        }
        if LetterFolder.state(of: folder) == .missing, !LetterFolder.makeFolder(folder) {
            throw CommandFailure("\(folder): cannot create the folder for the mail settings")
        }
        try FileBytes.writeAtomically(path, Array(settings.text.utf8), mode: 0o600)
        print("wrote mail settings to \(path): \(settings.host):\(settings.port), tls \(settings.security.rawValue)"
            + (settings.user.isEmpty ? "" : ", user \(settings.user)"))
    }
}
