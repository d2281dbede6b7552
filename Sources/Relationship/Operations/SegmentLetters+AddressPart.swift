extension SegmentLetters {
    /// A postal address part compared loosely: case ignored, runs of spaces as one, ends trimmed.
    static func addressPart(_ text: String) -> String {
        var text = text
        // ASCII (almost every address) byte by byte; the same result as the general way below.
        let ascii: String? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var space = false
            for byte in bytes {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    space = !out.isEmpty
                    continue
                }
                if space { out.append(0x20) }
                space = false
                out.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return ascii ?? text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
