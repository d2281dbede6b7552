/// A JSON object of strings (`{"City": "Oslo", …}`), as an interaction entry's `MergedValues` is
/// stored: keys sorted, so the same values give the same text.
public enum FlatJSON {
    public static func encode(_ values: [String: String]) -> String {
        var out = "{"
        for (index, key) in values.keys.sorted().enumerated() {
            if index > 0 { out += ", " }
            quote(key, into: &out)
            out += ": "
            quote(values[key]!, into: &out)
        }
        return out + "}"
    }

    /// The pairs of a JSON object whose values are all strings, in the order written; nil when the
    /// text is anything else.
    public static func decode(_ text: String) -> [(String, String)]? {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        return parser.object()
    }

    /// Appends `text` as a JSON string literal (quotes, backslashes and control characters escaped).
    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func object() -> [(String, String)]? {
            skipSpace()
            guard take("{") else { return nil }
            var pairs: [(String, String)] = []
            skipSpace()
            if take("}") { return end() ? pairs : nil }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard take(":") else { return nil }
                skipSpace()
                guard let value = string() else { return nil }
                pairs.append((key, value))
                skipSpace()
                if take(",") { continue }
                guard take("}") else { return nil }
                return end() ? pairs : nil
            }
        }

        mutating func end() -> Bool {
            skipSpace()
            return index == scalars.count
        }

        mutating func string() -> String? {
            guard take("\"") else { return nil }
            var out = String.UnicodeScalarView()
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                switch scalar {
                case "\"": return String(out)
                case "\\":
                    guard index < scalars.count else { return nil }
                    let escape = scalars[index]
                    index += 1
                    switch escape {
                    case "\"", "\\", "/": out.append(escape)
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "b": out.append("\u{8}")
                    case "f": out.append("\u{C}")
                    case "u":
                        guard var unit = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(unit) {
                            guard take("\\"), take("u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let decoded = Unicode.Scalar(unit) else { return nil }
                        out.append(decoded)
                    default: return nil
                    }
                default: out.append(scalar)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= scalars.count else { return nil }
            let text = String(String.UnicodeScalarView(scalars[index..<(index + 4)]))
            index += 4
            return UInt32(text, radix: 16)
        }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func skipSpace() {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\n" || scalars[index] == "\r" || scalars[index] == "\t" {
                index += 1
            }
        }
    }
}
