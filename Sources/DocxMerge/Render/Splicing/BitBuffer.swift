/// A growable byte buffer that deflate blocks are written into bit by bit (least significant bit
/// first, as deflate packs them), reused from one letter to the next. Raw memory, so appending in
/// the per-letter loop costs no exclusivity checks or reference counting; its owner frees it.
struct BitBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// The whole bytes written.
    private(set) var count = 0
    /// Bits not yet written as a byte, in the low `bitCount` bits (always fewer than 8 between calls).
    private var bits: UInt64 = 0
    private var bitCount = 0

    /// Bytes kept past a letter that needed more, so one huge letter does not hold memory.
    static let keptCapacity = 8 << 20
    /// Room always left at the end for 8-byte stores.
    private static let slack = 16

    init(capacity: Int = 64 << 10) {
        self.capacity = capacity
        base = .allocate(capacity: capacity + Self.slack)
    }

    /// Frees the memory; the buffer is not used after this.
    func deallocate() { base.deallocate() }

    /// Empties the buffer (shrinking it when a letter made it huge).
    mutating func reset() {
        count = 0
        bits = 0
        bitCount = 0
        if capacity > Self.keptCapacity {
            base.deallocate()
            capacity = 64 << 10
            base = .allocate(capacity: capacity + Self.slack)
        }
    }

    /// Makes room for `more` bytes after the current ones.
    @inline(__always)
    mutating func reserve(_ more: Int) {
        if count + more + 8 > capacity { grow(count + more + 8) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slack)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
    }

    /// Appends whole bytes (only between bit writes that ended on a byte boundary).
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(bitCount == 0, "bytes appended off a byte boundary")
        reserve(bytes.count)
        if let source = bytes.baseAddress { (base + count).initialize(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        count += bytes.count
    }

    /// Appends one byte at a byte boundary.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// The offset of the next whole byte (for zip headers patched later).
    var offset: Int { count }

    /// Writes a little-endian 32-bit value over the bytes at `at`.
    @inline(__always)
    func put32(_ value: UInt32, at: Int) {
        base[at] = UInt8(truncatingIfNeeded: value)
        base[at + 1] = UInt8(truncatingIfNeeded: value >> 8)
        base[at + 2] = UInt8(truncatingIfNeeded: value >> 16)
        base[at + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }

    /// Writes the low `length` bits of `value` (at most 32; the caller reserved room).
    @inline(__always)
    mutating func writeBits(_ value: UInt32, _ length: Int) {
        bits |= UInt64(value) << UInt64(bitCount)
        bitCount += length
        if bitCount >= 32 {
            UnsafeMutableRawPointer(base + count).storeBytes(of: UInt32(truncatingIfNeeded: bits).littleEndian, as: UInt32.self)
            count += 4
            bits >>= 32
            bitCount -= 32
        }
    }

    /// Writes out the whole bytes of the pending bits, keeping fewer than 8.
    @inline(__always)
    mutating func settle() {
        while bitCount >= 8 {
            base[count] = UInt8(truncatingIfNeeded: bits)
            count += 1
            bits >>= 8
            bitCount -= 8
        }
    }

    /// Appends `length` bytes of bit data followed by `tailBits` bits of `tail`, at whatever bit the
    /// buffer is at (a precompressed piece).
    @inline(__always)
    mutating func appendBits(_ source: UnsafePointer<UInt8>, _ length: Int, tail: UInt8, tailBits: Int) {
        settle()
        reserve(length + 1)
        if bitCount == 0 {
            (base + count).initialize(from: source, count: length)
            count += length
        } else {
            // Each 8 source bytes shifted up by bitCount: the bits held go below them, their top
            // bits are held for the next word.
            let shift = UInt64(bitCount)
            var held = bits
            var index = 0
            let destination = UnsafeMutableRawPointer(base + count)
            let raw = UnsafeRawPointer(source)
            while index + 8 <= length {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                destination.storeBytes(of: (held | (word << shift)).littleEndian, toByteOffset: index, as: UInt64.self)
                held = word >> (64 - shift)
                index += 8
            }
            while index < length {
                let byte = UInt64(source[index])
                destination.storeBytes(of: UInt8(truncatingIfNeeded: held | (byte << shift)), toByteOffset: index, as: UInt8.self)
                held = byte >> (8 - shift)
                index += 1
            }
            count += length
            bits = held
        }
        if tailBits > 0 { writeBits(UInt32(tail), tailBits) }
    }

    /// Pads the last bits with zeros to a whole byte.
    mutating func padToByte() {
        settle()
        if bitCount > 0 {
            reserve(1)
            base[count] = UInt8(truncatingIfNeeded: bits)
            count += 1
            bits = 0
            bitCount = 0
        }
    }

    /// The number of bits written.
    var bitPosition: Int { count * 8 + bitCount }

    /// What was written as a piece: the whole bytes, and the bits after them.
    mutating func splitTail() -> (bytes: [UInt8], tail: UInt8, tailBits: Int) {
        settle()
        return (bytes(), UInt8(truncatingIfNeeded: bits), bitCount)
    }

    /// Appends a piece held in an array (at compile time).
    mutating func appendBits(_ bytes: [UInt8], tail: UInt8, tailBits: Int) {
        if bytes.isEmpty {
            settle()
            reserve(1)
            if tailBits > 0 { writeBits(UInt32(tail), tailBits) }
            return
        }
        bytes.withUnsafeBufferPointer { appendBits($0.baseAddress!, $0.count, tail: tail, tailBits: tailBits) }
    }

    /// The whole bytes written, as an array.
    func bytes() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }
}
