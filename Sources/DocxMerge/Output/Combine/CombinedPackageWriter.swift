#if canImport(Glibc)
import Glibc
#endif

/// Writes the combined document's zip archive straight to a file: entries one after the other, the
/// central directory gathered in a `SpoolFile`, ZIP64's end records when there are more than 65,535
/// entries (two header or footer parts per letter soon pass that).
final class CombinedPackageWriter {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var offset = 0
    private let central: SpoolFile
    private var entries = 0

    /// Creates `path` (which must not exist).
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw MergeError.io(path: path, message: "cannot create file: \(String(cString: strerror(errno)))") }
        central = try SpoolFile()
    }

    deinit { close(descriptor) }

    /// Adds an entry whose local record (header and data) is ready.
    func add(_ entry: PreparedZipEntry) throws {
        try record(name: entry.name, method: entry.method, crc32: entry.crc32, compressedSize: entry.compressedSize, size: entry.size)
        try write(entry.record)
    }

    /// Adds an entry from its content, compressed with `deflater` (nil: stored).
    func add(name: String, content: [UInt8], deflater: Deflater?) throws {
        try add(PreparedZipEntry(name: name, content: content, deflater: deflater))
    }

    /// Adds a streamed entry, once finished.
    func add(_ stream: DeflatedStream) throws {
        try stream.finish()
        let name = Array(stream.name.utf8)
        guard stream.compressedSize < 0xFFFF_FFFF, stream.size < 0xFFFF_FFFF else {
            throw MergeError.io(path: path, message: "\(stream.name) would pass 4 GiB; combine fewer letters at a time")
        }
        try record(name: name, method: 8, crc32: stream.crc, compressedSize: stream.compressedSize, size: stream.size)
        try write(PreparedZipEntry.localHeader(name: name, method: 8, crc32: stream.crc, compressedSize: stream.compressedSize, size: stream.size))
        try stream.forEachPiece { try write($0) }
    }

    /// Writes the central directory and the end records, and closes the file.
    func finish() throws {
        let centralOffset = offset
        try central.forEachPiece { try write($0) }
        let centralSize = offset - centralOffset
        guard offset < 0xFFFF_FFFF else { throw MergeError.io(path: path, message: "the combined document would pass 4 GiB; combine fewer letters at a time") }
        var end: [UInt8] = []
        if entries > 0xFFFF {
            let zip64End = offset
            ZipWriter.append32(0x0606_4b50, to: &end)
            ZipWriter.append64(44, to: &end)
            ZipWriter.append16(45, to: &end)
            ZipWriter.append16(45, to: &end)
            ZipWriter.append32(0, to: &end)
            ZipWriter.append32(0, to: &end)
            ZipWriter.append64(UInt64(entries), to: &end)
            ZipWriter.append64(UInt64(entries), to: &end)
            ZipWriter.append64(UInt64(centralSize), to: &end)
            ZipWriter.append64(UInt64(centralOffset), to: &end)
            ZipWriter.append32(0x0706_4b50, to: &end)
            ZipWriter.append32(0, to: &end)
            ZipWriter.append64(UInt64(zip64End), to: &end)
            ZipWriter.append32(1, to: &end)
        }
        let count = UInt16(min(entries, 0xFFFF))
        ZipWriter.append32(0x0605_4b50, to: &end)
        ZipWriter.append16(0, to: &end)
        ZipWriter.append16(0, to: &end)
        ZipWriter.append16(count, to: &end)
        ZipWriter.append16(count, to: &end)
        ZipWriter.append32(UInt32(centralSize), to: &end)
        ZipWriter.append32(UInt32(centralOffset), to: &end)
        ZipWriter.append16(0, to: &end)
        try write(end)
        try flush()
    }

    private func record(name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int, size: Int) throws {
        guard offset < 0xFFFF_FFFF else { throw MergeError.io(path: path, message: "the combined document would pass 4 GiB; combine fewer letters at a time") }
        var entry: [UInt8] = []
        ZipWriter.appendCentralRecord(to: &entry, name: name, method: method, crc32: crc32, compressedSize: compressedSize,
                                      size: size, offset: offset)
        try central.append(entry)
        entries += 1
    }

    private func write<Bytes: Collection>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        offset += bytes.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        offset += bytes.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        var done = 0
        try buffer.withUnsafeBytes { raw in
            while done < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + done, raw.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw MergeError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
                }
                done += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A zip entry's local record (header and data), made on a rendering thread.
struct PreparedZipEntry: Sendable {
    let name: [UInt8]
    let method: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let size: Int
    let record: [UInt8]

    init(name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int, size: Int, record: [UInt8]) {
        self.name = name
        self.method = method
        self.crc32 = crc32
        self.compressedSize = compressedSize
        self.size = size
        self.record = record
    }

    init(name: String, content: [UInt8], deflater: Deflater?) {
        self.name = Array(name.utf8)
        crc32 = content.withUnsafeBytes { Checksum.crc32($0) }
        size = content.count
        var data: [UInt8] = []
        if let deflater {
            method = 8
            content.withUnsafeBytes { _ = deflater.compress($0, appendingTo: &data) }
        } else {
            method = 0
            data = content
        }
        compressedSize = data.count
        record = Self.localHeader(name: self.name, method: method, crc32: crc32, compressedSize: compressedSize, size: size) + data
    }

    static func localHeader(name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int, size: Int) -> [UInt8] {
        var out: [UInt8] = []
        ZipWriter.appendLocalHeader(to: &out, name: name, method: method, crc32: crc32, compressedSize: compressedSize, size: size)
        return out
    }
}
