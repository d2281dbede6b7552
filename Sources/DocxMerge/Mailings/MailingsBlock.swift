/// A compiled `ADDRESSBLOCK` or `GREETINGLINE` field (Word's Mailings tab): its format cut into lines of
/// groups, and the variable each address field reads.
///
/// A format is text with `<<…>>` groups; each group holds one token (`_FIRST0_`, `_CITY_`, …) and
/// literal text, and is left out, text and all, when its token is empty:
///
/// ```swift
/// // \f "<<_TITLE0_ >><<_FIRST0_>><< _LAST0_>>"  with Title "", First Name "Kari", Last Name "Nordmann"
/// // → "Kari Nordmann"
/// ```
struct MailingsBlock: Sendable {
    enum Kind: Sendable { case addressBlock, greetingLine }

    /// A piece of one line of the format.
    enum Item: Sendable, Equatable {
        /// Text outside any group, always printed.
        case text(String)
        /// A `<<…>>` group: printed, with its text, when the field's value is not empty.
        case group(before: String, field: AddressField, after: String)
        /// `<<_BEFORE_ text>>` / `<<_AFTER_ text>>` of a greeting: printed when a name printed.
        case nameText(String)
        /// A group whose token Word does not define: nothing is printed for it.
        case unknown(String)
    }

    /// `\c`: whether the country or region line is printed.
    enum CountryRule: Sendable, Equatable {
        case never
        case always
        /// Except when it is the `\e` country (Word's default).
        case exceptExcluded(String?)
    }

    let kind: Kind
    let lines: [[Item]]
    /// The variable each address field of the format reads, by `AddressField.rawValue`.
    let variables: [Int: Int]
    /// The `Name` column, read for `_COMPANY_` when a record has neither a company nor a person name.
    let nameVariable: Int?
    let country: CountryRule
    /// The greeting used when no name printed (`\e` of `GREETINGLINE`).
    let emptyGreeting: String

    /// The default format of an address block: name, company, street lines, city line, country.
    static let defaultAddressFormat = "<<_TITLE0_ >><<_FIRST0_>><< _LAST0_>><< _SUFFIX0_>>\n<<_COMPANY_>>\n<<_STREET1_>>\n<<_STREET2_>>\n<<_CITY_>><<, _STATE_>><< _POSTAL_>>\n<<_COUNTRY_>>"
    /// The default format of a greeting line.
    static let defaultGreetingFormat = "<<_BEFORE_ Dear >><<_TITLE0_>><< _LAST0_>><<_AFTER_ ,>>"
    /// The greeting when the name is empty, unless `\e` says otherwise.
    static let defaultEmptyGreeting = "Dear Sir or Madam,"

    /// Every variable the block reads.
    var allVariables: [Int] { variables.keys.sorted().compactMap { variables[$0] } + (nameVariable.map { [$0] } ?? []) }

    /// The fields the format uses, in order of first use.
    static func fields(of lines: [[Item]]) -> [AddressField] {
        var seen = Set<AddressField>()
        var result: [AddressField] = []
        for line in lines {
            for case let .group(_, field, _) in line where seen.insert(field).inserted { result.append(field) }
        }
        return result
    }

    /// The block's text for one record: an address block's lines separated by U+2029 (a paragraph mark,
    /// as Word writes each line in its own paragraph), or a greeting on one line.
    func evaluate(_ value: (Int) -> String) -> String {
        func fieldValue(_ field: AddressField) -> String {
            var text = variables[field.rawValue].map(value) ?? ""
            switch field {
            case .countryOrRegion:
                switch country {
                case .never: text = ""
                case .always: break
                case let .exceptExcluded(excluded):
                    if let excluded, Self.sameCountry(text, excluded) { text = "" }
                }
            case .company where text.trimmingWhitespace().isEmpty:
                let names: [AddressField] = [.firstName, .middleName, .lastName]
                if let nameVariable, names.allSatisfy({ (variables[$0.rawValue].map(value) ?? "").trimmingWhitespace().isEmpty }) {
                    text = value(nameVariable)
                }
            default: break
            }
            return text.trimmingWhitespace().isEmpty ? "" : text
        }
        switch kind {
        case .addressBlock:
            var printed: [String] = []
            for line in lines {
                var text = ""
                var hadGroup = false
                var groupPrinted = false
                for item in line {
                    switch item {
                    case let .text(literal): text += literal
                    case let .group(before, field, after):
                        hadGroup = true
                        let value = fieldValue(field)
                        if !value.isEmpty {
                            groupPrinted = true
                            Self.append(before, value, after, to: &text)
                        }
                    case .nameText, .unknown: hadGroup = true
                    }
                }
                let trimmed = text.trimmingWhitespace()
                if trimmed.isEmpty || (hadGroup && !groupPrinted) { continue }
                printed.append(trimmed)
            }
            return printed.joined(separator: "\u{2029}")
        case .greetingLine:
            var text = ""
            var namePrinted = false
            for line in lines {
                for item in line {
                    switch item {
                    case let .text(literal): text += literal
                    case let .group(before, field, after):
                        let value = fieldValue(field)
                        if !value.isEmpty {
                            if field.isName { namePrinted = true }
                            Self.append(before, value, after, to: &text)
                        }
                    // `_BEFORE_`/`_AFTER_` texts print only with a name, and the greeting is `\e` without one.
                    case let .nameText(literal): text += literal
                    case .unknown: break
                    }
                }
            }
            return namePrinted ? text.trimmingWhitespace() : emptyGreeting
        }
    }

