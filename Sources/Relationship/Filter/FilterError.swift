/// A `--where` expression that does not parse, or names a field that does not exist.
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The text is not a valid expression (a usage error).
        case syntax
        /// The expression parses but names an unknown field (the work fails).
        case unknownField
    }

    public let kind: Kind
    /// What is wrong, without the position.
    public let message: String
    /// 1-based column (in characters) of the token where the problem is, or one past the end.
    public let column: Int

    public init(_ kind: Kind, _ message: String, column: Int) {
        self.kind = kind
        self.message = message
        self.column = column
    }

    public var description: String { "\(message) at column \(column)" }
}
