internal import CZip

/// One entry of a template's zip archive, as its central directory describes it.
struct ArchiveEntry: Sendable {
    let index: Int
    let name: String
    let size: Int
    let compressedSize: Int
    let crc32: UInt32
    let method: UInt16
}

/// A template `.docx` opened with libzip, read-only. Owns the `zip_t` and closes it.
///
/// Limits are enforced before anything is inflated: at most `maximumEntries` entries, no entry
/// declaring more than `maximumPartSize`, and inflating stops at `maximumPartSize` whatever the
/// header declared. Every entry then passes `PackageInspection` before the archive is handed out.
final class TemplateArchive {
    static let maximumEntries = 10_000
    static let maximumPartSize = 256 << 20

    let file: String
    let entries: [ArchiveEntry]
    private let archive: OpaquePointer
    /// The bytes a memory-backed archive reads from; libzip does not copy them.
    private let backing: UnsafeMutableRawBufferPointer?
    /// XML parts as the package check inflated them, by entry index: the compiler reads the very
    /// bytes that were checked, without inflating them again. At most `keptLimit` bytes in all.
    private var kept: [Int: [UInt8]] = [:]
    private var keptBytes = 0
    static let keptLimit = 16 << 20

    /// Opens the template at `path`.
    convenience init(path: String) throws {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else {
            if code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ {
                throw MergeError.io(path: path, message: "cannot open file (\(Self.message(code: code)))")
            }
            throw MergeError.notAZip(file: path, reason: Self.message(code: code))
        }
        try self.init(file: path, archive: archive, backing: nil)
    }

    /// Opens a template held in memory (a document stored in the database); `name` is used in errors.
    convenience init(bytes: [UInt8], name: String) throws {
        let backing = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { backing.copyMemory(from: $0) }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(backing.baseAddress, UInt64(bytes.count), 0, &error) else {
            backing.deallocate()
            throw MergeError.notAZip(file: name, reason: String(cString: zip_error_strerror(&error)))
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            backing.deallocate()
            throw MergeError.notAZip(file: name, reason: String(cString: zip_error_strerror(&error)))
        }
        try self.init(file: name, archive: archive, backing: backing)
    }

    private init(file: String, archive: OpaquePointer, backing: UnsafeMutableRawBufferPointer?) throws {
        self.file = file
        self.archive = archive
        self.backing = backing
        do {
            entries = try Self.readEntries(archive, file: file)
        } catch {
            zip_discard(archive)
            backing?.deallocate()
            throw error
        }
        try PackageInspection(archive: self).run()
    }

    deinit {
        zip_discard(archive)
        backing?.deallocate()
    }

