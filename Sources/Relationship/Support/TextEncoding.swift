#if canImport(Glibc)
import Glibc
#endif

/// The encodings a contacts file may come in besides UTF-8, converted to UTF-8 with the C library's
/// iconv (no other library).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"
    case utf16 = "utf-16"

    /// iconv's name of the encoding.
    private var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .windows1252: return "WINDOWS-1252"
        case .iso88591: return "ISO-8859-1"
        case .utf16: return "UTF-16"
        }
    }

    /// `bytes` as UTF-8. UTF-16 without a byte order mark is read as little-endian (what Windows writes).
    /// - Throws: `RelationshipError.problems` naming the line and byte where the bytes are not text
    ///   in this encoding.
    public func utf8(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        if self == .utf8 || bytes.isEmpty { return bytes }
        var source = iconvName
        if self == .utf16, bytes.count >= 2, !(bytes[0] == 0xFF && bytes[1] == 0xFE), !(bytes[0] == 0xFE && bytes[1] == 0xFF) {
            source = "UTF-16LE"
        }
        let converter = iconv_open("UTF-8", source)
        guard converter != iconv_t(bitPattern: -1) else {
            throw RelationshipError.problems(["\(name): this system cannot convert from \(rawValue)"])
        }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var input = bytes
        let (left, failed) = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int?) in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                let failedAt = result == -1 ? inBuffer.count - inLeft : nil
                return (outBuffer.count - outLeft, failedAt)
            }
        }
        if let failed {
            let line = bytes[..<failed].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw RelationshipError.problems([
                "\(name):\(line): byte \(failed + 1) of the file (0x\(String(bytes[failed], radix: 16, uppercase: true))) is not \(rawValue) text",
            ])
        }
        var converted = Array(output[..<left])
        // A byte order mark carried over starts the UTF-8 text; the reader skips it.
        if converted.starts(with: [0xEF, 0xBB, 0xBF]) { converted.removeFirst(3) }
        return converted
    }

    /// Where `bytes` stop being UTF-8: the line (from 1), the byte's offset in the file (from 1) and
    /// its value; nil when they are UTF-8.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, offset: Int, byte: UInt8)? {
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A { line += 1 }
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            guard length > 0, index + length <= bytes.count,
                  String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil else {
                return (line, index + 1, byte)
            }
            index += length
        }
        return nil
    }
}
