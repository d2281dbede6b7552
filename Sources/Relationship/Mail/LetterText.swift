/// The plain text of a letter, read from its rendered `word/document.xml`: the text of `w:t`, a tab
/// for `w:tab`, a line break for `w:br` and `w:cr`, one line per paragraph. Field codes
/// (`w:instrText`), deleted text and drawings' properties are not text and are left out.
///
/// A token scan, not a parser: the letters come from our own renderer, and the result is only a
/// courtesy copy of the attached letter.
public enum LetterText {
    public static func extract(documentXML bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        var paragraphs: [String] = []
        var inText = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte != UInt8(ascii: "<") {
                if inText {
                    if byte == UInt8(ascii: "&") {
                        let (decoded, next) = entity(bytes, at: index)
                        text += decoded
                        index = next
                        continue
                    }
                    text.append(byte)
                }
                index += 1
                continue
            }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let tag = bytes[(index + 1)..<close]
            index = close + 1
            let closing = tag.first == UInt8(ascii: "/")
            let nameStart = closing ? tag.startIndex + 1 : tag.startIndex
            let nameEnd = tag[nameStart...].firstIndex { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\t")
                || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? tag.endIndex
            let name = tag[nameStart..<nameEnd]
            let selfClosing = tag.last == UInt8(ascii: "/")
            switch (String(decoding: name, as: UTF8.self), closing) {
            case ("w:t", false): inText = !selfClosing
            case ("w:t", true): inText = false
            case ("w:tab", false): text.append(UInt8(ascii: "\t"))
            case ("w:br", false), ("w:cr", false): text.append(UInt8(ascii: "\n"))
            case ("w:p", true):
                paragraphs.append(String(decoding: text, as: UTF8.self))
                text.removeAll(keepingCapacity: true)
            case ("w:p", false) where selfClosing:
                paragraphs.append("")
            default: break
            }
        }
        if !text.isEmpty { paragraphs.append(String(decoding: text, as: UTF8.self)) }
        // Trailing blank paragraphs say nothing.
        while paragraphs.last?.allSatisfy({ $0 == " " || $0 == "\t" }) == true { paragraphs.removeLast() }
        return paragraphs.joined(separator: "\n")
    }

    /// Decodes the entity at `start` (`&amp;`, `&#233;`, `&#xE9;`); an unknown one is kept as written.
    private static func entity(_ bytes: [UInt8], at start: Int) -> ([UInt8], Int) {
        guard let end = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { return ([bytes[start]], start + 1) }
        let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        let scalar: Unicode.Scalar?
        switch name {
        case "amp": scalar = "&"
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                scalar = nil
            }
        }
        guard let scalar else { return ([bytes[start]], start + 1) }
        return (Array(String(Character(scalar)).utf8), end + 1)
    }
}
