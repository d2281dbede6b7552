/// Word's general number formats for `\*` (ECMA-376 §17.16.4.2): a whole-number value written as
/// Roman numerals, letters, an ordinal or hexadecimal. A value that is not a whole number (or out
/// of range) is left as it is.
public enum NumberText: Sendable, Hashable {
    case arabic, romanUpper, romanLower, alphabeticUpper, alphabeticLower, ordinal, hex

    /// The format for a `\*` argument (`Roman`, `roman`, `ALPHABETIC`, `alphabetic`, `Ordinal`,
    /// `Arabic`, `Hex`); nil for anything else.
    public init?(switchArgument: String) {
        switch switchArgument {
        case "ROMAN", "Roman": self = .romanUpper
        case "roman": self = .romanLower
        case "ALPHABETIC": self = .alphabeticUpper
        case "alphabetic", "Alphabetic": self = .alphabeticLower
        default:
            switch switchArgument.uppercased() {
            case "ARABIC": self = .arabic
            case "ORDINAL": self = .ordinal
            case "HEX": self = .hex
            default: return nil
            }
        }
    }

    /// The value in this format (ordinals in `language`), or the value itself when it is not a whole number.
    public func apply(_ value: String, language: FieldLanguage) -> String {
        let trimmed = value.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.allSatisfy(\.isASCIIDigit), let number = Int(trimmed) else { return value }
        switch self {
        case .arabic: return String(number)
        case .romanUpper: return Self.roman(number) ?? value
        case .romanLower: return Self.roman(number)?.lowercased() ?? value
        case .alphabeticUpper: return Self.alphabetic(number) ?? value
        case .alphabeticLower: return Self.alphabetic(number)?.lowercased() ?? value
        case .ordinal: return Self.ordinal(number, language: language)
        case .hex: return String(number, radix: 16, uppercase: true)
        }
    }

    private static func roman(_ number: Int) -> String? {
        guard (1...3999).contains(number) else { return nil }
        let numerals: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number
        var result = ""
        for (value, letters) in numerals {
            while rest >= value { result += letters; rest -= value }
        }
        return result
    }

    /// Word's letters: 1 → A, 26 → Z, 27 → AA, 28 → BB (the letter repeated).
    private static func alphabetic(_ number: Int) -> String? {
        guard (1...780).contains(number) else { return nil }
        let letter = Character(Unicode.Scalar(UInt8(65 + (number - 1) % 26)))
        return String(repeating: letter, count: (number - 1) / 26 + 1)
    }

    private static func ordinal(_ number: Int, language: FieldLanguage) -> String {
        switch language.code {
        case "en":
            let suffix: String
            switch (number % 10, number % 100) {
            case (_, 11...13): suffix = "th"
            case (1, _): suffix = "st"
            case (2, _): suffix = "nd"
            case (3, _): suffix = "rd"
            default: suffix = "th"
            }
            return "\(number)\(suffix)"
        case "sv": return "\(number):" + ((number % 10 == 1 || number % 10 == 2) && !(11...12).contains(number % 100) ? "a" : "e")
        case "nl": return "\(number)e"
        case "fr": return number == 1 ? "1er" : "\(number)e"
        default: return "\(number)."
        }
    }
}
