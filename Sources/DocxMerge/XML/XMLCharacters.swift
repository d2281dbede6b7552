/// The characters XML 1.0 forbids in text, which no value may bring into a letter.
public enum XMLCharacters {
    /// True for a control character other than tab, line feed and carriage return, and for U+FFFE
    /// and U+FFFF.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    /// The first forbidden character of `text`, if any.
    public static func firstForbidden(in text: String) -> Unicode.Scalar? {
        // Most text has no byte below 0x20 but tab, line feed and carriage return, and no 0xEF (the
        // first byte of U+FFFE and U+FFFF in UTF-8): nothing to look for scalar by scalar.
        let plain = text.utf8.allSatisfy { $0 >= 0x20 ? $0 != 0xEF : $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return plain ? nil : text.unicodeScalars.first(where: isForbidden)
    }

    /// `U+0001`: a code point as messages name it.
    public static func name(_ codePoint: UInt32) -> String {
        let hex = String(codePoint, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
