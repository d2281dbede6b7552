/// A `\#` numeric picture (ECMA-376 Part 1 §17.16.4.3, Part 4's numeric picture items), read once for a field's
/// language.
///
/// ```swift
/// NumberPicture("#,##0.00", language: .english).format("1234567.891")           // "1,234,567.89"
/// NumberPicture("$#,##0.00", language: .english).format("22")                   // "$  22.00"
/// NumberPicture("$#,##0.00", language: FieldLanguage(code: "de")).format("22")  // "$  22,00"
/// NumberPicture("kr # ##0,00", language: FieldLanguage(code: "nb")).format("-1234.5")
/// // "-kr 1 234,50" (the group mark printed is U+00A0)
/// ```
///
/// Reading: the picture is read with the language's marks when it is well-formed under them (at most one
/// decimal mark, group marks only before it, no `.` or `,` the language does not use between its digit places),
/// else with English marks (`#,##0.00` in a German document is an English picture). The result is printed with
/// the language's marks.
///
/// - `0` prints a digit, or 0 where the number has none; `#` prints a digit, or a space where it has none (a
///   leading zero or a trailing zero of the fraction is no digit); a place between a `0` and the decimal mark
///   always holds a digit (`0##` on 5 gives `005`, `0.#0` on 1.5 gives `1.50`). The leftmost integer place also
///   prints the digits that have no place of their own.
/// - `x` is a digit place that drops the digits to its left; in the fraction it is the place rounded to.
/// - A group mark between the integer places groups the digits by three; a group mark with no digit to its
///   left prints nothing (`$#,##0.00` on 22 gives `$`, two spaces, `22.00`).
/// - The decimal mark is printed where the picture has it; the number is rounded half away from zero, exactly,
///   to the fraction's places (`2.675` with `0.00` gives `2.68`).
/// - `-` prints a minus for a negative number and a space otherwise; `+` a plus, a minus, or a space for zero.
///   Without either, a negative number printed with the positive section gets a leading minus.
/// - `;` separates a positive, a negative and a zero section (zero uses the positive section when there are
///   two; an empty section counts as absent); the negative section prints the number without a minus of its
///   own (`#,##0.00;(#,##0.00)`).
/// - Anything else, and text in single quotes, is printed as written. A digit place never prints a `#`.
public struct NumberPicture: Sendable, Hashable {
    /// The picture as written.
    public let picture: String
    let positive: Section
    let negative: Section?
    let zero: Section?
    let decimalMark: String
    let groupMark: String

    /// Reads `picture` (without its surrounding double quotes) for a field in `language`.
    public init(_ picture: String, language: FieldLanguage) {
        self.picture = picture
        self.decimalMark = String(language.decimalMark)
        self.groupMark = String(language.groupMark)
        let texts = NumberPicture.splitSections(picture)
        var sections = texts.map { NumberPicture.readSection($0, marks: NumberPicture.Marks(language)) }
        if language.code != FieldLanguage.english.code && !sections.allSatisfy(\.wellFormed) {
            sections = texts.map { NumberPicture.readSection($0, marks: .english) }
        }
        func section(_ index: Int) -> Section? {
            index < texts.count && !texts[index].isEmpty ? sections[index].section : nil
        }
        self.positive = sections[0].section
        self.negative = section(1)
        self.zero = section(2)
    }

    /// Formats a number written with `.` as the decimal mark: an optional sign, digits, and optionally `.` and
    /// more digits, or `.` and digits alone (`12`, `-3.5`, `.75`, `-.5`, `+3`; surrounding spaces are ignored).
    /// - Returns: the formatted text, or `nil` when `value` is not such a number or the picture is empty (the
    ///   field then shows the value as it is).
    public func format(_ value: String) -> String? {
        guard !picture.isEmpty, let number = DecimalDigits(value) else { return nil }
        if number.isZero, let zero {
            return render(number, with: zero, isNegativeSection: false)
        }
        if number.isNegative, let negative {
            return render(number, with: negative, isNegativeSection: true)
        }
        return render(number, with: positive, isNegativeSection: false)
    }

    private func render(_ number: DecimalDigits, with section: Section, isNegativeSection: Bool) -> String {
        var (integer, fraction) = number.rounded(to: section.fractionPlaces.count)
        let roundsToZero = integer.isEmpty && fraction.allSatisfy { $0 == 0x30 }
        // A negative number that rounds to zero prints no minus ("-0.00"), except in its own section.
        let minus = number.isNegative && (isNegativeSection || !roundsToZero)

        let integerCount = section.integerPlaces.count
        if let truncating = section.integerPlaces.firstIndex(of: .truncating) {
            integer = integer.suffix(integerCount - truncating)
        }
        // The highest integer position (0 = units) that prints a digit even where the number has none.
        let forcedInteger = section.integerPlaces.firstIndex(where: \.isForced).map { integerCount - 1 - $0 } ?? -1
        let significantFraction = fraction.lastIndex(where: { $0 != 0x30 }).map { $0 - fraction.startIndex } ?? -1
        let forcedFraction = max(section.fractionPlaces.lastIndex(where: \.isForced) ?? -1, significantFraction)

        var out = ""
        if minus && !isNegativeSection && !section.hasSign { out += "-" }
        var integerOrdinal = 0
        var fractionOrdinal = 0
        for item in section.items {
            switch item {
            case .text(let text):
                out += text
            case .minus:
                out += minus ? "-" : " "
            case .plus:
                out += minus ? "-" : roundsToZero ? " " : "+"
            case .integerDigit(let place):
                let position = integerCount - 1 - integerOrdinal
                let highest = integerOrdinal == 0 ? max(position, integer.count - 1) : position
                for digit in stride(from: highest, through: position, by: -1) {
                    let character = integerDigit(at: digit, of: integer, forcedUpTo: forcedInteger)
                    out += character.map { String(UnicodeScalar($0)) } ?? (place.isForced ? "0" : " ")
                    if section.grouping && digit > 0 && digit % 3 == 0 && character != nil { out += groupMark }
                }
                integerOrdinal += 1
            case .decimalMark:
                if integerCount == 0 { out += String(decoding: integer, as: UTF8.self) }
                out += decimalMark
            case .fractionDigit(let place):
                if fractionOrdinal <= forcedFraction {
                    out += String(UnicodeScalar(fraction[fraction.startIndex + fractionOrdinal]))
                } else {
                    out += place.isForced ? "0" : " "
                }
                fractionOrdinal += 1
            }
        }
        return out
    }

    /// The digit at `position` (0 = units) of the integer digits, 0 up to `forced`, else `nil` (no digit).
    private func integerDigit(at position: Int, of digits: ArraySlice<UInt8>, forcedUpTo forced: Int) -> UInt8? {
        if position < digits.count { return digits[digits.endIndex - 1 - position] }
        return position <= forced ? 0x30 : nil
    }
}
