#if canImport(Glibc)
import Glibc
#endif

/// A temporary file without a name: created in `$TMPDIR` (or `/tmp` when that fails) and unlinked at
/// once, so it goes away when closed or when the process dies. A run keeps here what grows with the
/// number of records (file names used, letters' digests), so its memory stays flat. Reads and
/// writes are positioned, so several threads may write different ranges at once.
public final class ScratchFile: @unchecked Sendable {
    private let descriptor: Int32
    /// Where the file was made, for messages.
    private let folder: String

    /// - Throws: `MergeError.io` when no temporary file can be made.
    public init() throws {
        let environment = getenv("TMPDIR").flatMap { String(validatingCString: $0) } ?? ""
        var folders = environment.isEmpty ? [] : [environment]
        if !folders.contains("/tmp") { folders.append("/tmp") }
        var made: (descriptor: Int32, folder: String)?
        var reason = ""
        for folder in folders {
            var template = Array((folder + "/.lettershop-scratch-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if descriptor >= 0 {
                template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                made = (descriptor, folder)
                break
            }
            if reason.isEmpty { reason = String(cString: strerror(errno)) }
        }
        guard let made else {
            throw MergeError.io(path: folders[0], message: "cannot make a temporary file: \(reason)")
        }
        descriptor = made.descriptor
        folder = made.folder
    }

    deinit { close(descriptor) }

    /// Sets the file's size; new bytes read as zeros.
    public func resize(to size: Int) throws {
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw failure("cannot grow the temporary file") }
    }

    /// Fills `buffer` from `offset`; bytes past the end of the file read as zeros.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        let done = try transfer(buffer.count, "cannot read the temporary file") { done in
            pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
        }
        (buffer.baseAddress! + done).initializeMemory(as: UInt8.self, repeating: 0, count: buffer.count - done)
    }

    /// Writes `bytes` at `offset`, growing the file when needed.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        let done = try transfer(bytes.count, "cannot write the temporary file") { done in
            pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        }
        guard done == bytes.count else {
            throw MergeError.io(path: folder, message: "cannot write the temporary file: nothing was written")
        }
    }

    /// Calls `step` with the bytes done so far until `count` are done or it reports the end of the
    /// file (0), trying again when interrupted. - Returns: the bytes done.
    private func transfer(_ count: Int, _ what: String, _ step: (Int) -> Int) throws -> Int {
        var done = 0
        while done < count {
            let result = step(done)
            if result < 0 {
                if errno == EINTR { continue }
                throw failure(what)
            }
            if result == 0 { break }
            done += result
        }
        return done
    }

    private func failure(_ what: String) -> MergeError {
        MergeError.io(path: folder, message: "\(what): \(String(cString: strerror(errno)))")
    }
}
