/// Turns field instructions into `FieldExpression`s, registering the names they read as variables.
///
/// It knows the part it works on only for its error messages.
struct FieldCompiler {
    let file: String
    let part: String
    let variables: VariableTable
    /// The language of the field being compiled (set per field: its run's, paragraph's or the document's).
    var language: FieldLanguage = .english
    /// The columns the template maps Word's address fields to (`settings.xml`), for Mailings blocks.
    var addressFields = AddressFieldMap()

    /// One field occurrence found while compiling, for `lettershop fields`.
    struct Occurrence {
        let name: String
        let kind: MergeField.Kind
        let switches: [String]
        var columns: [MergeField.TokenColumn] = []
    }

    private(set) var occurrences: [Occurrence] = []

    init(file: String, part: String, variables: VariableTable) {
        self.file = file
        self.part = part
        self.variables = variables
    }

    mutating func resetOccurrences() { occurrences.removeAll() }

    /// Compiles a top-level field read from `pieces`; `kind` says how it was written.
    mutating func compile(_ pieces: [InstructionPiece], kind: MergeField.Kind) throws -> FieldExpression {
        try compileField(InstructionTokenizer.tokenize(pieces), display: pieces.displayText, kind: kind)
    }

    /// Compiles only the test of an `IF` (its texts stay in the document as conditional regions).
    mutating func compileTest(_ pieces: [InstructionPiece]) throws -> FieldExpression {
        let tokens = InstructionTokenizer.tokenize(pieces)
        guard case let .condition(condition) = try compileCondition(tokens, display: pieces.displayText, testOnly: true) else {
            throw unsupported(pieces.displayText, "not an IF")
        }
        return .test(condition)
    }

    /// Compiles a `{{Name}}` placeholder.
    mutating func compilePlaceholder(_ name: String) -> FieldExpression {
        occurrences.append(Occurrence(name: name, kind: .placeholder, switches: []))
        return .merge(MergeFieldReference(name: name, variable: variables.variable(for: name), format: ValueFormat(language: language)))
    }

    private mutating func compileField(_ tokens: [InstructionToken], display: String, kind: MergeField.Kind) throws -> FieldExpression {
        switch tokens.first?.plainText?.uppercased() {
        case "MERGEFIELD": return try compileMergeField(tokens, display: display, kind: kind)
        case "IF": return try compileCondition(tokens, display: display)
        case "ADDRESSBLOCK": return try compileMailings(.addressBlock, tokens, display: display)
        case "GREETINGLINE": return try compileMailings(.greetingLine, tokens, display: display)
        default: throw unsupported(display, "not a merge field")
        }
    }

    private mutating func compileMergeField(_ tokens: [InstructionToken], display: String, kind: MergeField.Kind) throws -> FieldExpression {
        guard tokens.count >= 2, tokens[1].isText, let name = tokens[1].plainText?.trimmingWhitespace(), !name.isEmpty else {
            throw unsupported(display, "MERGEFIELD without a field name")
        }
        var format = ValueFormat(language: language)
        var switches: [String] = []
        var index = 2
        var previousFlag: Character?
        while index < tokens.count {
            guard case let .switchFlag(flag) = tokens[index] else {
                throw unsupported(display, Self.unexpectedWordAdvice(tokens, at: index, name: name, previousFlag: previousFlag))
            }
            previousFlag = flag
            index += 1
            if flag == "m" || flag == "v" {
                switches.append("\\\(flag)")
                continue
            }
            guard index < tokens.count, tokens[index].isText, let argument = tokens[index].plainText else {
                throw unsupported(display, "switch \\\(flag) needs an argument")
            }
            index += 1
            switches.append("\\\(flag) \(argument.contains(" ") ? "\"\(argument)\"" : argument)")
            switch flag {
            case "*":
                if let caseFormat = Self.caseFormat(argument) {
                    format.caseFormat = caseFormat
                } else if let numberText = NumberText(switchArgument: argument) {
                    format.numberText = numberText
                } else if !["MERGEFORMAT", "CHARFORMAT"].contains(argument.uppercased()) {
                    throw unsupported(display, "unknown format switch \\* \(argument)")
                }
            case "@": format.date = DatePicture(argument)
            case "#": format.number = NumberPicture(argument, language: language)
            case "b": format.before = argument
            case "f": format.after = argument
            default: throw unsupported(display, "unknown switch \\\(flag)")
            }
        }
        occurrences.append(Occurrence(name: name, kind: kind, switches: switches))
        return .merge(MergeFieldReference(name: name, variable: variables.variable(for: name), format: format))
    }

