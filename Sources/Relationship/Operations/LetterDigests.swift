import DocxMerge

/// The SHA-256 of each letter of a `segment log`, filled in by the rendering threads (each index by
/// one thread) and kept in a `ScratchFile`, not in memory, until the logging transaction reads them
/// back a batch at a time.
public final class LetterDigests: Sendable {
    private static let size = 32
    private let file: ScratchFile
    public let count: Int

    /// - Throws: `MergeError.io` when no temporary file can be made.
    public init(count: Int) throws {
        self.count = count
        file = try ScratchFile()
    }

    func set(_ index: Int, _ digest: [UInt8]) throws {
        precondition(digest.count == Self.size && index < count, "a SHA-256 for one of the letters")
        try digest.withUnsafeBytes { try file.write($0, at: index * Self.size) }
    }

    /// The digests of letters `first` to `first + count - 1`, each as 64 lower-case hex digits, read
    /// in one go.
    public func hex(from first: Int, count: Int) throws -> [String] {
        var digests = [UInt8](repeating: 0, count: count * Self.size)
        try digests.withUnsafeMutableBytes { try file.read(into: $0, at: first * Self.size) }
        return (0..<count).map { SHA256.hexDigits(digests[($0 * Self.size)..<(($0 + 1) * Self.size)]) }
    }
}
