import Relationship

/// `lettershop mail send LOGGED-NO [--jobs N] [--rate N/min] [--via smtp|sendmail] [--attach none|docx|pdf] …`.
enum MailSendCommand: Command {
    static let words = ["mail", "send"]
    static let abstract = """
        Send the e-mail interactions of a logged segment through the configured SMTP server (or sendmail -i -t with \
        --via sendmail), over at most --jobs connections. Sends only what is queued or deferred, never a message twice: \
        one left 'sending' by a crash is unknown and is sent again only with --resend-unknown. Canceled entries, \
        privacy-blocked and opted-out contacts get nothing. --attach pdf attaches the PDF logged with the letter \
        (segment log --format pdf), else the letter converted through LibreOffice (soffice on PATH, or --soffice PATH). \
        Exit 1 when a message failed, was deferred or is unknown.
        """
    static let usage = "mail send LOGGED-NO [--jobs N] \(MailRun.usage) [--soffice PATH] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["LOGGED-NO"], options: Set(MailRun.options + ["jobs", "soffice", StoreAccess.option]),
                                   flags: Set(MailRun.flags))

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "LOGGED-NO")
        let run = try MailRun(arguments, jobs: try arguments.integer("jobs", in: 1...64) ?? 1)
        let path = try StoreAccess.path(arguments)
        // Opened once here so a missing or newer database is reported as for any command.
        try StoreAccess.with(arguments) { _ in }
        try run.send(logged: number, databasePath: path)
    }
}
