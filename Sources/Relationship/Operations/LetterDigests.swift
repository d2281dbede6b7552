import DocxMerge

/// The SHA-256 of each letter of a `segment log`, filled in by the rendering threads (each index by
/// one thread); the logging transaction reads a batch's back once every letter of the batch is
/// written, while the threads fill in the next batch's. Up to
/// `memoryLimit` letters they are kept in memory (32 bytes a letter); past that in a `ScratchFile`,
/// so memory stays flat however many letters a run writes.
public final class LetterDigests: @unchecked Sendable {
    private static let size = 32
    /// How many letters' digests are kept in memory (4 MB).
    public static let memoryLimit = 131_072
    /// Where the digests are: in memory (each thread writes its own letters' 32 bytes, and a batch's
    /// are read only after its threads are done with it), or in a file.
    private enum Storage {
        case memory(UnsafeMutableRawBufferPointer)
        case file(ScratchFile)
    }

    private let storage: Storage
    public let count: Int

    /// - Parameter memoryLimit: how many letters' digests may be kept in memory.
    /// - Throws: `MergeError.io` when no temporary file can be made.
    public init(count: Int, memoryLimit: Int = LetterDigests.memoryLimit) throws {
        self.count = count
        if count <= memoryLimit {
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, count) * Self.size, alignment: 8)
            memory.initializeMemory(as: UInt8.self, repeating: 0)
            storage = .memory(memory)
        } else {
            storage = .file(try ScratchFile())
        }
    }

    deinit { if case let .memory(memory) = storage { memory.deallocate() } }

    func set(_ index: Int, _ digest: [UInt8]) throws {
        precondition(digest.count == Self.size && index < count, "a SHA-256 for one of the letters")
        switch storage {
        case let .memory(memory):
            digest.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: memory[(index * Self.size)...]).copyMemory(from: $0) }
        case let .file(file):
            try digest.withUnsafeBytes { try file.write($0, at: index * Self.size) }
        }
    }

    /// The digests of letters `first` to `first + count - 1`, each as 64 lower-case hex digits, read
    /// in one go.
    public func hex(from first: Int, count: Int) throws -> [String] {
        var digests = [UInt8](repeating: 0, count: count * Self.size)
        try digests.withUnsafeMutableBytes { buffer in
            switch storage {
            case let .memory(memory):
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: memory[(first * Self.size)..<((first + count) * Self.size)]))
            case let .file(file):
                try file.read(into: buffer, at: first * Self.size)
            }
        }
        return (0..<count).map { SHA256.hexDigits(digests[($0 * Self.size)..<(($0 + 1) * Self.size)]) }
    }
}
