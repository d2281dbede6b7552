#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem found while reading a CSV file: the file, the 1-based line and what is wrong.
///
/// `line` is 0 when the problem concerns the whole file (it cannot be read, it has no header row); the
/// description then leaves the line out. Messages name columns but never quote a value, so an error can be
/// printed or logged without leaking personal data.
public struct CSVError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file's path, or the name given to ``CSVReader/init(bytes:name:delimiter:)``.
    public let file: String
    /// The 1-based physical line the problem is on, or 0 for the whole file.
    public let line: Int
    /// What is wrong, in lower case without a final full stop (`expected 5 values, found 4`).
    public let message: String

    /// Makes an error for `file` at `line` (0 for the whole file).
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` when `line` is 0.
    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

/// One data row of a CSV file.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based physical line where the record starts (a quoted value may carry it over several lines).
    public let line: Int
    /// The values in column order, exactly as many as the header has names.
    public let values: [String]

    /// Makes a record starting at `line`.
    public init(line: Int, values: [String]) {
        self.line = line
        self.values = values
    }
}

/// Reads a CSV file (RFC 4180) record by record, without holding the file in memory.
///
/// The first record is the header; ``next()`` returns the data records after it. The rules:
/// - a UTF-8 byte order mark at the start is skipped; text must be UTF-8;
/// - records end with CRLF, LF or a lone CR; completely empty lines are skipped;
/// - a value in double quotes may hold the delimiter, quotes (written `""`) and line breaks, kept byte for byte;
/// - a quote inside an unquoted value is kept as it is; anything but a delimiter or line break after a
///   closing quote is an error, and so is a quoted value still open at the end of the file (reported at
///   the line where it opens);
/// - every record must have as many values as the header, whose names must be non-empty and distinct when
///   compared loosely (``FieldKey``).
///
/// ```swift
/// let reader = try CSVReader(path: "contacts.csv")
/// while let record = try reader.next() {
///     print(record.line, zip(reader.header, record.values))
/// }
/// ```
///
/// The file is read in 64 KiB chunks and the work is done on bytes, so memory stays flat however long the file
/// is. After a wrong value count or invalid UTF-8 reading may go on with the next record; after a quoting or
/// read error every further call throws the same error.
public final class CSVReader {
    /// The column names from the first record, in order.
    public let header: [String]
    /// The file's path, or the name given with the bytes; used in error messages.
    public let name: String
    /// The byte separating values (`,` unless told otherwise).
    public let delimiter: UInt8

    private let scanner: CSVScanner

    static let defaultChunkSize = 64 * 1024

    /// Opens a CSV file and reads its header row.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - delimiter: the byte separating values; see ``parseDelimiter(_:)``.
    /// - Throws: ``CSVError`` when the file cannot be read (`cannot read file: …`), is empty
    ///   (`no header row`), or its header is invalid.
    public convenience init(path: String, delimiter: UInt8 = UInt8(ascii: ",")) throws {
        try self.init(path: path, delimiter: delimiter, chunkSize: CSVReader.defaultChunkSize)
    }

    /// Reads CSV text held in memory, such as a file read elsewhere or a test's data.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - name: what to call the data in error messages.
    ///   - delimiter: the byte separating values.
    /// - Throws: ``CSVError`` when there is no header row or the header is invalid.
    public convenience init(bytes: [UInt8], name: String, delimiter: UInt8 = UInt8(ascii: ",")) throws {
        try self.init(bytes: bytes, name: name, delimiter: delimiter, chunkSize: CSVReader.defaultChunkSize)
    }