    private static func readEntries(_ archive: OpaquePointer, file: String) throws -> [ArchiveEntry] {
        let count = Int(zip_get_num_entries(archive, 0))
        guard count <= maximumEntries else { throw MergeError.tooManyEntries(file: file, count: count, limit: maximumEntries) }
        var entries: [ArchiveEntry] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            guard zip_stat_index(archive, UInt64(index), 0, &stat) == 0, let name = stat.name else {
                throw MergeError.notAZip(file: file, reason: "entry \(index + 1) is unreadable")
            }
            let entryName = String(cString: name)
            if stat.encryption_method != 0 {
                throw MergeError.unreadableEntry(file: file, part: entryName, reason: "the entry is encrypted")
            }
            if stat.size > UInt64(maximumPartSize) {
                throw MergeError.partTooLarge(file: file, part: entryName, limit: maximumPartSize)
            }
            entries.append(ArchiveEntry(
                index: index, name: entryName, size: Int(clamping: stat.size), compressedSize: Int(clamping: stat.comp_size),
                crc32: stat.crc, method: stat.comp_method))
        }
        return entries
    }

    /// The entry named `name`, if any.
    func entry(named name: String) -> ArchiveEntry? { entries.first { $0.name == name } }

    /// Whether the inflated bytes of an entry declaring `size` bytes can still be kept.
    func canKeep(size: Int) -> Bool { keptBytes + size <= Self.keptLimit }

    /// Keeps `bytes`, the checked content of `entry`, for `contents(of:)`.
    func keep(_ bytes: [UInt8], of entry: ArchiveEntry) {
        guard canKeep(size: bytes.count) else { return }
        kept[entry.index] = bytes
        keptBytes += bytes.count
    }

    /// The entry's content, inflated; refused before inflating when it declares more than the limit.
    func contents(of entry: ArchiveEntry) throws -> [UInt8] {
        if let bytes = kept[entry.index] { return bytes }
        guard entry.size <= Self.maximumPartSize else {
            throw MergeError.partTooLarge(file: file, part: entry.name, limit: Self.maximumPartSize)
        }
        return try read(entry, flags: 0, expected: entry.size)
    }

    /// The entry's bytes as stored in the archive (still compressed), to copy into each letter.
    func storedBytes(of entry: ArchiveEntry) throws -> [UInt8] {
        try read(entry, flags: zip_flags_t(ZIP_FL_COMPRESSED), expected: entry.compressedSize)
    }

    /// Inflates the entry a chunk at a time, handing each chunk to `body`; stops with an error past
    /// the size limit.
    func stream(_ entry: ArchiveEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let handle = zip_fopen_index(archive, UInt64(entry.index), 0) else {
            throw MergeError.unreadableEntry(file: file, part: entry.name, reason: String(cString: zip_strerror(archive)))
        }
        defer { zip_fclose(handle) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        var total = 0
        while true {
            let read = zip_fread(handle, chunk.baseAddress, UInt64(chunk.count))
            if read < 0 {
                if zip_error_code_zip(zip_file_get_error(handle)) == ZIP_ER_CRC {
                    throw MergeError.entryRefused(file: file, part: entry.name, reason: PackageInspection.crcMismatch)
                }
                throw MergeError.unreadableEntry(file: file, part: entry.name, reason: String(cString: zip_file_strerror(handle)))
            }
            if read == 0 { return }
            total += Int(read)
            if total > Self.maximumPartSize {
                throw MergeError.partTooLarge(file: file, part: entry.name, limit: Self.maximumPartSize)
            }
            try body(UnsafeRawBufferPointer(rebasing: chunk[0..<Int(read)]))
        }
    }

    private func read(_ entry: ArchiveEntry, flags: zip_flags_t, expected: Int) throws -> [UInt8] {
        guard let handle = zip_fopen_index(archive, UInt64(entry.index), flags) else {
            throw MergeError.unreadableEntry(file: file, part: entry.name, reason: String(cString: zip_strerror(archive)))
        }
        defer { zip_fclose(handle) }
        // Read into a growing buffer, and stop one byte past the limit.
        var capacity = min(max(expected, 1 << 12), Self.maximumPartSize) + 1
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
        defer { buffer.deallocate() }
        var filled = 0
        while true {
            if filled == capacity {
                guard capacity <= Self.maximumPartSize else {
                    throw MergeError.partTooLarge(file: file, part: entry.name, limit: Self.maximumPartSize)
                }
                let grown = min(capacity * 2, Self.maximumPartSize + 1)
                let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 1)
                larger.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = larger
                capacity = grown
            }
            let read = zip_fread(handle, buffer + filled, UInt64(capacity - filled))
            if read < 0 {
                throw MergeError.unreadableEntry(file: file, part: entry.name, reason: String(cString: zip_file_strerror(handle)))
            }
            if read == 0 { break }
            filled += Int(read)
        }
        if filled > Self.maximumPartSize {
            throw MergeError.partTooLarge(file: file, part: entry.name, limit: Self.maximumPartSize)
        }
        return Array(UnsafeRawBufferPointer(start: buffer, count: filled))
    }

    private static func message(code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return String(cString: zip_error_strerror(&error))
    }
}
