/// Parses a `--where` expression by cli.md's grammar: `or` binds loosest, then `and`, then `not`.
///
/// ```swift
/// try FilterParser.parse("City = Oslo or City = Bergen and Type = person")
/// // .or(City = Oslo, .and(City = Bergen, Type = person))
/// ```
public struct FilterParser {
    private let tokens: [FilterToken]
    private var position = 0
    /// The `not`s, parentheses and `interaction(`s open at the current token.
    private var depth = 0
    /// The tests and connectives read so far.
    private var terms = 0

    /// Deeper nesting is refused (nothing that reads an expression recurses further than this).
    public static let maximumNesting = 64
    /// Longer expressions are refused: no one writes a criterion of more tests than this by hand.
    public static let maximumTerms = 1_000

    /// Parses `text`.
    /// - Throws: `FilterError` (syntax) naming the column of the token where the problem is.
    public static func parse(_ text: String) throws -> FilterExpression {
        var parser = FilterParser(tokens: try FilterLexer.tokens(text))
        guard parser.current.kind != .end else {
            throw FilterError(.syntax, "expected an expression", column: parser.current.column)
        }
        let expression = try parser.parseOr()
        guard parser.current.kind == .end else {
            let token = parser.current
            let message = token.kind == .close ? "unmatched ')'" : "expected 'and', 'or' or the end, but found '\(token.spelling)'"
            throw FilterError(.syntax, message, column: token.column)
        }
        return expression
    }

    private init(tokens: [FilterToken]) { self.tokens = tokens }

    /// The tests written as calls (`opted-out(email)`); a field of the same name is still a field
    /// when no `(` follows it.
    static let calls: Set<String> = ["opted-out", "group", "campaign"]

    private var current: FilterToken { tokens[position] }
    private var previous: FilterToken { tokens[max(0, position - 1)] }