    /// Opens a file reading `chunkSize` bytes at a time (tests use tiny chunks to cross chunk boundaries).
    convenience init(path: String, delimiter: UInt8, chunkSize: Int) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            throw CSVError(file: path, line: 0, message: "cannot read file: \(reason)")
        }
        try self.init(source: .file(fd), name: path, delimiter: delimiter, chunkSize: chunkSize)
    }

    /// Reads bytes in memory `chunkSize` bytes at a time, as if they came from a file.
    convenience init(bytes: [UInt8], name: String, delimiter: UInt8, chunkSize: Int) throws {
        try self.init(source: .memory(bytes, 0), name: name, delimiter: delimiter, chunkSize: chunkSize)
    }

    private init(source: CSVScanner.Source, name: String, delimiter: UInt8, chunkSize: Int) throws {
        let scanner = CSVScanner(source: source, name: name, delimiter: delimiter, chunkSize: chunkSize)
        guard let row = try scanner.nextRow() else {
            throw CSVError(file: name, line: 0, message: "no header row")
        }
        var seen: [FieldKey: String] = [:]
        for (index, column) in row.values.enumerated() {
            let key = FieldKey(column)
            if key.normalized.isEmpty {
                throw CSVError(file: name, line: row.line, message: "column \(index + 1) of the header has no name")
            }
            if let first = seen[key] {
                throw CSVError(
                    file: name, line: row.line,
                    message: "columns '\(first)' and '\(column)' match the same field")
            }
            seen[key] = column
        }
        scanner.expectedCount = row.values.count
        self.scanner = scanner
        self.header = row.values
        self.name = name
        self.delimiter = delimiter
    }

    /// Reads the next data record.
    /// - Returns: the record, or `nil` at the end of the file.
    /// - Throws: ``CSVError`` naming the line: a record with more or fewer values than the header
    ///   (`expected 5 values, found 4`), invalid UTF-8, a broken quoted value, a read error.
    public func next() throws -> CSVRecord? {
        guard let row = try scanner.nextRow() else { return nil }
        if row.values.count != header.count {
            let expected = header.count == 1 ? "1 value" : "\(header.count) values"
            throw CSVError(file: name, line: row.line, message: "expected \(expected), found \(row.values.count)")
        }
        return CSVRecord(line: row.line, values: row.values)
    }

    /// How many records the file at `path` holds (for a progress line's total): a pass that reads
    /// every record and keeps none.
    public static func countRecords(path: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> Int {
        let reader = try CSVReader(path: path, delimiter: delimiter)
        var count = 0
        while try reader.next() != nil { count += 1 }
        return count
    }

    /// Reads a `--delimiter` argument: `tab` (any case) is a tab, and any single ASCII character other than a
    /// double quote, CR or LF is itself.
    /// - Returns: the delimiter byte, or `nil` when `text` is not a usable delimiter.
    public static func parseDelimiter(_ text: String) -> UInt8? {
        if text.lowercased() == "tab" { return 0x09 }
        let bytes = Array(text.utf8)
        guard bytes.count == 1, let byte = bytes.first, byte < 0x80 else { return nil }
        switch byte {
        case UInt8(ascii: "\""), 0x0A, 0x0D: return nil
        default: return byte
        }
    }
}

@available(*, unavailable)
extension CSVReader: Sendable {}

/// The byte-level state machine under ``CSVReader``: splits the input into rows of strings, counting lines.
///
/// Bytes arrive in chunks into one buffer; a value that straddles two chunks is carried over in `pending`.
/// Values that lie within one chunk (the usual case) become strings straight from the buffer.
final class CSVScanner {
    enum Source {
        case file(Int32)
        case memory([UInt8], Int)
        case exhausted
    }

    private enum State {
        /// At the start of a value (the start of a record when no value has been read yet).
        case fieldStart
        case unquoted
        case quoted
        /// Just after a quote inside a quoted value: either the closing quote or the first of `""`.
        case quoteSeen
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    let name: String
    let delimiter: UInt8
    /// The number of values a row should have (the header's); used to size arrays.
    var expectedCount = 8

    private var source: Source
    private let chunkSize: Int
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var pos = 0
    private var end = 0
    /// The physical line of the next byte.
    private var line = 1
    /// The last record ended with CR, so an LF right after it belongs to the same line break.
    private var skipLF = false
    /// The byte before the buffer's first one (the last of the previous chunk) was a CR.
    private var chunkFollowsCR = false
    private var bomChecked = false
    private var finished = false
    private var pending: [UInt8] = []
    private var stickyError: CSVError?

    init(source: Source, name: String, delimiter: UInt8, chunkSize: Int) {
        self.source = source
        self.name = name
        self.delimiter = delimiter
        self.chunkSize = max(1, chunkSize)
        self.capacity = max(4, self.chunkSize)
        self.buffer = .allocate(capacity: capacity)
    }

