/// Text from outside (contact values, file names, template parts) made safe to print: control
/// characters are written as `\uXXXX` (`\t`, `\n`, `\r` for tab, newline and carriage return), so
/// no value can move the cursor, recolour or clear a terminal, or add a line or a column to a
/// tab-separated listing. The characters escaped: C0 controls, DEL, C1 controls, the line and
/// paragraph separators and the bidirectional overrides and isolates.
enum SafeText {
    /// A value inside a line of output: every such character escaped, tab and newline included.
    static func field(_ text: String) -> String { escaped(text, keepingLayout: false) }

    /// A line or lines of output whose tabs and newlines are layout: every other such character escaped.
    static func layout(_ text: String) -> String { escaped(text, keepingLayout: true) }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func escaped(_ text: String, keepingLayout: Bool) -> String {
        // Fast path: no byte that can start such a character.
        guard text.utf8.contains(where: { $0 < 0x20 && !(keepingLayout && ($0 == 9 || $0 == 10)) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar), !(keepingLayout && (scalar == "\t" || scalar == "\n")) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return out
    }
}

/// Every line a command prints on stdout goes through here: values from outside cannot reach the
/// terminal raw, whichever command prints them. Tabs and newlines stay (they are the layout);
/// commands escape them inside values with `SafeText.field`. JSON output escapes its own control
/// characters, and the `\uXXXX` used here for the others is a JSON escape of the same character.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(SafeText.layout(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
