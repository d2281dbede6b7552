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
    private let inputs: [ProtectedInput]
    private var finished = false
    /// The staging folder's registration, removed if a signal ends the process.
    private var interruptionToken: Int?

    /// Checks the destination (it must not exist or be empty, unless `force`) and creates the
    /// staging folder beside it. `inputs` are files the run reads: a document that would replace
    /// one of them (by identity, not path, so links and `..` do not hide it) is refused, even with
    /// `force`, and nothing is written.
    public init(destination: String, force: Bool = false, protecting inputs: [ProtectedInput] = []) throws {
        var path = destination
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.destination = path
        self.force = force
        self.inputs = inputs
        if let input = ProtectedInput.match(path, in: inputs) {
            throw MergeError.io(path: path, message: "is \(input.role) (\(input.path)); an input is never an output")
        }
        let state = Folder.state(of: path)
        switch state {
        case .missing, .empty: break
        case .notAFolder: throw MergeError.io(path: path, message: "exists and is not a folder")
        case .notEmpty where !force:
            throw MergeError.io(path: path, message: "the folder is not empty (use --force to write into it)")
        case .notEmpty: break
        }
        let parent = Folder.parent(of: path)
        guard Folder.state(of: parent) != .missing else {
            throw MergeError.io(path: parent, message: "no such folder")
        }
        staging = parent + "/." + Folder.baseName(of: path) + ".staging-\(getpid())"
        Folder.removeTree(staging)
        Self.removeAbandonedStagings(in: parent, of: Folder.baseName(of: path))
        interruptionToken = Interruption.register(folder: staging)
        guard mkdir(staging, 0o755) == 0 else {
            let reason = String(cString: strerror(errno))
            interruptionToken.map(Interruption.unregister)
            throw MergeError.io(path: staging, message: "cannot create folder: \(reason)")
        }
    }

    deinit {
        if !finished { Folder.removeTree(staging) }
        interruptionToken.map(Interruption.unregister)
    }

    /// Writes one document into the staging folder in one write. `name` must be a plain file name.
    public func write(name: String, bytes: [UInt8]) throws {
        precondition(!name.contains("/") && name != "." && name != "..", "unsafe file name")
        try Interruption.check()
        try Folder.createFile(at: staging + "/" + name, bytes: bytes)
    }

    /// Runs `body`, which writes the documents, then moves them into place; on any error nothing
    /// reaches the destination and the error is rethrown.
    public func fill<T>(_ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            discard()
            throw error
        }
    }

    /// Moves the documents into the destination, then runs `alongside` (what is published with
    /// them: a combined document moved into place); a signal that came before is obeyed (nothing
    /// moved), one that comes during waits for both to end.
    public func commit(alongside: () throws -> Void = {}) throws {
        try Interruption.critical {
            try Interruption.check()
            try moveIntoPlace()
            try alongside()
        }
    }

    private func moveIntoPlace() throws {
        defer { finished = true }
        switch Folder.state(of: destination) {
        case .missing:
            guard rename(staging, destination) == 0 else { throw moveError() }
        case .empty:
            guard rmdir(destination) == 0, rename(staging, destination) == 0 else { throw moveError() }
        case .notEmpty where force:
            let names = Folder.entries(of: staging)
            // Check every target first, so a name that cannot be replaced changes nothing.
            for name in names where Folder.state(of: destination + "/" + name) != .missing {
                if let input = ProtectedInput.match(destination + "/" + name, in: inputs) {
                    Folder.removeTree(staging)
                    throw MergeError.io(path: destination + "/" + name,
                                        message: "is \(input.role) (\(input.path)); an input is never replaced, nothing written")
                }
                var info = stat()
                guard lstat(destination + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    Folder.removeTree(staging)
                    throw MergeError.io(path: destination + "/" + name, message: "exists and is not a file; nothing written")
                }
            }
            for name in names {
                guard rename(staging + "/" + name, destination + "/" + name) == 0 else { throw moveError() }
            }
            Folder.removeTree(staging)
        default:
            Folder.removeTree(staging)
            throw MergeError.io(path: destination, message: "was changed by someone else during the merge; nothing written")
        }
    }

    /// Removes the staging folder and everything in it.
    public func discard() {
        finished = true
        Folder.removeTree(staging)
    }

    /// Removes the staging folders of `name` that killed merges left in `parent`
    /// (`.<name>.staging-<pid>` whose process no longer exists).
    private static func removeAbandonedStagings(in parent: String, of name: String) {
        let prefix = "." + name + ".staging-"
        for entry in Folder.entries(of: parent, prefix: prefix) {
            guard let pid = pid_t(String(decoding: entry.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { Folder.removeTree(parent + "/" + entry) }
        }
    }

    private func moveError() -> MergeError {
        let message = String(cString: strerror(errno))
        Folder.removeTree(staging)
        return MergeError.io(path: destination, message: "cannot move the documents into place: \(message)")
    }
}
