/// A zip archive written byte by byte with whatever its headers should say, true or not: the
/// compression method, CRC-32 and sizes are taken as given, so tests can build damaged and hostile
/// packages (a wrong CRC, an unknown method, two entries of one name, a deflate bomb).
public enum RawZip {
    public struct Entry: Sendable {
        public var name: String
        /// The bytes stored in the archive (compressed when `method` is 8).
        public var data: [UInt8]
        public var method: UInt16
        public var crc32: UInt32
        /// The uncompressed size the headers declare.
        public var size: UInt32

        /// An entry stored as is, its CRC and size true.
        public static func stored(_ name: String, _ content: [UInt8]) -> Entry {
            Entry(name: name, data: content, method: 0, crc32: StoredZip.crc32(content), size: UInt32(content.count))
        }

        public init(name: String, data: [UInt8], method: UInt16, crc32: UInt32, size: UInt32) {
            self.name = name
            self.data = data
            self.method = method
            self.crc32 = crc32
            self.size = size
        }
    }

    public static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let offset = out.count
            u32(0x04034b50, &out); u16(20, &out); u16(0x800, &out); u16(Int(entry.method), &out); u16(0, &out); u16(0x21, &out)
            u32(entry.crc32, &out); u32(UInt32(entry.data.count), &out); u32(entry.size, &out)
            u16(name.count, &out); u16(0, &out); out += name; out += entry.data
            u32(0x02014b50, &central); u16(20, &central); u16(20, &central); u16(0x800, &central); u16(Int(entry.method), &central)
            u16(0, &central); u16(0x21, &central); u32(entry.crc32, &central); u32(UInt32(entry.data.count), &central)
            u32(entry.size, &central); u16(name.count, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(0, &central); u32(UInt32(offset), &central); central += name
        }
        let centralOffset = out.count
        out += central
        u32(0x06054b50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(UInt32(centralOffset), &out); u16(0, &out)
        return out
    }

    /// A raw deflate stream (fixed Huffman codes) that inflates to `count` zero bytes: one literal,
    /// then copies of 258 bytes at distance 1, about 13 bits for each 258 bytes.
    public static func deflatedZeros(_ count: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.bits(1, 1)  // BFINAL
        writer.bits(1, 2)  // BTYPE 01: fixed Huffman codes
        writer.huffman(0b0011_0000, 8)  // literal 0
        var left = count - 1
        while left >= 258 {
            writer.huffman(0b1100_0101, 8)  // length code 285: 258 bytes
            writer.huffman(0, 5)  // distance code 0: 1 byte back
            left -= 258
        }
        for _ in 0..<max(0, left) { writer.huffman(0b0011_0000, 8) }
        writer.huffman(0, 7)  // end of block
        return writer.finish()
    }

    private struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var used = 0

        /// `count` bits of `value`, least significant first (headers, extra bits).
        mutating func bits(_ value: UInt32, _ count: Int) {
            for index in 0..<count {
                current |= ((value >> UInt32(index)) & 1) << UInt32(used)
                used += 1
                if used == 8 { bytes.append(UInt8(current)); current = 0; used = 0 }
            }
        }

        /// A Huffman code of `length` bits, most significant first.
        mutating func huffman(_ code: UInt32, _ length: Int) {
            var reversed: UInt32 = 0
            for index in 0..<length { reversed |= ((code >> UInt32(index)) & 1) << UInt32(length - 1 - index) }
            bits(reversed, length)
        }

        mutating func finish() -> [UInt8] {
            if used > 0 { bytes.append(UInt8(current)) }
            return bytes
        }
    }
}
