#if canImport(Glibc)
import Glibc
#endif

/// A file told by what it is (device and inode), not by the path that reached it: a link, `..`
/// or a second hard link reach the same file.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The identity of the file at `path` (links followed), nil when nothing is there.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The identity of the entry at `path` itself (a link is not followed), nil when nothing is there.
    public init?(entryAt path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// A file a command reads and must never write over (the template, the data file, the database),
/// with the words that name it in a message.
public struct ProtectedInput: Sendable {
    public let path: String
    /// `the template`, `the data file`, `the database`.
    public let role: String
    let identity: FileIdentity?

    public init(path: String, role: String) {
        self.path = path
        self.role = role
        identity = FileIdentity(path: path)
    }

    /// The first of `inputs` that the file at `path` is (followed or not), if any.
    public static func match(_ path: String, in inputs: [ProtectedInput]) -> ProtectedInput? {
        let candidates = [FileIdentity(path: path), FileIdentity(entryAt: path)].compactMap { $0 }
        guard !candidates.isEmpty else { return nil }
        return inputs.first { input in input.identity.map(candidates.contains) ?? false }
    }
}
