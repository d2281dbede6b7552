/// Bytes appended to a `ScratchFile`, through a buffer, then copied out in order: what a combined
/// document gathers letter by letter (its central directory, its streamed parts) without holding it
/// in memory.
final class SpoolFile {
    private let file: ScratchFile
    private var buffer: [UInt8] = []
    private(set) var count = 0
    private var flushed = 0
    private static let bufferSize = 1 << 20

    init() throws { file = try ScratchFile() }

    func append<Bytes: Collection>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try file.write($0, at: flushed) }
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Hands every byte appended, in order, a piece at a time.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var offset = 0
        var piece = [UInt8](repeating: 0, count: Self.bufferSize)
        while offset < flushed {
            let size = min(piece.count, flushed - offset)
            try piece.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<size]), at: offset) }
            try piece.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
            offset += size
        }
        try buffer.withUnsafeBytes { try body($0) }
    }
}

/// One zip entry's data, compressed as it comes, with its CRC-32 and sizes: either from raw text
/// (deflated here, `text`) or from pieces deflated elsewhere and ended on a byte boundary, between
/// which raw bytes go as stored blocks (`pieces`).
final class DeflatedStream {
    let name: String
    private let spool: SpoolFile
    private let deflater: StreamDeflater?
    private(set) var crc: UInt32 = 0
    private(set) var size = 0
    private var scratch: [UInt8] = []
    private var finished = false

    /// `deflater`: nil for a stream of pieces deflated elsewhere.
    init(name: String, deflater: StreamDeflater?) throws {
        self.name = name
        spool = try SpoolFile()
        self.deflater = deflater
    }

    var compressedSize: Int { spool.count }

    /// Raw bytes: deflated here, or (a stream of pieces) written as stored blocks.
    func append(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        crc = bytes.withUnsafeBytes { StreamChecksum.crc32($0, continuing: crc) }
        size += bytes.count
        scratch.removeAll(keepingCapacity: true)
        if let deflater {
            bytes.withUnsafeBytes { deflater.compress($0, flush: .none, appendingTo: &scratch) }
        } else {
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 0xFFFF)
                let length = UInt16(end - start)
                scratch += [0, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
                scratch += bytes[start..<end]
                start = end
            }
        }
        try spool.append(scratch)
    }

    /// A piece deflated elsewhere (ending on a byte boundary, not final), with its CRC and size.
    func appendDeflated(_ piece: [UInt8], crc pieceCRC: UInt32, size pieceSize: Int) throws {
        precondition(deflater == nil, "deflated pieces go into a stream of pieces")
        crc = StreamChecksum.combine(crc, pieceCRC, lengthOfB: pieceSize)
        size += pieceSize
        try spool.append(piece)
    }

    /// Ends the deflate stream.
    func finish() throws {
        guard !finished else { return }
        finished = true
        if let deflater {
            scratch.removeAll(keepingCapacity: true)
            [UInt8]().withUnsafeBytes { deflater.compress($0, flush: .finish, appendingTo: &scratch) }
            try spool.append(scratch)
        } else {
            try spool.append([1, 0, 0, 0xFF, 0xFF] as [UInt8])  // an empty final stored block
        }
    }

    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws { try spool.forEachPiece(body) }
}