    deinit {
        if case .file(let fd) = source { close(fd) }
        buffer.deallocate()
    }

    /// Moves the bytes from `keep` to the end of the buffer to its front and reads more after them.
    /// - Returns: `false` when there was nothing more to read.
    private func refill(keeping keep: Int) throws -> Bool {
        let kept = end - keep
        if kept > 0 && keep > 0 {
            memmove(buffer, buffer + keep, kept)
        }
        chunkFollowsCR = end > 0 && kept == 0 && buffer[end - 1] == CSVScanner.cr
        pos = 0
        end = kept
        let room = min(chunkSize, capacity - kept)
        switch source {
        case .exhausted:
            return false
        case .memory(let bytes, let offset):
            let count = min(room, bytes.count - offset)
            if count <= 0 {
                source = .exhausted
                return false
            }
            bytes.withUnsafeBufferPointer { all in
                (buffer + kept).update(from: all.baseAddress! + offset, count: count)
            }
            source = .memory(bytes, offset + count)
            end = kept + count
            return true
        case .file(let fd):
            while true {
                let count = read(fd, buffer + kept, room)
                if count > 0 {
                    end = kept + count
                    return true
                }
                if count == 0 {
                    close(fd)
                    source = .exhausted
                    return false
                }
                let code = errno
                if code == EINTR { continue }
                close(fd)
                source = .exhausted
                let error = CSVError(
                    file: name, line: 0, message: "cannot read file: \(String(cString: strerror(code)))")
                stickyError = error
                throw error
            }
        }
    }

    /// Skips a UTF-8 byte order mark at the very start of the input.
    private func skipByteOrderMark() throws {
        bomChecked = true
        while end - pos < 3 {
            if !(try refill(keeping: pos)) { break }
        }
        if end - pos >= 3 && buffer[pos] == 0xEF && buffer[pos + 1] == 0xBB && buffer[pos + 2] == 0xBF {
            pos += 3
        }
    }

