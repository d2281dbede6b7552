/// Bits coded once, at compile time, that a letter copies at whatever bit it has reached; its
/// bytes live in the template's piece store.
struct DeflatePiece: Sendable {
    /// Where its bytes start in the store, and how many whole bytes there are.
    let start: Int
    let count: Int
    /// The last bits (fewer than 8) in the low bits of `tail`.
    let tail: UInt8
    let tailBits: Int
}

/// Values built once per template in one allocation that lives as long as the plan; read by
/// every rendering thread through raw pointers (no reference counting, no bounds checks in the
/// per-letter loop), never written after it is built.
final class FrozenTable<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ elements: [Element]) {
        count = elements.count
        base = .allocate(capacity: max(1, elements.count))
        elements.withUnsafeBufferPointer { if let source = $0.baseAddress { base.initialize(from: source, count: elements.count) } }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// A code word ready to write: its bits (least significant first) and how many there are.
struct CodeWord: Sendable {
    let bits: UInt32
    let count: UInt32
}

/// CRC-32 of a stretch appended to a running CRC without reading the stretch's bytes: the running
/// CRC multiplied by x^(8·length) modulo the CRC polynomial, by tables of its eight nibbles built
/// once per stretch, then the stretch's own CRC added.
enum CRCAppend {
    /// 128 entries for a stretch of `length` bytes: entry 16·i + v is nibble i of value v times
    /// x^(8·length) (reflected, as zlib and libdeflate represent CRCs).
    static func table(length: Int) -> [UInt32] {
        // x^(8·length) mod P, from zlib.
        var product = StreamChecksum.combineOperator(length: length)
        // Bit j of a reflected value stands for x^(31-j): bit 31 is product itself, each lower bit
        // one more factor x (a shift right, the polynomial added when a bit falls off).
        var single = [UInt32](repeating: 0, count: 32)
        for bit in stride(from: 31, through: 0, by: -1) {
            single[bit] = product
            product = product & 1 == 1 ? (product >> 1) ^ 0xEDB8_8320 : product >> 1
        }
        var table = [UInt32](repeating: 0, count: 128)
        for nibble in 0..<8 {
            for value in 1..<16 {
                let low = value & -value
                let bit = nibble * 4 + low.trailingZeroBitCount
                table[nibble * 16 + value] = table[nibble * 16 + (value ^ low)] ^ single[bit]
            }
        }
        return table
    }

    /// `crc` followed by a stretch whose CRC is `stretchCRC` and whose table is at `table`.
    @inline(__always)
    static func append(_ crc: UInt32, _ stretchCRC: UInt32, table: UnsafePointer<UInt32>) -> UInt32 {
        var result = stretchCRC
        var value = crc
        var offset = 0
        while offset < 128 {
            result ^= table[offset + Int(value & 15)]
            value >>= 4
            offset += 16
        }
        return result
    }
}
