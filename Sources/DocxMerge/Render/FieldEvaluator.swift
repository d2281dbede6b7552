/// Evaluates a slot's expression against one record's values.
struct FieldEvaluator {
    let values: [String]
    let columnForVariable: [Int?]

    func value(of variable: Int) -> String {
        guard let column = columnForVariable[variable], column < values.count else { return "" }
        return values[column]
    }

    func evaluate(_ expression: FieldExpression) -> String {
        switch expression {
        case let .literal(text):
            return text
        case let .merge(reference):
            return reference.format.apply(to: value(of: reference.variable))
        case let .sequence(parts):
            var text = ""
            for part in parts { text += evaluate(part) }
            return text
        case let .condition(condition):
            let holds = Self.compare(evaluate(condition.left), condition.comparison, evaluate(condition.right),
                                     wildcards: condition.rightIsQuoted)
            let text = evaluate(holds ? condition.whenTrue : condition.whenFalse)
            return condition.caseFormat?.apply(text) ?? text
        case let .mailings(block):
            return block.evaluate(value(of:))
        case let .test(condition):
            let holds = Self.compare(evaluate(condition.left), condition.comparison, evaluate(condition.right),
                                     wildcards: condition.rightIsQuoted)
            return holds ? "1" : ""
        }
    }

    /// Word's `IF` comparison: numeric when both sides are numbers, else text (case-sensitive), with
    /// `*` and `?` wildcards on a quoted right side for `=` and `<>`.
    static func compare(_ left: String, _ comparison: Condition.Operator, _ right: String, wildcards: Bool) -> Bool {
        let ordering: Int
        if let l = number(left), let r = number(right) {
            ordering = l < r ? -1 : (l > r ? 1 : 0)
        } else if wildcards, comparison == .equal || comparison == .notEqual, right.contains(where: { $0 == "*" || $0 == "?" }) {
            let matches = wildcardMatch(Array(left.unicodeScalars)[...], Array(right.unicodeScalars)[...])
            return comparison == .equal ? matches : !matches
        } else {
            ordering = left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars) ? -1 : (left == right ? 0 : 1)
        }
        switch comparison {
        case .equal: return ordering == 0
        case .notEqual: return ordering != 0
        case .less: return ordering < 0
        case .lessOrEqual: return ordering <= 0
        case .greater: return ordering > 0
        case .greaterOrEqual: return ordering >= 0
        }
    }

    /// A number as written in the data, read as `\#` reads it: an optional sign, digits, and optionally `.` and
    /// digits, or `.` and digits alone (`12`, `-3.5`, `.75`, `-.5`, `+3`); no exponent.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        guard DecimalDigits(trimmed) != nil else { return nil }
        return Double(trimmed)
    }

    private static func wildcardMatch(_ text: ArraySlice<Unicode.Scalar>, _ pattern: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            var rest = text
            while true {
                if wildcardMatch(rest, pattern.dropFirst()) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let head = text.first, first == "?" || first == head else { return false }
        return wildcardMatch(text.dropFirst(), pattern.dropFirst())
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