    /// A printed group: its leading space is left out where the text so far ends with one (or is
    /// empty), so a group left out before it does not leave two spaces (`Dear  Smith`).
    private static func append(_ before: String, _ value: String, _ after: String, to text: inout String) {
        var before = Substring(before)
        if text.isEmpty || text.last == " " { while before.first == " " { before = before.dropFirst() } }
        text += before + value + after
    }

    private static func sameCountry(_ a: String, _ b: String) -> Bool {
        a.trimmingWhitespace().lowercased() == b.trimmingWhitespace().lowercased()
    }
}

/// Reads a Mailings format (`\f` of `ADDRESSBLOCK` and `GREETINGLINE`) into lines of items.
enum MailingsFormatReader {
    /// Line breaks in a format: CR, LF, a vertical tab, and a paragraph mark typed in the instruction.
    private static let lineBreaks: Set<Character> = ["\n", "\r", "\r\n", "\u{0B}", "\u{2029}"]

    /// The format's lines; a problem when a group is not closed or holds no token.
    static func read(_ format: String) throws(MailingsFormatError) -> [[MailingsBlock.Item]] {
        var lines: [[MailingsBlock.Item]] = [[]]
        var text = ""
        var rest = Substring(format)
        func flushText() {
            if !text.isEmpty { lines[lines.count - 1].append(.text(text)) }
            text = ""
        }
        while let character = rest.first {
            if lineBreaks.contains(character) {
                flushText()
                lines.append([])
                rest = rest.dropFirst()
            } else if rest.hasPrefix("<<") {
                flushText()
                let body = rest.dropFirst(2)
                guard let close = closingMarks(in: body) else { throw .unclosedGroup(String(body.prefix(40))) }
                var group = body[..<close]
                rest = body[body.index(close, offsetBy: 2)...]
                // A line break inside a group (Word writes `<w:cr/>` there) ends the line after the group.
                var breaksAfter = 0
                group = group.filter { character in
                    if lineBreaks.contains(character) { breaksAfter += 1; return false }
                    return true
                }[...]
                lines[lines.count - 1].append(try item(String(group)))
                for _ in 0..<breaksAfter { lines.append([]) }
            } else {
                text.append(character)
                rest = rest.dropFirst()
            }
        }
        flushText()
        return lines
    }

    /// Where the first `>>` in `text` starts.
    private static func closingMarks(in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == ">", next < text.endIndex, text[next] == ">" { return index }
            index = next
        }
        return nil
    }

    /// One group: its token and the text around it.
    private static func item(_ group: String) throws(MailingsFormatError) -> MailingsBlock.Item {
        let characters = Array(group)
        var index = 0
        while index < characters.count {
            if characters[index] == "_", let end = tokenEnd(characters, from: index) {
                let token = String(characters[index...end])
                let before = String(characters[..<index])
                let after = String(characters[(end + 1)...])
                switch token.uppercased() {
                case "_BEFORE_", "_AFTER_":
                    return .nameText(before + (after.first == " " ? String(after.dropFirst()) : after))
                default:
                    guard let field = AddressField(token: token) else { return .unknown(token) }
                    return .group(before: before, field: field, after: after)
                }
            }
            index += 1
        }
        throw .groupWithoutToken(group)
    }

    /// The index of the `_` closing a token that starts at `start`: upper-case letters and digits between.
    private static func tokenEnd(_ characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        while index < characters.count, characters[index].isASCII, characters[index].isUppercase || characters[index].isNumber {
            index += 1
        }
        guard index < characters.count, index > start + 1, characters[index] == "_" else { return nil }
        return index
    }
}

/// A Mailings format that cannot be read.
enum MailingsFormatError: Error {
    case unclosedGroup(String)
    case groupWithoutToken(String)

    var reason: String {
        switch self {
        case let .unclosedGroup(text): return "the format's group '<<\(text)' has no closing '>>'"
        case let .groupWithoutToken(text): return "the format's group '<<\(text)>>' holds no field token such as _LAST0_"
        }
    }
}
