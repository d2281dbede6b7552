/// One markup item of an XML byte string: a start, end or empty-element tag, or anything else
/// between `<` and `>` (declaration, comment, CDATA, processing instruction).
struct XMLTag {
    enum Kind { case start, end, empty, other }
    let kind: Kind
    /// From `<` to just past `>`.
    let range: Range<Int>
    /// The qualified name (`w:p`).
    let name: Range<Int>
}

/// An attribute of a tag: its qualified name and its value without the quotes (still escaped).
struct XMLAttribute {
    let name: Range<Int>
    let value: Range<Int>
}

/// Walks the tags of a well-formed XML byte string without building anything: what lies between
/// two tags is text, copied by the caller. This is the combined document's only reading of a
/// letter's parts, so it is cheap: no allocation per tag, attributes read only when asked for.
struct XMLTagReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next tag is looked for.
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next tag at or after `position`; nil at the end.
    mutating func next() -> XMLTag? {
        let count = bytes.count
        var start = position
        while start < count, bytes[start] != UInt8(ascii: "<") { start += 1 }
        guard start < count else {
            position = count
            return nil
        }
        var index = start + 1
        guard index < count else {
            position = count
            return nil
        }
        let first = bytes[index]
        if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") {
            let terminator: [UInt8]
            if matches(at: index, "!--") { terminator = Array("-->".utf8) }
            else if matches(at: index, "![CDATA[") { terminator = Array("]]>".utf8) }
            else if first == UInt8(ascii: "?") { terminator = Array("?>".utf8) }
            else { terminator = Array(">".utf8) }
            var end = index
            while end < count, !matches(at: end, terminator) { end += 1 }
            end = min(count, end + terminator.count)
            position = end
            return XMLTag(kind: .other, range: start..<end, name: start..<start)
        }
        let isEnd = first == UInt8(ascii: "/")
        if isEnd { index += 1 }
        let nameStart = index
        while index < count, !Self.endsName(bytes[index]) { index += 1 }
        let nameEnd = index
        var quote: UInt8 = 0
        while index < count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        let end = min(count, index + 1)
        position = end
        let kind: XMLTag.Kind = isEnd ? .end : (index > 0 && bytes[index - 1] == UInt8(ascii: "/") ? .empty : .start)
        return XMLTag(kind: kind, range: start..<end, name: nameStart..<nameEnd)
    }

    /// The attributes of a start or empty tag.
    func attributes(of tag: XMLTag) -> [XMLAttribute] {
        var result: [XMLAttribute] = []
        var index = tag.name.upperBound
        let end = tag.range.upperBound - 1
        while index < end {
            while index < end, Self.isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "="), !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/") { index += 1 }
            let nameEnd = index
            while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") {
                if bytes[index] == UInt8(ascii: "/") { return result }
                index += 1
            }
            guard index < end, nameEnd > nameStart else { return result }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < end, bytes[index] != quote { index += 1 }
            result.append(XMLAttribute(name: nameStart..<nameEnd, value: valueStart..<index))
            index += 1
        }
        return result
    }

    /// True when the bytes in `range` are `text`.
    func equals(_ range: Range<Int>, _ text: [UInt8]) -> Bool {
        guard range.count == text.count else { return false }
        var offset = 0
        for index in range {
            if bytes[index] != text[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The bytes in `range` as a string.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The value in `range` read as an integer (nil when it is not one).
    func integer(_ range: Range<Int>) -> Int? {
        Int(string(range).trimmingSpaces)
    }

    private func matches(at index: Int, _ text: String) -> Bool { matches(at: index, Array(text.utf8)) }

    private func matches(at index: Int, _ text: [UInt8]) -> Bool {
        guard index + text.count <= bytes.count else { return false }
        for offset in text.indices where bytes[index + offset] != text[offset] { return false }
        return true
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

extension String {
    var trimmingSpaces: Substring {
        let trimmed = drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return trimmed.dropLast(trimmed.reversed().prefix { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.count)
    }
}
