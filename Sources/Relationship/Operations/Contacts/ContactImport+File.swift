import DocxMerge

/// A contacts file as `contacts import` reads it: its encoding converted to UTF-8, its delimiter
/// detected unless given, and its mistakes explained.
public struct ContactFileOptions: Sendable {
    /// The delimiter; nil detects it from the header row (`,`, `;` or tab).
    public var delimiter: UInt8?
    public var encoding: TextEncoding

    public init(delimiter: UInt8? = nil, encoding: TextEncoding = .utf8) {
        self.delimiter = delimiter
        self.encoding = encoding
    }

    /// How many records the file at `path` holds, for a progress line's total (a pass of its own):
    /// nil for a file that is not UTF-8 (it is converted in memory, and not read twice) or that
    /// cannot be read.
    public func recordCount(path: String) -> Int? {
        guard encoding == .utf8 else { return nil }
        guard let chosen = delimiter ?? (try? FileContents.read(path, limit: 1 << 16)).map(Self.detectDelimiter) else { return nil }
        return try? CSVReader.countRecords(path: path, delimiter: chosen)
    }

    /// The rows of a file of `size` bytes that begins with `sample`, estimated from the line breaks
    /// of the sample (nil when the size is unknown).
    static func estimatedRows(sample: [UInt8], size: Int?) -> Int? {
        guard let size, !sample.isEmpty else { return nil }
        var breaks = 0
        for (index, byte) in sample.enumerated() where byte == 0x0A || (byte == 0x0D && (index + 1 == sample.count || sample[index + 1] != 0x0A)) {
            breaks += 1
        }
        return max(1, size * max(1, breaks) / sample.count)
    }

    /// The delimiters detection chooses from, in order of preference on a tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]

    /// The candidate found most often outside quotes in the first line of `bytes`; `,` when none is.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if !quoted, byte == 0x0A || byte == 0x0D { break }
            if !quoted, candidates.contains(byte) { counts[byte, default: 0] += 1 }
        }
        var best = candidates[0]
        for candidate in candidates where (counts[candidate] ?? 0) > (counts[best] ?? 0) { best = candidate }
        return best
    }

    /// `','`, `';'`, `tab`: a delimiter as `--delimiter` takes it.
    static func name(_ delimiter: UInt8) -> String {
        delimiter == 0x09 ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
    }
}

extension ContactImport {
    /// Imports the file at `path` (see `run(_:onDuplicate:progress:)`), converting it from
    /// `options.encoding` and detecting its delimiter unless given.
    /// - Throws: `RelationshipError.problems`: the import's problems, with a byte that is not UTF-8
    ///   named (line, position, value) with the `--encoding` hint, and a hint when the file reads
    ///   without errors with another delimiter.
    public func run(path: String, options: ContactFileOptions, onDuplicate: DuplicatePolicy = .report,
                    progress: (Int) -> Void = { _ in }) throws -> (result: Result, delimiter: UInt8) {
        let converted = options.encoding == .utf8 ? nil : try options.encoding.utf8(FileContents.read(path), name: path)
        // The first bytes detect the delimiter (a file that cannot be read is reported by the reader
        // when the delimiter is given) and estimate the rows.
        let sample = try converted.map { Array($0.prefix(1 << 16)) }
            ?? (options.delimiter == nil ? FileContents.read(path, limit: 1 << 16) : (try? FileContents.read(path, limit: 1 << 16)) ?? [])
        let delimiter = options.delimiter ?? ContactFileOptions.detectDelimiter(sample)
        let expectedRows = ContactFileOptions.estimatedRows(sample: sample, size: converted?.count ?? FileContents.size(path))
        func reader(_ delimiter: UInt8) throws -> CSVReader {
            if let converted { return try CSVReader(bytes: converted, name: path, delimiter: delimiter) }
            return try CSVReader(path: path, delimiter: delimiter)
        }
        do {
            return (try run(reader(delimiter), onDuplicate: onDuplicate, expectedRows: expectedRows, progress: progress), delimiter)
        } catch let error as CSVError {
            throw RelationshipError.problems(try explain([error.description], path: path, delimiter: delimiter, reader: reader))
        } catch let error as RelationshipError {
            throw RelationshipError.problems(try explain(error.messages, path: path, delimiter: delimiter, reader: reader))
        }
    }

    /// `messages` with the invalid UTF-8 named exactly, and a note when another delimiter reads the file.
    private func explain(_ messages: [String], path: String, delimiter: UInt8, reader: (UInt8) throws -> CSVReader) throws -> [String] {
        var explained = messages
        if messages.contains(where: { $0.hasSuffix(": invalid UTF-8") }) {
            let bytes = try FileContents.read(path)
            if let bad = TextEncoding.firstInvalidUTF8(bytes) {
                let hex = String(bad.byte, radix: 16, uppercase: true)
                let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
                let hint = utf16 ? "the file looks like UTF-16: give --encoding utf-16"
                    : "if the file was saved as Windows or Latin-1 text, give --encoding windows-1252 or iso-8859-1 (UTF-16: --encoding utf-16)"
                explained = messages.filter { !$0.hasSuffix(": invalid UTF-8") }
                explained.insert("\(path):\(bad.line): byte \(bad.offset) of the file (0x\(hex)) is not UTF-8; \(hint)", at: 0)
            }
        }
        let countProblem = messages.contains { $0.contains(": expected ") && $0.contains(" found ") } || messages.contains { $0.contains("no No column") }
        if countProblem {
            for other in ContactFileOptions.candidates where other != delimiter {
                guard let csv = try? reader(other), csv.header.count > 1 else { continue }
                var clean = true
                do { while try csv.next() != nil {} } catch { clean = false }
                if clean {
                    explained.append("\(path): the file reads without errors with \(ContactFileOptions.name(other)) as the delimiter, "
                                     + "not \(ContactFileOptions.name(delimiter)): give --delimiter \(ContactFileOptions.name(other))")
                    break
                }
            }
        }
        return explained
    }
}
