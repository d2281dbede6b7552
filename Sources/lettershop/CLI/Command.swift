/// One `lettershop` command: its words (`["segment", "add"]`), its help and its work.
protocol Command: Sendable {
    /// The words that select the command, such as `["contacts", "import"]`.
    static var words: [String] { get }
    /// One line saying what the command does.
    static var abstract: String { get }
    /// The usage lines shown by `--help` and after a usage error.
    static var usage: String { get }
    static var spec: ArgumentSpec { get }
    /// Does the work; throws `UsageError` or `CommandFailure` (or any error, printed as one line).
    static func run(_ arguments: Arguments) throws
}

extension Command {
    static var help: String {
        "\(abstract)\n\nusage: \(usage)\n"
    }
}
