internal import CLibDeflate

/// A raw-deflate compressor (libdeflate), reused from one letter to the next. Not Sendable: each
/// rendering thread owns one.
final class Deflater {
    let level: Int
    private let compressor: OpaquePointer
    /// Where libdeflate writes, reused and grown as needed.
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int

    /// `level` is 1 (fastest) … 9 (smallest), as zlib counts; 6 is the default.
    init(level: Int) {
        self.level = level
        guard let compressor = libdeflate_alloc_compressor(Int32(max(1, min(12, level)))) else {
            fatalError("libdeflate could not allocate a compressor (out of memory)")
        }
        self.compressor = compressor
        capacity = 1 << 16
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        libdeflate_free_compressor(compressor)
        buffer.deallocate()
    }

    /// Compresses `input` and appends the raw deflate stream to `output`; returns the compressed size.
    @discardableResult
    func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) -> Int {
        let bound = libdeflate_deflate_compress_bound(compressor, input.count)
        if bound > capacity {
            buffer.deallocate()
            capacity = bound
            buffer = UnsafeMutableRawPointer.allocate(byteCount: bound, alignment: 16)
        }
        let written = libdeflate_deflate_compress(compressor, input.baseAddress, input.count, buffer, bound)
        precondition(written > 0 || input.isEmpty, "libdeflate output exceeded its own bound")
        output.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: written))
        return written
    }
}

/// CRC-32 as zip entries need it.
enum Checksum {
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(libdeflate_crc32(0, bytes.baseAddress, bytes.count))
    }
}
