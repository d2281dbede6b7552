/// One `lettershop` command: its words (`["segment", "add"]`), its help and its work.
protocol Command: Sendable {
    /// The words that select the command, such as `["contacts", "import"]`.
    static var words: [String] { get }
    /// One line saying what the command does.
    static var abstract: String { get }
    /// The usage lines shown by `--help` and after a usage error.
    static var usage: String { get }
    /// More text after the usage in `--help` (an extension gives none).
    static var details: String { get }
    static var spec: ArgumentSpec { get }
    /// Does the work; throws `UsageError` or `CommandFailure` (or any error, printed as one line).
    static func run(_ arguments: Arguments) throws
}

extension Command {
    /// More text after the usage in `--help`; none by default.
    static var details: String { "" }

    static var help: String {
        "\(abstract)\n\nusage: \(usage)\n" + (details.isEmpty ? "" : "\n\(details)\n")
    }
}

/// What `--help` says of `--where`, for the commands that take one.
enum FilterHelp {
    static let text = """
        EXPR: tests joined by and, or, not and parentheses: FIELD = VALUE (also != < <= > >= contains, starts with), \
        FIELD in (A, B), FIELD between A and B, FIELD is [not] empty, interaction(…) over the contact's interactions, \
        group(CODE), campaign(NO, target|responded), opted-out(email|hard-copy). A value with spaces or a keyword is \
        quoted, in double quotes ("New York") or single quotes ('New York'); \\" or \\' inside, as the quotes are.
        """
}