    private mutating func compileCondition(_ tokens: [InstructionToken], display: String, testOnly: Bool = false) throws -> FieldExpression {
        var operands: [InstructionToken] = []
        var comparison: Condition.Operator?
        var caseFormat: CaseFormat?
        var index = 1
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case let .comparison(op):
                guard comparison == nil, operands.count == 1, let parsed = Condition.Operator(rawValue: op) else {
                    throw unsupported(display, "IF: unexpected '\(op)'")
                }
                comparison = parsed
            case let .switchFlag(flag):
                guard flag == "*", index < tokens.count, let argument = tokens[index].plainText else {
                    throw unsupported(display, "IF: unknown switch \\\(flag)")
                }
                index += 1
                if let parsed = Self.caseFormat(argument) {
                    caseFormat = parsed
                } else if !["MERGEFORMAT", "CHARFORMAT"].contains(argument.uppercased()) {
                    throw unsupported(display, "IF: unknown format switch \\* \(argument)")
                }
            default:
                operands.append(token)
            }
        }
        guard let comparison, (3...4).contains(operands.count) else {
            throw unsupported(display, "IF needs 'left operator right \"true text\" [\"false text\"]'")
        }
        let rightIsQuoted: Bool
        if case .quoted = operands[1] { rightIsQuoted = true } else { rightIsQuoted = false }
        return .condition(Condition(
            left: try expression(operands[0]),
            comparison: comparison,
            right: try expression(operands[1]),
            rightIsQuoted: rightIsQuoted,
            whenTrue: testOnly ? .literal("1") : try expression(operands[2]),
            whenFalse: testOnly || operands.count < 4 ? .literal("") : try expression(operands[3]),
            caseFormat: caseFormat))
    }

    /// `ADDRESSBLOCK \f "format" \c N \e "country" \d \l LANG` or `GREETINGLINE \f "format" \e "text" \l LANG`.
    private mutating func compileMailings(_ kind: MailingsBlock.Kind, _ tokens: [InstructionToken], display: String) throws -> FieldExpression {
        let keyword = kind == .addressBlock ? "ADDRESSBLOCK" : "GREETINGLINE"
        var format: String?
        var excluded: String?
        var countryRule = 2
        var switches: [String] = []
        var index = 1
        while index < tokens.count {
            guard case let .switchFlag(flag) = tokens[index] else {
                throw unsupported(display, "\(keyword): unexpected '\(tokens[index].plainText ?? "field")' (switches are \\f \\c \\e \\d \\l)")
            }
            index += 1
            if flag == "d" {
                switches.append("\\d")
                continue
            }
            guard ["f", "c", "e", "l"].contains(flag), kind == .addressBlock || flag != "c" else {
                throw unsupported(display, "\(keyword): unknown switch \\\(flag)")
            }
            guard index < tokens.count, tokens[index].isText, let argument = tokens[index].plainText else {
                throw unsupported(display, "\(keyword): switch \\\(flag) needs an argument")
            }
            index += 1
            switches.append("\\\(flag) \"\(argument)\"")
            switch flag {
            case "f": format = argument
            case "e": excluded = argument
            case "c":
                guard let rule = Int(argument.trimmingWhitespace()), (0...2).contains(rule) else {
                    throw unsupported(display, "ADDRESSBLOCK: \\c takes 0, 1 or 2, not '\(argument)'")
                }
                countryRule = rule
            default: break // \l: the language of the format; the format itself says what is printed.
            }
        }
        let lines: [[MailingsBlock.Item]]
        do {
            lines = try MailingsFormatReader.read(format ?? (kind == .addressBlock ? MailingsBlock.defaultAddressFormat : MailingsBlock.defaultGreetingFormat))
        } catch {
            throw unsupported(display, "\(keyword): \(error.reason)")
        }
        var variablesByField: [Int: Int] = [:]
        var columns: [MergeField.TokenColumn] = []
        for field in MailingsBlock.fields(of: lines) {
            let candidates = addressFields.candidates(for: field)
            variablesByField[field.rawValue] = variables.variable(reading: candidates)
            columns.append(MergeField.TokenColumn(field: field.wordName, columns: candidates))
        }
        let usesCompany = variablesByField[AddressField.company.rawValue] != nil
        let country: MailingsBlock.CountryRule = countryRule == 0 ? .never : (countryRule == 1 ? .always : .exceptExcluded(kind == .addressBlock ? excluded : nil))
        occurrences.append(Occurrence(name: keyword, kind: kind == .addressBlock ? .addressBlock : .greetingLine,
                                      switches: switches, columns: columns))
        return .mailings(MailingsBlock(
            kind: kind, lines: lines, variables: variablesByField,
            nameVariable: usesCompany && kind == .addressBlock ? variables.variable(reading: ["Name"]) : nil,
            country: country,
            emptyGreeting: kind == .greetingLine ? (excluded ?? MailingsBlock.defaultEmptyGreeting) : ""))
    }

    /// An `IF` operand or text: literal text and nested fields.
    private mutating func expression(_ token: InstructionToken) throws -> FieldExpression {
        switch token {
        case let .word(pieces), let .quoted(pieces): return try sequence(pieces)
        default: return .literal(token.plainText ?? "")
        }
    }

    private mutating func sequence(_ pieces: [InstructionPiece]) throws -> FieldExpression {
        var parts: [FieldExpression] = []
        for piece in pieces {
            switch piece {
            case let .text(text):
                parts.append(.literal(text))
            case let .field(nested):
                if nested.readsData {
                    parts.append(try compileField(InstructionTokenizer.tokenize(nested.pieces), display: nested.instructionText, kind: .condition))
                } else {
                    parts.append(.literal(nested.resultText))
                }
            }
        }
        return parts.count == 1 ? parts[0] : .sequence(parts)
    }

    /// What to write instead, for a word after a `MERGEFIELD`'s name that is not a switch: a picture
    /// with spaces written without quotes, a switch without its backslash, or a name with spaces.
    private static func unexpectedWordAdvice(_ tokens: [InstructionToken], at index: Int, name: String, previousFlag: Character?) -> String {
        let word = tokens[index].plainText ?? "field"
        let formatWords = ["MERGEFORMAT", "CHARFORMAT", "UPPER", "LOWER", "FIRSTCAP", "CAPS"]
        if formatWords.contains(word.uppercased()) {
            return "'\(word)' is a format switch written without its backslash: did you mean \\* \(word)?"
        }
        if let flag = previousFlag, flag == "@" || flag == "#", index >= 1, let start = tokens[index - 1].plainText {
            var words = [start]
            var next = index
            while next < tokens.count, case .word = tokens[next], let text = tokens[next].plainText { words.append(text); next += 1 }
            return "a picture with spaces must be quoted: quote the picture: \\\(flag) \"\(words.joined(separator: " "))\""
        }
        if index == 2 {
            var words = [name]
            var next = index
            while next < tokens.count, case .word = tokens[next], let text = tokens[next].plainText { words.append(text); next += 1 }
            return "a name with spaces must be quoted: MERGEFIELD \"\(words.joined(separator: " "))\""
        }
        return "unexpected '\(word)': switches start with a backslash (\\* \\@ \\# \\b \\f)"
    }

    private static func caseFormat(_ argument: String) -> CaseFormat? {
        switch argument.uppercased() {
        case "UPPER": return .upper
        case "LOWER": return .lower
        case "FIRSTCAP": return .firstCap
        case "CAPS": return .caps
        default: return nil
        }
    }

    private func unsupported(_ instruction: String, _ reason: String) -> MergeError {
        .unsupportedField(file: file, part: part, instruction: instruction, reason: reason)
    }
}

/// The names a template reads, each once (names that match loosely are one variable).
final class VariableTable {
    /// For each variable, the column names it reads, best first: one name for a merge field, the
    /// mapping, Word's name and the aliases for an address field of a Mailings block.
    private(set) var candidates: [[String]] = []
    private var indexByKey: [[FieldKey]: Int] = [:]

    /// The variable of a merge field named `name`.
    func variable(for name: String) -> Int { variable(reading: [name]) }

    /// The variable that reads the first of `names` the data has.
    func variable(reading names: [String]) -> Int {
        let key = names.map(FieldKey.init)
        if let index = indexByKey[key] { return index }
        candidates.append(names)
        indexByKey[key] = candidates.count - 1
        return candidates.count - 1
    }
}
