/// A parsed filter expression (cli.md's `--where` grammar), before its field names are checked.
public indirect enum FilterExpression: Equatable, Sendable {
    /// A field name as written, and where.
    public struct Field: Equatable, Sendable {
        public let name: String
        public let column: Int
    }

    public enum Comparison: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case contains
        case startsWith = "starts with"
    }

    case or(FilterExpression, FilterExpression)
    case and(FilterExpression, FilterExpression)
    case not(FilterExpression)
    case compare(Field, Comparison, String)
    case isIn(Field, [String])
    case between(Field, String, String)
    case isEmpty(Field, negated: Bool)
    /// True when the contact has a non-canceled interaction entry matching the inner expression.
    case interaction(FilterExpression, column: Int)
    /// A test written as a call: `opted-out(email)`, `group(NEWS)`, `campaign(CP0001, target)`; its
    /// name (lowercased) and arguments, checked when the filter is bound.
    case call(String, [String], column: Int)
}
