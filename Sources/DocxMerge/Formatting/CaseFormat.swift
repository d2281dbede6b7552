/// A `\*` case switch of a merge field (ECMA-376 §17.16.4.2), applied to the value but not to `\b`/`\f` text.
///
/// ```swift
/// CaseFormat.caps.apply("anna-lena o'neil")   // "Anna-lena O'neil"
/// CaseFormat.firstCap.apply("oslo sentrum")   // "Oslo sentrum"
/// ```
public enum CaseFormat: Sendable, Hashable {
    /// `\* Upper`: every letter upper case (Unicode rules, so `ß` becomes `SS`).
    case upper
    /// `\* Lower`: every letter lower case.
    case lower
    /// `\* FirstCap`: the first letter of the value upper case, the rest left as it is.
    case firstCap
    /// `\* Caps`: the first letter of each word upper case, the rest left as it is; words are separated by
    /// white space.
    case caps

    /// The switch named by a `\*` argument (`Upper`, `lower`, `FIRSTCAP`, `Caps`), case-insensitively;
    /// `nil` for any other name (`MERGEFORMAT`, `CHARFORMAT` and the numbering formats among them).
    public init?(switchArgument: String) {
        switch switchArgument.lowercased() {
        case "upper": self = .upper
        case "lower": self = .lower
        case "firstcap": self = .firstCap
        case "caps": self = .caps
        default: return nil
        }
    }

    /// Applies the switch to a field's value.
    ///
    /// For `firstCap` and `caps`, the "first letter" of the value or word is its first letter or digit after
    /// any leading punctuation (`(anna)` gives `(Anna)`); when that is a digit nothing changes (`3rd` stays).
    public func apply(_ s: String) -> String {
        switch self {
        case .upper:
            return s.uppercased()
        case .lower:
            return s.lowercased()
        case .firstCap:
            return CaseFormat.capitalize(s, everyWord: false)
        case .caps:
            return CaseFormat.capitalize(s, everyWord: true)
        }
    }

    private static func capitalize(_ s: String, everyWord: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var looking = true
        for c in s {
            if c.isWhitespace {
                if everyWord { looking = true }
                out.append(c)
            } else if looking && (c.isLetter || c.isNumber) {
                looking = false
                if c.isLetter {
                    out += c.uppercased()
                } else {
                    out.append(c)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }
}
