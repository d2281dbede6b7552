#if canImport(Glibc)
import Glibc
#endif

/// The few file-system facts the output folders need, read with POSIX calls.
public enum Folder {
    /// What is at a path.
    public enum State: Equatable, Sendable { case missing, notAFolder, empty, notEmpty }

    /// What is at `path`.
    public static func state(of path: String) -> State {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return .notAFolder }
        var empty = true
        forEachName(in: path) { _ in
            empty = false
            return false
        }
        return empty ? .empty : .notEmpty
    }

    /// The names in a folder (not `.` and `..`), sorted; empty when it cannot be read.
    public static func entries(of path: String) -> [String] {
        entries(of: path, prefix: "")
    }

    /// The names in a folder that start with `prefix`, sorted; empty when it cannot be read. The
    /// other names are skipped as bytes: a large folder (`/tmp`) costs a scan, not a sort.
    public static func entries(of path: String, prefix: String) -> [String] {
        let wanted = Array(prefix.utf8)
        var names: [String] = []
        forEachName(in: path) { name in
            if name.count >= wanted.count && name.starts(with: wanted) {
                names.append(String(decoding: name, as: UTF8.self))
            }
            return true
        }
        return names.sorted()
    }

    /// Calls `body` with each name in a folder (not `.` and `..`), as bytes, in directory order,
    /// until it returns false.
    private static func forEachName(in path: String, _ body: (UnsafeRawBufferPointer) -> Bool) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let more = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
                let name = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                if name.count == 1 && name[0] == UInt8(ascii: ".") { return true }
                if name.count == 2 && name[0] == UInt8(ascii: ".") && name[1] == UInt8(ascii: ".") { return true }
                return body(name)
            }
            if !more { return }
        }
    }

    /// Creates the file at `path` (it must not exist: `O_EXCL`) and writes `bytes` in one write.
    public static func createFile(at path: String, bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw MergeError.io(path: path, message: "cannot create file: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw MergeError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Makes the names in the folder at `path` durable (`fsync` of the folder): files created,
    /// renamed or removed in it survive a power cut.
    public static func sync(folder path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MergeError.io(path: path, message: "cannot open folder: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw MergeError.io(path: path, message: "cannot sync to disk: \(String(cString: strerror(errno)))")
        }
    }

    /// Makes everything written to the file system holding `path` durable (`syncfs`), then the
    /// folder's names (`fsync` of the folder): one call for a folder of many new files, where an
    /// `fsync` of each would cost a disk flush per file.
    public static func syncFileSystem(holding path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MergeError.io(path: path, message: "cannot open folder: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard linuxSyncfs(descriptor) == 0, fsync(descriptor) == 0 else {
            throw MergeError.io(path: path, message: "cannot sync to disk: \(String(cString: strerror(errno)))")
        }
    }

    /// The whole file at `path`.
    public static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw MergeError.io(path: path, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        guard ferror(file) == 0 else { throw MergeError.io(path: path, message: "cannot read") }
        return bytes
    }

    /// Writes `bytes` to a new file beside `path` and renames it over `path`.
    public static func replaceFile(at path: String, bytes: [UInt8]) throws {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            try createFile(at: temporary, bytes: bytes)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw MergeError.io(path: path, message: "cannot write: \(reason)")
        }
    }

    /// Deletes a folder of plain files (a staging folder); does nothing when it is missing.
    public static func removeTree(_ path: String) {
        for name in entries(of: path) { unlink(path + "/" + name) }
        rmdir(path)
    }

    /// Removes `path`: a file, or a folder with everything in it (links are removed, not followed);
    /// does nothing when it is missing.
    public static func removeAll(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in entries(of: path) { removeAll(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// The folder holding `path` (`.` for a bare name).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// glibc's `syncfs(2)`, which its headers declare only with `_GNU_SOURCE` (so Swift's Glibc module
/// leaves it out).
@_silgen_name("syncfs")
private func linuxSyncfs(_ descriptor: Int32) -> Int32
