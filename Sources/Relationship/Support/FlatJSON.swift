/// A JSON object of strings (`{"City": "Oslo", …}`), as an interaction entry's `MergedValues` is
/// stored: keys sorted, so the same values give the same text.
public enum FlatJSON {
    public static func encode(_ values: [String: String]) -> String {
        encode(sorted: values.keys.sorted().map { ($0, values[$0]!) })
    }

    /// The object of `pairs`, which are sorted by key already (keys unique).
    public static func encode(sorted pairs: [(name: String, value: String)]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(64 * pairs.count + 2)
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { out += [UInt8(ascii: ","), UInt8(ascii: " ")] }
            quote(key, into: &out)
            out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            quote(value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The pairs of a JSON object whose values are all strings, in the order written; nil when the
    /// text is anything else.
    public static func decode(_ text: String) -> [(String, String)]? {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        return parser.object()
    }

    /// Appends `text` as a JSON string literal (quotes, backslashes and control characters escaped).
    public static func quote(_ text: String, into out: inout String) {
        var bytes: [UInt8] = []
        quote(text, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `quote(_:into:)` on UTF-8: only ASCII is ever escaped, and no byte of a multi-byte UTF-8
    /// sequence is ASCII, so the bytes can be copied through as they are.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out += UnsafeBufferPointer(rebasing: bytes[start..<index])
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    out += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
                }
            }
            out += UnsafeBufferPointer(rebasing: bytes[start...])
        }
        out.append(UInt8(ascii: "\""))
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