    private mutating func advance() -> FilterToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func parseOr() throws -> FilterExpression {
        var left = try parseAnd()
        while current.isKeyword("or") {
            try countTerm()
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> FilterExpression {
        var left = try parseNot()
        while current.isKeyword("and") {
            try countTerm()
            _ = advance()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws -> FilterExpression {
        if current.isKeyword("not") {
            try enter()
            _ = advance()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        if current.kind == .open {
            try enter()
            defer { depth -= 1 }
            let open = advance()
            let inner = try parseOr()
            try expectClose(of: "'('", openedAt: open.column)
            return inner
        }
        try countTerm()
        return try parseTest()
    }

    /// One level deeper (`not`, `(`, `interaction(`); refused past `maximumNesting`.
    private mutating func enter() throws {
        depth += 1
        try countTerm()
        guard depth <= Self.maximumNesting else {
            throw FilterError(.syntax, "nested deeper than \(Self.maximumNesting) levels of not, parentheses and interaction(…)",
                              column: current.column)
        }
    }

    /// One more test or connective; refused past `maximumTerms`.
    private mutating func countTerm() throws {
        terms += 1
        guard terms <= Self.maximumTerms else {
            throw FilterError(.syntax, "longer than \(Self.maximumTerms) tests and connectives", column: current.column)
        }
    }

    private mutating func parseTest() throws -> FilterExpression {
        if current.isKeyword("interaction"), tokens[position + 1].kind == .open {
            try enter()
            defer { depth -= 1 }
            let keyword = advance()
            _ = advance()
            guard current.kind != .close else {
                throw FilterError(.syntax, "expected an expression inside interaction(…)", column: current.column)
            }
            let inner = try parseOr()
            try expectClose(of: "'interaction('", openedAt: keyword.column)
            return .interaction(inner, column: keyword.column)
        }
        if case let .word(name) = current.kind, FilterParser.calls.contains(name.lowercased()), tokens[position + 1].kind == .open {
            let keyword = advance()
            _ = advance()
            var arguments = [try parseValue(after: "(")]
            while current.kind == .comma {
                _ = advance()
                arguments.append(try parseValue(after: ","))
            }
            switch current.kind {
            case .close: _ = advance()
            case .end: throw FilterError(.syntax, "unclosed '\(name)('", column: keyword.column)
            default: throw FilterError(.syntax, "expected ',' or ')' but found '\(current.spelling)'", column: current.column)
            }
            return .call(name.lowercased(), arguments, column: keyword.column)
        }
        let field = try parseField()
        let token = current
        switch token.kind {
        case let .comparison(op):
            _ = advance()
            return .compare(field, FilterExpression.Comparison(rawValue: op)!, try parseValue(after: op))
        case .word:
            if token.isKeyword("contains") {
                _ = advance()
                return .compare(field, .contains, try parseValue(after: "contains"))
            }
            if token.isKeyword("starts") {
                _ = advance()
                guard current.isKeyword("with") else {
                    throw FilterError(.syntax, "expected 'with' after 'starts'", column: current.column)
                }
                _ = advance()
                return .compare(field, .startsWith, try parseValue(after: "starts with"))
            }
            if token.isKeyword("in") {
                _ = advance()
                guard current.kind == .open else { throw FilterError(.syntax, "expected '(' after 'in'", column: current.column) }
                _ = advance()
                var values = [try parseValue(after: "(")]
                while current.kind == .comma {
                    _ = advance()
                    values.append(try parseValue(after: ","))
                }
                guard current.kind == .close else {
                    throw FilterError(.syntax, "expected ',' or ')' in the list after 'in'", column: current.column)
                }
                _ = advance()
                return .isIn(field, values)
            }
            if token.isKeyword("between") {
                _ = advance()
                let low = try parseValue(after: "between")
                guard current.isKeyword("and") else {
                    throw FilterError(.syntax, "expected 'and' after the first value of 'between'", column: current.column)
                }
                _ = advance()
                return .between(field, low, try parseValue(after: "and"))
            }
            if token.isKeyword("is") {
                _ = advance()
                var negated = false
                if current.isKeyword("not") {
                    _ = advance()
                    negated = true
                }
                guard current.isKeyword("empty") else {
                    throw FilterError(.syntax, "expected 'empty' after '\(negated ? "is not" : "is")'", column: current.column)
                }
                _ = advance()
                return .isEmpty(field, negated: negated)
            }
        default:
            break
        }
        throw FilterError(.syntax, "expected an operator after '\(field.name)'", column: token.column)
    }

    /// Consumes the `)` closing `opening`. At the end of the input the error points at the opening,
    /// as an unterminated quoted value does; else at the token found instead.
    private mutating func expectClose(of opening: String, openedAt column: Int) throws {
        switch current.kind {
        case .close:
            _ = advance()
        case .end:
            throw FilterError(.syntax, "unclosed \(opening)", column: column)
        default:
            throw FilterError(.syntax, "expected 'and', 'or' or ')' but found '\(current.spelling)'", column: current.column)
        }
    }

    private mutating func parseField() throws -> FilterExpression.Field {
        let token = current
        switch token.kind {
        case let .word(name) where !FilterLexer.keywords.contains(name.lowercased()):
            _ = advance()
            return .init(name: name, column: token.column)
        case let .string(name):
            _ = advance()
            return .init(name: name, column: token.column)
        default:
            let after = position > 0 ? " after '\(previous.spelling)'" : ""
            throw FilterError(.syntax, "expected a field name\(after)", column: token.column)
        }
    }

    private mutating func parseValue(after operatorText: String) throws -> String {
        let token = current
        switch token.kind {
        case let .word(text) where !FilterLexer.keywords.contains(text.lowercased()):
            _ = advance()
            return text
        case let .string(text):
            _ = advance()
            return text
        case let .word(text):
            throw FilterError(.syntax, "expected a value after '\(operatorText)' ('\(text)' is a keyword: quote it to use it as a value)", column: token.column)
        default:
            throw FilterError(.syntax, "expected a value after '\(operatorText)'", column: token.column)
        }
    }
}
