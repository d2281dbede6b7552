internal import CZlib

/// A raw-deflate compressor (zlib, no header), reused from one letter to the next. Not Sendable: each
/// rendering thread owns one.
final class Deflater {
    let level: Int32
    private var stream = z_stream()
    /// Where deflate writes, reused and grown as needed.
    private var buffer = UnsafeMutablePointer<Bytef>.allocate(capacity: 1 << 16)
    private var capacity = 1 << 16

    /// `level` is zlib's 0 (store) … 9 (smallest); 6 is zlib's default.
    init(level: Int) {
        self.level = Int32(level)
        let status = czlib_deflate_init_raw(&stream, self.level)
        precondition(status == Z_OK, "zlib deflateInit2 failed: \(status)")
    }

    deinit {
        deflateEnd(&stream)
        buffer.deallocate()
    }

    /// Compresses `input` and appends the raw deflate stream to `output`; returns the compressed size.
    @discardableResult
    func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) -> Int {
        deflateReset(&stream)
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        if bound > capacity {
            buffer.deallocate()
            capacity = bound
            buffer = UnsafeMutablePointer<Bytef>.allocate(capacity: bound)
        }
        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = buffer
        stream.avail_out = uInt(bound)
        let status = deflate(&stream, Z_FINISH)
        precondition(status == Z_STREAM_END, "zlib deflate did not finish within deflateBound: \(status)")
        let written = bound - Int(stream.avail_out)
        output.append(contentsOf: UnsafeBufferPointer(start: buffer, count: written))
        return written
    }
}

/// CRC-32 as zip entries need it.
enum Checksum {
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return UInt32(CZlib.crc32(0, base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }
}