    /// Makes a string of the pending bytes followed by `count` buffer bytes from `start`, or `nil` when
    /// they are not valid UTF-8. Clears `pending`.
    @inline(__always)
    private func makeString(_ start: Int, _ count: Int) -> String? {
        if pending.isEmpty {
            if count == 0 { return "" }
            return Self.string(UnsafeBufferPointer(start: buffer + start, count: count))
        }
        if count > 0 {
            pending.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: count))
        }
        let string = pending.withUnsafeBufferPointer { Self.string($0) }
        // A huge value is not kept twice: its buffer goes once the value is made.
        pending.removeAll(keepingCapacity: pending.capacity <= Self.keptCapacity)
        return string
    }

    /// The string of `bytes`, or nil when they are not well-formed UTF-8 (Unicode's table 3-7: no
    /// overlong forms, no surrogates, nothing above U+10FFFF).
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isWellFormedUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    static func isWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
                index + offset < count && bytes[index + offset] >= low && bytes[index + offset] <= high
            }
            switch lead {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                index += 2
            case 0xE0...0xEF:
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80, high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard continuation(1, low, high), continuation(2) else { return false }
                index += 3
            case 0xF0...0xF4:
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80, high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard continuation(1, low, high), continuation(2), continuation(3) else { return false }
                index += 4
            default:
                return false
            }
        }
        return true
    }

    /// The most a value buffer keeps between values (larger ones are freed).
    static let keptCapacity = 1 << 20

    private func fail(line: Int, _ message: String) -> CSVError {
        let error = CSVError(file: name, line: line, message: message)
        stickyError = error
        finished = true
        return error
    }

    /// Reads the next non-empty record.
    /// - Returns: the line where it starts and its values, or `nil` at the end of the input.
    func nextRow() throws -> (line: Int, values: [String])? {
        if let stickyError { throw stickyError }
        if finished { return nil }
        if !bomChecked { try skipByteOrderMark() }

        let quote = CSVScanner.quote, cr = CSVScanner.cr, lf = CSVScanner.lf
        let delimiter = self.delimiter
        let p = buffer
        var values: [String] = []
        values.reserveCapacity(expectedCount)
        var state = State.fieldStart
        var recordLine = line
        var fieldLine = line
        var quoteLine = line
        var badLine = 0
        var segStart = pos
        var closeAt = pos

        @inline(__always) func append(_ start: Int, _ count: Int) {
            if let string = makeString(start, count) {
                values.append(string)
            } else {
                if badLine == 0 { badLine = fieldLine }
                values.append("")
            }
        }

        @inline(__always) func endOfRecord() throws -> (line: Int, values: [String]) {
            if badLine != 0 {
                throw CSVError(file: name, line: badLine, message: "invalid UTF-8")
            }
            return (recordLine, values)
        }

        while true {
            if pos == end {
                // Carry the part of the current value that is in this chunk over to the next one.
                switch state {
                case .unquoted, .quoted:
                    if end > segStart {
                        pending.append(contentsOf: UnsafeBufferPointer(start: p + segStart, count: end - segStart))
                    }
                case .quoteSeen:
                    if closeAt > segStart {
                        pending.append(contentsOf: UnsafeBufferPointer(start: p + segStart, count: closeAt - segStart))
                    }
                case .fieldStart:
                    break
                }
                if !(try refill(keeping: end)) {
                    switch state {
                    case .fieldStart:
                        finished = true
                        if values.isEmpty { return nil }
                        values.append("")
                    case .unquoted, .quoteSeen:
                        finished = true
                        append(0, 0)
                    case .quoted:
                        pending.removeAll()
                        throw fail(line: quoteLine, "unterminated quoted value")
                    }
                    return try endOfRecord()
                }
                segStart = 0
                closeAt = 0
            }

            var i = pos
            let e = end
            switch state {
            case .fieldStart:
                let b = p[i]
                if values.isEmpty {
                    if skipLF {
                        skipLF = false
                        if b == lf {
                            pos = i + 1
                            continue
                        }
                    }
                    if b == lf || b == cr {
                        line += 1
                        skipLF = b == cr
                        pos = i + 1
                        continue
                    }
                    recordLine = line
                }
                fieldLine = line
                if b == delimiter {
                    values.append("")
                    pos = i + 1
                } else if b == quote {
                    state = .quoted
                    quoteLine = line
                    segStart = i + 1
                    pos = i + 1
                } else if b == lf || b == cr {
                    values.append("")
                    line += 1
                    skipLF = b == cr
                    pos = i + 1
                    return try endOfRecord()
                } else {
                    state = .unquoted
                    segStart = i
                    pos = i + 1
                }

            case .unquoted:
                while i < e {
                    let b = p[i]
                    if b == delimiter || b == lf || b == cr { break }
                    i += 1
                }
                pos = i
                if i == e { continue }
                append(segStart, i - segStart)
                let b = p[i]
                pos = i + 1
                state = .fieldStart
                if b != delimiter {
                    line += 1
                    skipLF = b == cr
                    return try endOfRecord()
                }

            case .quoted:
                while i < e {
                    let b = p[i]
                    if b == quote { break }
                    if b == lf {
                        let afterCR = i > 0 ? p[i - 1] == cr : chunkFollowsCR
                        if !afterCR { line += 1 }
                    } else if b == cr {
                        line += 1
                    }
                    i += 1
                }
                pos = i
                if i == e { continue }
                closeAt = i
                pos = i + 1
                state = .quoteSeen

            case .quoteSeen:
                let b = p[i]
                pos = i + 1
                if b == quote {
                    if closeAt > segStart {
                        pending.append(contentsOf: UnsafeBufferPointer(start: p + segStart, count: closeAt - segStart))
                    }
                    pending.append(quote)
                    segStart = i + 1
                    state = .quoted
                } else if b == delimiter || b == lf || b == cr {
                    append(segStart, closeAt - segStart)
                    state = .fieldStart
                    if b != delimiter {
                        line += 1
                        skipLF = b == cr
                        return try endOfRecord()
                    }
                } else {
                    pending.removeAll()
                    throw fail(line: line, "unexpected character after closing quote")
                }
            }
        }
    }
}
