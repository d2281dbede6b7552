/// A `\#` numeric picture (ECMA-376 §17.16.4.3), parsed once for a language.
///
/// The picture is read with the language's marks and the result printed with them:
///
/// ```swift
/// NumberPicture("#,##0.00", language: .english).format("1234567.891")          // "1,234,567.89"
/// NumberPicture("kr # ##0,00", language: FieldLanguage(code: "nb")).format("-1234.5")
/// // "-kr 1 234,50" (the group mark printed is U+00A0)
/// ```
///
/// - `0` is a digit that is always printed; `#` a digit printed only when the number has one there (a leading
///   `#` with no digit prints nothing, a trailing fraction `#` drops a zero).
/// - The group mark between placeholders of the integer part turns on grouping by three; the decimal mark
///   starts the fraction, whose placeholder count is the number of decimals (rounded half away from zero,
///   exactly, on the digits: `2.675` with `0.00` gives `2.68`).
/// - `-` places the minus sign of a negative number (without one, a negative number gets a leading `-`); `+`
///   prints `+` or `-` (nothing for zero).
/// - `;` separates a positive, a negative and a zero section; the negative section prints the number without
///   a minus of its own (`#,##0.00;(#,##0.00)`).
/// - Anything else, and text in single quotes, is printed as it is.
///
/// Where the language groups digits with a space, an ordinary space, U+00A0 and U+202F all mean the group mark.
public struct NumberPicture: Sendable, Hashable {
    enum Item: Sendable, Hashable {
        case literal(String)
        case minus
        case plus
        case number
    }

    struct Section: Sendable, Hashable {
        var items: [Item] = []
        /// The number of `0` placeholders in the integer part: the least number of integer digits.
        var integerZeros = 0
        var grouping = false
        /// The fraction's placeholders in order: `true` for `0`, `false` for `#`.
        var fraction: [Bool] = []
        var hasSign: Bool { items.contains { $0 == .minus || $0 == .plus } }
    }

    /// The picture as written.
    public let picture: String
    let sections: [Section]
    let decimalMark: String
    let groupMark: String

    /// Parses `picture` (without its surrounding double quotes) with the marks of `language`.
    public init(_ picture: String, language: FieldLanguage) {
        self.picture = picture
        self.decimalMark = String(language.decimalMark)
        self.groupMark = String(language.groupMark)
        self.sections = NumberPicture.splitSections(picture).map { NumberPicture.parseSection($0, language: language) }
    }

    /// Formats a number written with `.` as the decimal mark: an optional `-`, digits, and optionally `.` and
    /// more digits (surrounding spaces are ignored).
    /// - Returns: the formatted text, or `nil` when `value` is not such a number or the picture is empty (the
    ///   field then shows the value as it is).
    public func format(_ value: String) -> String? {
        guard !picture.isEmpty, let number = DecimalDigits(value) else { return nil }

        let index: Int
        if number.isZero && sections.count >= 3 {
            index = 2
        } else if number.isNegative && sections.count >= 2 {
            index = 1
        } else {
            index = 0
        }
        let section = sections[index]
        let (integer, fraction) = number.rounded(to: section.fraction.count)
        // A negative number that rounds to zero in the positive section prints no minus (no "-0.00").
        let roundsToZero = integer.allSatisfy { $0 == 0x30 } && fraction.allSatisfy { $0 == 0x30 }
        let showMinus = number.isNegative && !(index == 0 && roundsToZero)

        var out = ""
        if showMinus && index == 0 && !section.hasSign {
            out += "-"
        }
        for item in section.items {
            switch item {
            case .literal(let text):
                out += text
            case .minus:
                if showMinus { out += "-" }
            case .plus:
                if showMinus {
                    out += "-"
                } else if !number.isZero {
                    out += "+"
                }
            case .number:
                out += render(integer: integer, fraction: fraction, section: section)
            }
        }
        return out
    }

