import DocxMerge
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The file system side of logging: staging folders of plain files, moved into place in one
/// `rename` where possible. Messages name the path and the system's reason.
public enum LetterFolder {
    public typealias State = Folder.State

    public static func state(of path: String) -> State { Folder.state(of: path) }

    public static func entries(of path: String) -> [String] { Folder.entries(of: path) }

    /// `path` made absolute against the current folder (not resolving links), without a trailing slash.
    public static func absolute(_ path: String) -> String {
        var result = path
        if !result.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "."
            result = cwd + "/" + result
        }
        // Drop `.` parts and trailing slashes; `..` is kept as written.
        let parts = result.split(separator: "/").filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }

    public static func parent(of path: String) -> String { Folder.parent(of: path) }

    /// Creates a folder; true when it exists afterwards.
    @discardableResult
    public static func makeFolder(_ path: String) -> Bool {
        mkdir(path, 0o755) == 0 || state(of: path) == .empty || state(of: path) == .notEmpty
    }

    /// Deletes a folder of plain files; does nothing when it is missing.
    public static func removeTree(_ path: String) { Folder.removeTree(path) }

    /// Replaces (or creates) the file at `path` with `bytes`: written beside it, then renamed over it,
    /// so a reader sees the old file or the new one, never a mix.
    public static func replaceFile(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".tmp-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        do {
            try Folder.createFile(at: temporary, bytes: bytes)
        } catch let error as MergeError {
            unlink(temporary)
            throw RelationshipError.problems([error.description])
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RelationshipError.problems(["\(path): cannot replace the file (\(reason))"])
        }
    }

    /// True when `a` and `b` name the same folder: the same absolute path, or the same folder name
    /// in one parent folder reached by different paths (links, `..`).
    public static func isSameFolder(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard Folder.baseName(of: a) == Folder.baseName(of: b) else { return false }
        var first = stat(), second = stat()
        guard stat(parent(of: a), &first) == 0, stat(parent(of: b), &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Moves the files of `staging` into `destination`, never replacing a file: one `rename` of the
    /// folder when the destination is missing or empty, else file by file, each with `link` (which
    /// fails on a taken name) and `unlink`. When a name in the destination is taken, nothing is
    /// moved and the letters stay in `staging`; the error says where they are. Removes `staging`
    /// when done.
    /// The moved names are then synced to disk (the destination and its parent folder).
    public static func move(_ staging: String, to destination: String) throws {
        defer {
            try? Folder.sync(folder: destination)
            try? Folder.sync(folder: parent(of: destination))
        }
        switch state(of: destination) {
        case .missing:
            if rename(staging, destination) == 0 { return }
        case .empty:
            if rmdir(destination) == 0, rename(staging, destination) == 0 { return }
        case .notAFolder, .notEmpty:
            break
        }
        if state(of: destination) == .missing, mkdir(destination, 0o755) != 0 {
            throw RelationshipError.problems(["\(destination): cannot create folder (\(String(cString: strerror(errno)))); the letters are in \(staging)"])
        }
        if state(of: destination) == .notAFolder {
            throw RelationshipError.problems(["\(destination): exists and is not a folder; the letters are in \(staging)"])
        }
        let names = entries(of: staging)
        let taken = names.filter { exists(destination + "/" + $0) }
        if let first = taken.first {
            let others = taken.count == 1 ? "" : " and \(taken.count - 1) more"
            throw RelationshipError.problems([
                "\(destination)/\(first)\(others): exists already; nothing replaced, the letters are in \(staging)",
            ])
        }
        for name in names {
            let source = staging + "/" + name, target = destination + "/" + name
            if link(source, target) == 0 {
                unlink(source)
                continue
            }
            // Without hard links (some file systems), a rename of a name just checked to be free.
            let linkError = errno
            if linkError != EEXIST, !exists(target), rename(source, target) == 0 { continue }
            let reason = linkError == EEXIST ? "exists already; nothing replaced" : "cannot move the letter into place (\(String(cString: strerror(linkError))))"
            throw RelationshipError.problems(["\(target): \(reason); it and the letters not yet moved are in \(staging)"])
        }
        rmdir(staging)
    }

    /// True when something (a file, a folder, a dangling link) is at `path`.
    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}

/// A staging folder being filled by `segment log`: letters are written with `O_EXCL`, never
/// replacing a file; `sync()`, once every letter (and PDF) is written, makes the whole file system
/// durable with one `syncfs` and then the folder, so the letters are on disk before the log's
/// commit without a disk flush per letter. Stops at the next letter on a signal.
final class StagingFolder: LetterSink, @unchecked Sendable {
    let path: String
    private let written = Atomic<Int>(0)

    /// Creates the folder; it must not exist.
    init(path: String) throws {
        self.path = path
        guard mkdir(path, 0o755) == 0 else {
            throw RelationshipError.problems(["\(path): cannot create the staging folder (\(String(cString: strerror(errno))))"])
        }
    }

    func write(name: String, bytes: [UInt8]) throws {
        precondition(!name.contains("/") && name != "." && name != "..", "unsafe file name")
        try Interruption.check()
        do {
            try Folder.createFile(at: path + "/" + name, bytes: bytes)
        } catch let error as MergeError {
            throw RelationshipError.problems([error.description])
        }
        if written.add(1, ordering: .relaxed).newValue == 10 { CrashPoint.reach("writing") }
    }

    /// Makes the letters and the folder's names durable, once every letter is written.
    func sync() throws {
        do {
            try Folder.syncFileSystem(holding: path)
        } catch let error as MergeError {
            throw RelationshipError.problems([error.description])
        }
    }
}

/// Finishing what crashed `segment log` runs left: letters of a committed logged segment still in
/// their staging folder are moved into place, never replacing a file (when a name is taken they stay
/// in staging and the note says where); staging folders of runs that never committed are deleted.
/// Runs whose process is still alive are left alone.
public enum StagedLetters {
    /// - Returns: one line per folder dealt with, for whoever wants to tell the user.
    @discardableResult
    public static func recover(in store: any RelationshipStore) throws -> [String] {
        var notes: [String] = []
        for candidate in try store.stagings() where !candidate.owner.isAlive {
            // Claimed in a write transaction (one at a time): the record must still be there with its
            // dead owner, and becomes this process's, so a command starting at the same moment
            // leaves it alone. If this process dies in turn, the next command takes it over.
            let claimed: StagingRecord? = try store.transaction {
                guard let record = try store.stagings().first(where: { $0.id == candidate.id }),
                      record.owner == candidate.owner, !record.owner.isAlive else { return nil }
                try store.setStagingOwner(record.id, owner: ProcessIdentity.current)
                return record
            }
            guard let record = claimed else { continue }
            if record.committed {
                if LetterFolder.state(of: record.staging) != .missing {
                    do {
                        try LetterFolder.move(record.staging, to: record.destination)
                        notes.append("moved the letters of logged segment \(record.loggedSegmentNo ?? 0) into \(record.destination)")
                    } catch {
                        // Kept for the next command: moving them by hand (and removing the staging
                        // folder) ends the retries.
                        notes.append("the letters of logged segment \(record.loggedSegmentNo ?? 0) were not moved into place: \(error)")
                        continue
                    }
                }
            } else {
                LetterFolder.removeTree(record.staging)
                notes.append("removed \(record.staging), left by a log that did not finish")
            }
            try store.transaction { try store.deleteStaging(record.id) }
        }
        return notes
    }
}
