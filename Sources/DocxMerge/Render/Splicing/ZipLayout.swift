/// A letter's zip layout worked out once per plan, for format 2: each entry's local record (the
/// whole record of an entry that is the same in every letter, the header of a rendered one) and
/// its central directory record, in one block of raw memory, so a letter only copies bytes and
/// fills in the rendered parts' CRCs, sizes and the offsets.
struct ZipLayout: Sendable {
    struct Entry: Sendable {
        /// The rendered part's program, or -1 for an entry copied as it is.
        let part: Int
        let localStart: Int
        let localCount: Int
        let centralStart: Int
        let centralCount: Int
        let crc32: UInt32
        let compressedSize: Int
        let size: Int
    }

    let bytes: FrozenTable<UInt8>
    let entries: FrozenTable<Entry>

    init(_ prepared: [PreparedEntry]) {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var locals: [(start: Int, count: Int)] = []
        for entry in prepared {
            let start = bytes.count
            switch entry {
            case let .constant(_, _, _, _, _, record):
                bytes += record
            case let .rendered(name, _):
                ZipWriter.appendLocalHeader(to: &bytes, name: name, method: 8, crc32: 0, compressedSize: 0, size: 0)
            }
            locals.append((start, bytes.count - start))
        }
        for (index, entry) in prepared.enumerated() {
            let start = bytes.count
            switch entry {
            case let .constant(name, method, crc32, compressedSize, size, _):
                ZipWriter.appendCentralRecord(to: &bytes, name: name, method: method, crc32: crc32, compressedSize: compressedSize,
                                              size: size, offset: 0)
                entries.append(Entry(part: -1, localStart: locals[index].start, localCount: locals[index].count, centralStart: start,
                                     centralCount: bytes.count - start, crc32: crc32, compressedSize: compressedSize, size: size))
            case let .rendered(name, part):
                ZipWriter.appendCentralRecord(to: &bytes, name: name, method: 8, crc32: 0, compressedSize: 0, size: 0, offset: 0)
                entries.append(Entry(part: part, localStart: locals[index].start, localCount: locals[index].count, centralStart: start,
                                     centralCount: bytes.count - start, crc32: 0, compressedSize: 0, size: 0))
            }
        }
        self.bytes = FrozenTable(bytes)
        self.entries = FrozenTable(entries)
    }
}
