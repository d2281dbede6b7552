/// Finds `<!DOCTYPE` in an XML part read a chunk at a time, in UTF-8 and in both UTF-16 byte
/// orders, ignoring the case of its letters (a match across two chunks is found too).
struct DoctypeFinder {
    private var matchers = [
        Matcher(Array("<!DOCTYPE".utf8)),
        Matcher(Array("<!DOCTYPE".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        Matcher(Array("<!DOCTYPE".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
    ]

    /// True once a DOCTYPE has been seen.
    mutating func scan(_ chunk: UnsafeRawBufferPointer) -> Bool {
        for index in matchers.indices where matchers[index].scan(chunk) { return true }
        return false
    }

    /// Knuth–Morris–Pratt over bytes, ASCII letters compared without case.
    private struct Matcher {
        let pattern: [UInt8]
        let failure: [Int]
        var matched = 0

        init(_ pattern: [UInt8]) {
            self.pattern = pattern
            var failure = [Int](repeating: 0, count: pattern.count)
            var length = 0
            for index in 1..<pattern.count {
                while length > 0 && !Self.same(pattern[index], pattern[length]) { length = failure[length - 1] }
                if Self.same(pattern[index], pattern[length]) { length += 1 }
                failure[index] = length
            }
            self.failure = failure
        }

        mutating func scan(_ chunk: UnsafeRawBufferPointer) -> Bool {
            for byte in chunk {
                while matched > 0 && !Self.same(byte, pattern[matched]) { matched = failure[matched - 1] }
                if Self.same(byte, pattern[matched]) { matched += 1 }
                if matched == pattern.count { return true }
            }
            return false
        }

        private static func same(_ a: UInt8, _ b: UInt8) -> Bool {
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
        }
    }
}

/// The encoding rule of Open Packaging Conventions for XML parts: UTF-8 or UTF-16, and an XML
/// declaration, if any, naming one of those two.
enum XMLEncoding {
    /// How many leading bytes of a part `problem` looks at.
    static let headLength = 512

    /// Why the part starting with `head` is not UTF-8 or UTF-16, or nil.
    static func problem(_ head: [UInt8]) -> String? {
        var bytes = head[...]
        var unit = 1, bigEndian = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = bytes.dropFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0]) {
            return "an XML part must be UTF-8 or UTF-16"
        } else if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0, UInt8(ascii: "<")]) {
            unit = 2
            bigEndian = true
            if bytes.first == 0xFE { bytes = bytes.dropFirst(2) }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [UInt8(ascii: "<"), 0]) {
            unit = 2
            if bytes.first == 0xFF { bytes = bytes.dropFirst(2) }
        }
        // The declaration as ASCII (a code unit outside ASCII becomes 0xFF).
        var text: [UInt8] = []
        var index = bytes.startIndex
        while index + unit <= bytes.endIndex {
            let value = unit == 1 ? UInt16(bytes[index])
                : bigEndian ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]) : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
            text.append(value < 0x80 ? UInt8(value) : 0xFF)
            index += unit
        }
        guard text.starts(with: Array("<?xml".utf8)),
              let end = text.firstRange(of: Array("?>".utf8))?.lowerBound else { return nil }
        let declaration = text[..<end]
        guard let name = declaration.firstRange(of: Array("encoding".utf8))?.upperBound else { return nil }
        var rest = declaration[name...].drop { $0 == UInt8(ascii: " ") || $0 == 9 || $0 == 10 || $0 == 13 }
        guard rest.first == UInt8(ascii: "=") else { return nil }
        rest = rest.dropFirst().drop { $0 == UInt8(ascii: " ") || $0 == 9 || $0 == 10 || $0 == 13 }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let value = String(decoding: rest.dropFirst().prefix { $0 != quote }, as: UTF8.self)
        let lower = value.lowercased()
        if lower == "utf-8" || lower == "utf-16" { return nil }
        return "the XML declaration names encoding '\(value)'; an XML part must be UTF-8 or UTF-16"
    }
}
