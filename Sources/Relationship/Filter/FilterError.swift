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
    /// The other problems of the same kind found in the same check (every unknown field is named).
    public var further: [FilterError] = []

    public init(_ kind: Kind, _ message: String, column: Int) {
        self.kind = kind
        self.message = message
        self.column = column
    }

    /// This problem, one line: `unknown field 'Colour' at column 1`.
    public var description: String { "\(message) at column \(column)" }

    /// This problem and the further ones, one line each.
    public var messages: [String] { [description] + further.map(\.description) }
}
