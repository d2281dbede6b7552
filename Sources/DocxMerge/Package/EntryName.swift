/// The rules for the name of a zip entry in a template: what makes a name safe to hand to Word and
/// to any zip reader, and the form two names are compared in to find duplicates.
enum EntryName {
    /// Why `name` is unsafe, or nil when it is a plain relative path inside the package: not empty,
    /// not absolute, no backslash, no drive letter, no `.` or `..` part, no empty part (except the
    /// trailing `/` of a folder entry), no control character.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "an entry with an empty name is not allowed" }
        if name.hasPrefix("/") { return "an absolute entry name is not allowed" }
        if name.contains("\\") { return "a backslash in an entry name is not allowed" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "a control character in an entry name is not allowed"
        }
        var parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last == "" { parts.removeLast() }
        if let first = parts.first, first.count >= 2, first.unicodeScalars.first.map(isASCIILetter) == true,
           first.dropFirst().first == ":" {
            return "an entry name with a drive letter is not allowed"
        }
        if parts.contains(where: { $0 == ".." || $0 == "." }) { return "an entry name that leaves the package is not allowed" }
        if parts.contains(where: \.isEmpty) { return "an entry name with an empty part is not allowed" }
        return nil
    }

    /// The form in which zip readers and Word compare names: case ignored, percent escapes decoded,
    /// the trailing dots and spaces Windows drops removed from each part, a folder's trailing `/`
    /// dropped. Two entries with one key are duplicates.
    static func key(_ name: String) -> String {
        var parts = percentDecoded(name).lowercased().split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last == "" { parts.removeLast() }
        return parts.map { part in
            var trimmed = Substring(part)
            while let last = trimmed.last, last == "." || last == " ", trimmed != "." && trimmed != ".." { trimmed.removeLast() }
            return String(trimmed)
        }.joined(separator: "/")
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A)
    }

    /// `name` with `%XX` escapes decoded (a broken escape is kept as written).
    private static func percentDecoded(_ name: String) -> String {
        guard name.contains("%") else { return name }
        var bytes: [UInt8] = []
        let source = Array(name.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
               let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
