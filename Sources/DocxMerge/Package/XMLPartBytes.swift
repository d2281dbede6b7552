#if canImport(Glibc)
import Glibc
#endif
/// Finds `<!DOCTYPE` in an XML part read a chunk at a time, in UTF-8 and in both UTF-16 byte
/// orders, ignoring the case of its letters (a match across two chunks is found too).
///
/// Every match holds a `!`, which XML parts rarely do: `memchr` finds each one and only the bytes
/// around it are compared, so a part costs little more than reading it.
struct DoctypeFinder {
    /// The last bytes of what was scanned, for a match that goes on in the next chunk.
    private var carry: [UInt8] = []
    /// The longest match: `<!DOCTYPE` in UTF-16 with a zero byte before the `<`.
    private static let span = 18

    /// True once a DOCTYPE has been seen.
    mutating func scan(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard !chunk.isEmpty else { return false }
        if !carry.isEmpty {
            let joined = carry + chunk.prefix(Self.span)
            if joined.withUnsafeBytes({ Self.occurs(in: $0) }) { return true }
        }
        if Self.occurs(in: chunk) { return true }
        carry = Array((carry + chunk.suffix(Self.span)).suffix(Self.span))
        return false
    }

    /// Whether `<!DOCTYPE` occurs wholly within `bytes`, in any of the three encodings.
    static func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var from = 0
        while from < bytes.count, let found = memchr(base + from, 0x21, bytes.count - from) {
            let bang = base.distance(to: UnsafeRawPointer(found))
            from = bang + 1
            let at = { (index: Int) -> UInt8? in index >= 0 && index < bytes.count ? bytes[index] : nil }
            func letters(from start: Int, step: Int, zeroBefore: Bool) -> Bool {
                for (offset, letter) in "DOCTYPE".utf8.enumerated() {
                    let index = start + offset * step
                    if zeroBefore, at(index - 1) != 0 { return false }
                    guard let byte = at(index), byte | 0x20 == letter | 0x20 else { return false }
                }
                return true
            }
            // UTF-8: <!DOCTYPE
            if at(bang - 1) == UInt8(ascii: "<"), letters(from: bang + 1, step: 1, zeroBefore: false) { return true }
            // UTF-16LE: < 0 ! 0 D 0 O 0 …
            if at(bang - 2) == UInt8(ascii: "<"), at(bang - 1) == 0, at(bang + 1) == 0,
               letters(from: bang + 2, step: 2, zeroBefore: false), (0..<7).allSatisfy({ at(bang + 3 + 2 * $0) == 0 }) { return true }
            // UTF-16BE: 0 < 0 ! 0 D 0 O …
            if at(bang - 3) == 0, at(bang - 2) == UInt8(ascii: "<"), at(bang - 1) == 0,
               letters(from: bang + 2, step: 2, zeroBefore: true) { return true }
        }
        return false
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
        // The declaration as ASCII (a code unit outside ASCII becomes 0xFF), up to its `?>`: what
        // follows it is never looked at, nor anything after a start that is not `<?xml`.
        let opening = Array("<?xml".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(128)
        var index = bytes.startIndex
        while index + unit <= bytes.endIndex {
            let value = unit == 1 ? UInt16(bytes[index])
                : bigEndian ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]) : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
            text.append(value < 0x80 ? UInt8(value) : 0xFF)
            index += unit
            if text.count <= opening.count, text.last != opening[text.count - 1] { return nil }
            if value == UInt16(UInt8(ascii: ">")), text.count >= 2, text[text.count - 2] == UInt8(ascii: "?") { break }
        }
        guard text.count >= opening.count + 2, text.suffix(2).elementsEqual("?>".utf8) else { return nil }
        let declaration = text[..<(text.count - 2)]
        let keyword = Array("encoding".utf8)
        guard let start = declaration.indices.first(where: { declaration[$0...].starts(with: keyword) }) else { return nil }
        let name = start + keyword.count
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
