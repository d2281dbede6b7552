/// Writes a zip archive into memory, one entry after the other, for one write to disk.
///
/// Entries carry a fixed time (1980-01-01 00:00) so the same letter gives the same bytes. Letters are
/// small: no ZIP64.
struct ZipWriter {
    private(set) var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    static let fixedTime: UInt16 = 0
    static let fixedDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// Empties the writer, keeping its buffers' capacity.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        central.removeAll(keepingCapacity: true)
        count = 0
    }

    /// An entry's local header and data, ready to be appended as one piece (for entries that are the
    /// same in every letter).
    static func localRecord(name: String, method: UInt16, crc32: UInt32, compressedSize: Int, size: Int, data: [UInt8]) -> [UInt8] {
        var record: [UInt8] = []
        appendLocalHeader(to: &record, name: Array(name.utf8), method: method, crc32: crc32, compressedSize: compressedSize, size: size)
        record += data
        return record
    }

    /// Appends a prepared local record (from `localRecord`).
    mutating func appendPrepared(_ record: [UInt8], name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int, size: Int) {
        appendCentral(name: name, method: method, crc32: crc32, compressedSize: compressedSize, size: size, offset: bytes.count)
        bytes += record
    }

    /// Appends an entry whose compressed data the `write` closure appends to the archive bytes; the
    /// closure returns the CRC-32 and the uncompressed size.
    mutating func appendEntry(name: [UInt8], method: UInt16, write: (inout [UInt8]) -> (crc32: UInt32, size: Int)) {
        let offset = bytes.count
        Self.appendLocalHeader(to: &bytes, name: name, method: method, crc32: 0, compressedSize: 0, size: 0)
        let dataStart = bytes.count
        let (crc, size) = write(&bytes)
        let compressedSize = bytes.count - dataStart
        // Fill in the CRC and sizes now known (local header offsets 14, 18, 22).
        Self.put32(crc, into: &bytes, at: offset + 14)
        Self.put32(UInt32(compressedSize), into: &bytes, at: offset + 18)
        Self.put32(UInt32(size), into: &bytes, at: offset + 22)
        appendCentral(name: name, method: method, crc32: crc, compressedSize: compressedSize, size: size, offset: offset)
    }

    /// Appends the central directory and its end record; `bytes` is then the whole archive.
    mutating func finish() {
        let centralOffset = bytes.count
        bytes += central
        Self.append32(0x0605_4b50, to: &bytes)
        Self.append16(0, to: &bytes)
        Self.append16(0, to: &bytes)
        Self.append16(UInt16(count), to: &bytes)
        Self.append16(UInt16(count), to: &bytes)
        Self.append32(UInt32(central.count), to: &bytes)
        Self.append32(UInt32(centralOffset), to: &bytes)
        Self.append16(0, to: &bytes)
    }

    private static func generalFlags(_ name: [UInt8]) -> UInt16 {
        name.contains { $0 >= 0x80 } ? 1 << 11 : 0
    }

    /// A local file header for `name` (fixed time, UTF-8 flag when the name needs it); the data follows it.
    static func appendLocalHeader(to out: inout [UInt8], name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int, size: Int) {
        append32(0x0403_4b50, to: &out)
        append16(20, to: &out)
        appendEntryFields(to: &out, name: name, method: method, crc32: crc32, compressedSize: compressedSize, size: size)
        append16(0, to: &out)
        out += name
    }

    private mutating func appendCentral(name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int, size: Int, offset: Int) {
        Self.appendCentralRecord(to: &central, name: name, method: method, crc32: crc32, compressedSize: compressedSize,
                                 size: size, offset: offset)
        count += 1
    }

    /// The fields a local header and a central record share: flags, method, time, CRC, sizes, name length.
    private static func appendEntryFields(to out: inout [UInt8], name: [UInt8], method: UInt16, crc32: UInt32,
                                          compressedSize: Int, size: Int) {
        append16(generalFlags(name), to: &out)
        append16(method, to: &out)
        append16(fixedTime, to: &out)
        append16(fixedDate, to: &out)
        append32(crc32, to: &out)
        append32(UInt32(compressedSize), to: &out)
        append32(UInt32(size), to: &out)
        append16(UInt16(name.count), to: &out)
    }

    /// A central directory record for an entry whose local header is at `offset`.
    static func appendCentralRecord(to out: inout [UInt8], name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int,
                                    size: Int, offset: Int) {
        append32(0x0201_4b50, to: &out)
        append16(20, to: &out)
        append16(20, to: &out)
        appendEntryFields(to: &out, name: name, method: method, crc32: crc32, compressedSize: compressedSize, size: size)
        for _ in 0..<4 { append16(0, to: &out) }
        append32(0, to: &out)
        append32(UInt32(offset), to: &out)
        out += name
    }

    static func append16(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    static func append32(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    static func append64(_ value: UInt64, to out: inout [UInt8]) {
        append32(UInt32(truncatingIfNeeded: value), to: &out)
        append32(UInt32(truncatingIfNeeded: value >> 32), to: &out)
    }

    private static func put32(_ value: UInt32, into out: inout [UInt8], at index: Int) {
        out[index] = UInt8(truncatingIfNeeded: value)
        out[index + 1] = UInt8(truncatingIfNeeded: value >> 8)
        out[index + 2] = UInt8(truncatingIfNeeded: value >> 16)
        out[index + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }
}
