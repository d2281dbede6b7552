#if canImport(Glibc)
import Glibc
#endif

/// Reading a file's bytes, all of them or the first ones.
enum FileContents {
    /// Up to `limit` bytes from the start of the file at `path`.
    /// - Throws: `RelationshipError.problems` naming the file and the reason.
    static func read(_ path: String, limit: Int = .max) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RelationshipError.problems(["\(path): cannot read file: \(String(cString: strerror(errno)))"]) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RelationshipError.problems(["\(path): cannot read file: \(String(cString: strerror(errno)))"])
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<min(count, limit - bytes.count)])
        }
        return bytes
    }

    /// The size in bytes of the file at `path`, or nil when it cannot be read.
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
