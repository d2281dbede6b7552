#if canImport(Glibc)
import Glibc
#endif

/// Where a merge writes its documents: a staging folder beside the destination, moved into place
/// only when every document is written, so a failed merge leaves the destination as it was.
public final class OutputFolder: @unchecked Sendable {
    /// The folder the user asked for.
    public let destination: String
    /// The folder documents are written to until `commit()`.
    public let staging: String
    private let force: Bool
    private var finished = false

    /// Checks the destination (it must not exist or be empty, unless `force`) and creates the
    /// staging folder beside it.
    public init(destination: String, force: Bool = false) throws {
        var path = destination
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.destination = path
        self.force = force
        let state = Self.state(of: path)
        switch state {
        case .missing, .emptyDirectory: break
        case .notADirectory: throw MergeError.io(path: path, message: "exists and is not a folder")
        case .nonEmptyDirectory where !force:
            throw MergeError.io(path: path, message: "the folder is not empty (use --force to write into it)")
        case .nonEmptyDirectory: break
        }
        let parent = Self.parent(of: path)
        guard Self.state(of: parent) != .missing else {
            throw MergeError.io(path: parent, message: "no such folder")
        }
        staging = parent + "/." + Self.baseName(of: path) + ".staging-\(getpid())"
        Self.removeTree(staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw MergeError.io(path: staging, message: "cannot create folder: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if !finished { Self.removeTree(staging) }
    }

    /// Writes one document into the staging folder in one write. `name` must be a plain file name.
    public func write(name: String, bytes: [UInt8]) throws {
        precondition(!name.contains("/") && name != "." && name != "..", "unsafe file name")
        let path = staging + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw MergeError.io(path: path, message: "cannot create file: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw MergeError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Moves the documents into the destination.
    public func commit() throws {
        defer { finished = true }
        switch Self.state(of: destination) {
        case .missing:
            guard rename(staging, destination) == 0 else { throw moveError() }
        case .emptyDirectory:
            guard rmdir(destination) == 0, rename(staging, destination) == 0 else { throw moveError() }
        case .nonEmptyDirectory where force:
            let names = Self.entries(of: staging)
            // Check every target first, so a name that cannot be replaced changes nothing.
            for name in names where Self.state(of: destination + "/" + name) != .missing {
                var info = stat()
                guard lstat(destination + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    Self.removeTree(staging)
                    throw MergeError.io(path: destination + "/" + name, message: "exists and is not a file; nothing written")
                }
            }
            for name in names {
                guard rename(staging + "/" + name, destination + "/" + name) == 0 else { throw moveError() }
            }
            Self.removeTree(staging)
        default:
            Self.removeTree(staging)
            throw MergeError.io(path: destination, message: "was changed by someone else during the merge; nothing written")
        }
    }

    /// Removes the staging folder and everything in it.
    public func discard() {
        finished = true
        Self.removeTree(staging)
    }

    private func moveError() -> MergeError {
        let message = String(cString: strerror(errno))
        Self.removeTree(staging)
        return MergeError.io(path: destination, message: "cannot move the documents into place: \(message)")
    }

    // MARK: File system

    enum State { case missing, notADirectory, emptyDirectory, nonEmptyDirectory }

    static func state(of path: String) -> State {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return .notADirectory }
        return entries(of: path).isEmpty ? .emptyDirectory : .nonEmptyDirectory
    }

    static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Deletes a folder of plain files (the staging folder); does nothing if it is missing.
    static func removeTree(_ path: String) {
        for name in entries(of: path) { unlink(path + "/" + name) }
        rmdir(path)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
