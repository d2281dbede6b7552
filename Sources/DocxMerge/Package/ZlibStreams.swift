internal import CZlib

/// Raw deflate through zlib, for output that comes in pieces: libdeflate compresses whole buffers
/// only. Not Sendable: one owner at a time.
final class StreamDeflater {
    private var stream = z_stream()
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// `level` as zlib counts: 1 fastest … 9 smallest.
    init(level: Int) {
        let status = czlib_deflate_init_raw(&stream, Int32(max(1, min(9, level))))
        precondition(status == Z_OK, "zlib could not start a deflate stream (out of memory)")
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input` and appends what zlib gives to `output`. `flush`: `.none` to go on,
    /// `.sync` to end on a byte boundary (the output can be followed by other deflate blocks),
    /// `.finish` for the last piece.
    func compress(_ input: UnsafeRawBufferPointer, flush: Flush, appendingTo output: inout [UInt8]) {
        let mode: Int32 = switch flush {
        case .none: Z_NO_FLUSH
        case .sync: Z_SYNC_FLUSH
        case .finish: Z_FINISH
        }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        buffer.withUnsafeMutableBufferPointer { out in
            repeat {
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                let status = deflate(&stream, mode)
                precondition(status != Z_STREAM_ERROR, "zlib deflate stream state broken")
                output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
            } while stream.avail_out == 0 || stream.avail_in > 0
        }
    }

    /// Starts a new, independent stream, keeping the allocations.
    func reset() { deflateReset(&stream) }

    enum Flush { case none, sync, finish }
}

/// CRC-32 helpers zlib has and libdeflate lacks.
enum StreamChecksum {
    static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        return UInt32(CZlib.crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }

    /// The CRC-32 of `a` followed by `b`, from their CRCs and `b`'s length.
    static func combine(_ a: UInt32, _ b: UInt32, lengthOfB: Int) -> UInt32 {
        UInt32(crc32_combine(uLong(a), uLong(b), off_t(lengthOfB)))
    }

    /// What `combine(_:_:operator:)` needs to append `length` bytes: worked out once per piece.
    static func combineOperator(length: Int) -> UInt32 {
        UInt32(crc32_combine_gen(off_t(length)))
    }

    /// The CRC-32 of `a` followed by `b`, with `op` from `combineOperator(length:)` of `b`'s length.
    @inline(__always)
    static func combine(_ a: UInt32, _ b: UInt32, operator op: UInt32) -> UInt32 {
        UInt32(crc32_combine_op(uLong(a), uLong(b), uLong(op)))
    }
}

/// Inflates one raw-deflate zip entry whose size is known (a template part kept compressed).
enum RawInflater {
    /// - Throws: `MergeError.unreadableEntry` when the data does not inflate to `size` bytes.
    static func inflate(_ data: [UInt8], size: Int, file: String, part: String) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init_raw(&stream) == Z_OK else { throw MergeError.unreadableEntry(file: file, part: part, reason: "zlib could not start") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: size)
        let status: Int32 = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw MergeError.unreadableEntry(file: file, part: part, reason: "the compressed data does not inflate")
        }
        return output
    }
}