    private func render(integer: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>, section: Section) -> String {
        var digits = integer.drop(while: { $0 == 0x30 })
        if digits.count < section.integerZeros {
            digits = ArraySlice(repeating: 0x30, count: section.integerZeros - digits.count) + digits
        }
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + fraction.count + 2)
        if section.grouping {
            var index = digits.startIndex
            var leading = digits.count % 3
            if leading == 0 { leading = 3 }
            while index < digits.endIndex {
                let next = min(index + leading, digits.endIndex)
                if index != digits.startIndex { out += groupMark }
                out += String(decoding: digits[index..<next], as: UTF8.self)
                index = next
                leading = 3
            }
        } else {
            out += String(decoding: digits, as: UTF8.self)
        }
        // Optional (`#`) fraction places drop their zeros from the right.
        var kept = fraction.count
        while kept > 0 && !section.fraction[kept - 1] && fraction[fraction.startIndex + kept - 1] == 0x30 {
            kept -= 1
        }
        if kept > 0 {
            out += decimalMark
            out += String(decoding: fraction.prefix(kept), as: UTF8.self)
        }
        return out
    }

    // MARK: Picture

    /// Splits at `;` outside single quotes.
    private static func splitSections(_ picture: String) -> [String] {
        var sections: [String] = []
        var current = ""
        var quoted = false
        for c in picture {
            if c == "'" { quoted.toggle() }
            if c == ";" && !quoted {
                sections.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        sections.append(current)
        return sections
    }

    private static func parseSection(_ text: String, language: FieldLanguage) -> Section {
        enum Phase { case before, integer, fraction, after }
        let chars = Array(text)
        var section = Section()
        var phase = Phase.before
        var literal = ""
        func flush() {
            if !literal.isEmpty {
                section.items.append(.literal(literal))
                literal = ""
            }
        }
        func isPlaceholder(_ index: Int) -> Bool {
            index < chars.count && (chars[index] == "0" || chars[index] == "#")
        }
        func endNumber() {
            if phase == .integer || phase == .fraction { phase = .after }
        }

        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                endNumber()
                i += 1
                while i < chars.count && chars[i] != "'" {
                    literal.append(chars[i])
                    i += 1
                }
                i += 1
                continue
            }
            switch phase {
            case .before where c == "0" || c == "#":
                flush()
                section.items.append(.number)
                phase = .integer
                if c == "0" { section.integerZeros += 1 }
                i += 1
                continue
            case .before where c == language.decimalMark && isPlaceholder(i + 1):
                flush()
                section.items.append(.number)
                phase = .fraction
                i += 1
                continue
            case .integer where c == "0" || c == "#":
                if c == "0" { section.integerZeros += 1 }
                i += 1
                continue
            case .integer where language.isGroupMark(c) && isPlaceholder(i + 1):
                section.grouping = true
                i += 1
                continue
            case .integer where c == language.decimalMark && isPlaceholder(i + 1):
                phase = .fraction
                i += 1
                continue
            case .fraction where c == "0" || c == "#":
                section.fraction.append(c == "0")
                i += 1
                continue
            default:
                break
            }
            endNumber()
            if c == "-" || c == "+" {
                flush()
                section.items.append(c == "-" ? .minus : .plus)
            } else {
                literal.append(c)
            }
            i += 1
        }
        flush()
        return section
    }
}

/// A decimal number as its ASCII digits, for exact rounding of any length.
struct DecimalDigits {
    var isNegative: Bool
    var integer: [UInt8]
    var fraction: [UInt8]

    /// Reads `[-]digits[.digits]`, surrounding spaces allowed.
    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let integer = bytes.prefix(while: isDigit)
        guard !integer.isEmpty else { return nil }
        var rest = bytes[integer.endIndex...]
        var fraction: ArraySlice<UInt8> = []
        if rest.first == UInt8(ascii: ".") {
            rest.removeFirst()
            fraction = rest.prefix(while: isDigit)
            guard !fraction.isEmpty else { return nil }
            rest = rest[fraction.endIndex...]
        }
        guard rest.isEmpty else { return nil }
        self.integer = Array(integer)
        self.fraction = Array(fraction)
        self.isNegative = negative && !(integer.allSatisfy { $0 == 0x30 } && fraction.allSatisfy { $0 == 0x30 })
    }

    var isZero: Bool { integer.allSatisfy { $0 == 0x30 } && fraction.allSatisfy { $0 == 0x30 } }

    /// The magnitude rounded half away from zero to `places` decimals: integer digits (perhaps one more than
    /// before, perhaps with leading zeros) and exactly `places` fraction digits.
    func rounded(to places: Int) -> (integer: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>) {
        var digits = integer
        digits.reserveCapacity(integer.count + places + 1)
        for index in 0..<places {
            digits.append(index < fraction.count ? fraction[index] : 0x30)
        }
        if places < fraction.count && fraction[places] >= 0x35 {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == 0x39 {
                    digits[index] = 0x30
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 { digits.insert(0x31, at: 0) }
        }
        let split = digits.count - places
        return (digits[..<split], digits[split...])
    }
}
