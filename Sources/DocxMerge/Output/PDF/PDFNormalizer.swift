#if canImport(Glibc)
import Glibc
#endif

/// Makes LibreOffice's PDF of a document the same bytes every time: the only parts that change
/// from one conversion to the next are the creation time (`/CreationDate`), the file identifier
/// (`/ID`) and `/DocChecksum`, which are overwritten in place, byte for byte the same length, so
/// every offset in the file stays right: the date becomes 1980-01-01 and the identifier and
/// checksum a digest of the rest of the file. The same LibreOffice version and fonts then give the
/// same PDF.
public enum PDFNormalizer {
    static let fixedDate = Array("19800101000000".utf8)

    /// Rewrites the PDF at `path`.
    public static func normalize(_ path: String) throws {
        var bytes = try Folder.readFile(path)
        normalize(&bytes)
        try Folder.replaceFile(at: path, bytes: bytes)
    }

    /// Rewrites a PDF held in memory.
    public static func normalize(_ bytes: inout [UInt8]) {
        var hexFields: [Range<Int>] = []
        for start in occurrences(of: "/CreationDate(D:", in: bytes) {
            let digits = start..<min(bytes.count, start + fixedDate.count)
            if digits.count == fixedDate.count, bytes[digits].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                bytes.replaceSubrange(digits, with: fixedDate)
            }
        }
        for start in occurrences(of: "/ID [", in: bytes) {
            var index = start
            for _ in 0..<2 {
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? index
                if index < end { hexFields.append((index + 1)..<end) }
                index = end + 1
            }
        }
        for start in occurrences(of: "/DocChecksum /", in: bytes) {
            var end = start
            while end < bytes.count, isHex(bytes[end]) { end += 1 }
            if end > start { hexFields.append(start..<end) }
        }
        for field in hexFields { for index in field { bytes[index] = UInt8(ascii: "0") } }
        let digest = self.digest(bytes)
        for field in hexFields {
            for (offset, index) in field.enumerated() { bytes[index] = digest[offset % digest.count] }
        }
    }

    /// 32 hex digits from four CRC-32s of the bytes, each seeded differently.
    private static func digest(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        for seed: UInt32 in [0, 0x9E37_79B9, 0x85EB_CA6B, 0xC2B2_AE35] {
            var value = bytes.withUnsafeBytes { StreamChecksum.crc32($0, continuing: seed) }
            for _ in 0..<8 {
                result.append(hex[Int(value >> 28)])
                value <<= 4
            }
        }
        return result
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// Where each occurrence of `text` ends.
    private static func occurrences(of text: String, in bytes: [UInt8]) -> [Int] {
        let pattern = Array(text.utf8)
        guard bytes.count >= pattern.count else { return [] }
        var result: [Int] = []
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                result.append(index + pattern.count)
                index += pattern.count
            } else {
                index += 1
            }
        }
        return result
    }
}
