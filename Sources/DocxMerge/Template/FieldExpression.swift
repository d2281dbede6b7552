/// A compiled field: what a slot evaluates for each record. Built once per template.
indirect enum FieldExpression: Sendable {
    /// Text typed in the instruction (an `IF` operand or branch).
    case literal(String)
    /// A `MERGEFIELD` (or a `{{Name}}` placeholder): the record's value, formatted.
    case merge(MergeFieldReference)
    /// Pieces written one after the other (a quoted `IF` text holding nested fields).
    case sequence([FieldExpression])
    /// An `IF` field.
    case condition(Condition)
    /// An `ADDRESSBLOCK` or `GREETINGLINE` field.
    case mailings(MailingsBlock)
    /// The test of an `IF` whose texts stay in the document as conditional regions: `1` when it holds.
    case test(Condition)

    /// Every variable the expression reads, in order.
    var variables: [Int] {
        switch self {
        case .literal: return []
        case let .merge(reference): return [reference.variable]
        case let .sequence(parts): return parts.flatMap(\.variables)
        case let .condition(condition):
            return condition.left.variables + condition.right.variables + condition.whenTrue.variables + condition.whenFalse.variables
        case let .mailings(block):
            return block.allVariables
        case let .test(condition):
            return condition.left.variables + condition.right.variables
        }
    }
}

/// A merge field's name (as the template writes it), its variable and its switches.
struct MergeFieldReference: Sendable {
    let name: String
    let variable: Int
    let format: ValueFormat
}

/// The switches of a field: `\@`, `\#`, `\*` case, `\b`, `\f`.
struct ValueFormat: Sendable {
    var date: DatePicture?
    var number: NumberPicture?
    var caseFormat: CaseFormat?
    var numberText: NumberText?
    var before: String?
    var after: String?
    var language: FieldLanguage = .english

    /// The value as the field shows it.
    func apply(to raw: String) -> String {
        guard !raw.isEmpty else { return "" }
        var value = raw
        if let date, let formatted = date.format(value, language: language) {
            value = formatted
        } else if let number, let formatted = number.format(value) {
            value = formatted
        }
        if let numberText { value = numberText.apply(value, language: language) }
        if let caseFormat { value = caseFormat.apply(value) }
        if let before { value = before + value }
        if let after { value += after }
        return value
    }
}

/// `IF left op right "true text" "false text"`.
struct Condition: Sendable {
    enum Operator: String, Sendable { case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=" }

    let left: FieldExpression
    let comparison: Operator
    let right: FieldExpression
    /// A quoted right side may use Word's `*` and `?` wildcards with `=` and `<>`.
    let rightIsQuoted: Bool
    let whenTrue: FieldExpression
    let whenFalse: FieldExpression
    let caseFormat: CaseFormat?
}
