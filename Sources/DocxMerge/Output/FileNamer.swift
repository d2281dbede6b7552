/// Safe, unique file names for documents: no path separators or characters Windows forbids, no
/// leading dot, no reserved device names, and no two names equal when compared case-insensitively.
///
/// It keeps a 64-bit hash of each name, not the name, in a `KeyTable`, so memory stays flat with
/// 100,000s of letters.
public struct FileNamer {
    private var used: KeyTable
    /// For each base name taken, the suffix number to try next, so the thousandth letter named
    /// `Dr` does not try `Dr-2` … `Dr-999` again.
    private var nextSuffix: KeyTable
    /// The longest base name kept, in UTF-8 bytes (file systems allow 255 for the whole name).
    static let maximumLength = 200

    /// True when every name is known to differ from the others (a pattern numbering every record):
    /// then only names cut at the length limit are remembered.
    private let namesAreUnique: Bool

    /// - Parameter keysInMemory: how many names are remembered in memory before a file holds them.
    public init(namesAreUnique: Bool = false, keysInMemory: Int = KeyTable.defaultMemoryLimit) {
        self.namesAreUnique = namesAreUnique
        used = KeyTable(memoryLimit: keysInMemory)
        nextSuffix = KeyTable(memoryLimit: keysInMemory)
    }

    /// A name for a document: `base` made safe (`fallback` when it comes out empty), `-2`, `-3`…
    /// added when taken, then `.ext`.
    /// - Throws: `MergeError.io` when the temporary file holding the names used fails.
    public mutating func name(for base: String, fallback: String, extension ext: String) throws -> String {
        var safe = Self.sanitize(base)
        if safe.isEmpty { safe = Self.sanitize(fallback) }
        if namesAreUnique && safe.utf8.count < Self.maximumLength - 4 { return safe + "." + ext }
        var candidate = safe + "." + ext
        guard try used.insert(Self.hash(candidate.lowercased()), value: 0) != nil else { return candidate }
        // Every `-n` below the one remembered was found taken, and names are never given back.
        let baseKey = Self.hash(candidate.lowercased())
        var counter = Int(try nextSuffix.lookup(baseKey) ?? 2)
        repeat {
            candidate = "\(safe)-\(counter).\(ext)"
            counter += 1
        } while try used.insert(Self.hash(candidate.lowercased()), value: 0) != nil
        try nextSuffix.set(baseKey, value: UInt64(counter))
        return candidate
    }

    /// FNV-1a: fixed, so the same data gives the same names in every run.
    private static func hash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static let reserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$"]
        for n in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"] { names.insert("COM" + n); names.insert("LPT" + n) }
        return names
    }()

    /// `text` as a safe file name without extension (may be empty).
    public static func sanitize(_ text: String) -> String {
        // Letters, digits, `-` and `_` only (a contact number, most names): nothing to change but a
        // reserved device name; the same result as the general way below.
        let plain = text.utf8.count <= maximumLength && !text.isEmpty && text.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F
        }
        if plain { return text.utf8.count <= 4 && reserved.contains(text.uppercased()) ? "_" + text : text }
        return sanitizeAnyText(text)
    }

    /// `sanitize` for any text.
    static func sanitizeAnyText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|": result.unicodeScalars.append("_")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result.unicodeScalars.append("_")
            default: result.unicodeScalars.append(scalar)
            }
        }
        result = result.trimmingWhitespace()
        while result.hasSuffix(".") || result.hasSuffix(" ") { result.removeLast() }
        if result.hasPrefix(".") { result = "_" + result.dropFirst() }
        while result.utf8.count > maximumLength { result.removeLast() }
        let stem = result.split(separator: ".", maxSplits: 1).first.map { String($0).uppercased() } ?? ""
        if reserved.contains(stem.trimmingWhitespace()) { result = "_" + result }
        return result
    }
}

/// A `--name` pattern: `{Column}` parts and `{#}` (the record's number, six digits).
public struct FileNamePattern: Sendable {
    private enum Part: Sendable { case text(String), column(Int), number }
    private let parts: [Part]

    /// True when the pattern gives every record a different name: it holds `{#}` with only fixed
    /// text before it or only fixed text after it.
    public var namesAreUnique: Bool {
        func isText(_ part: Part) -> Bool { if case .text = part { return true } else { return false } }
        guard let first = parts.firstIndex(where: { if case .number = $0 { return true } else { return false } }),
              let last = parts.lastIndex(where: { if case .number = $0 { return true } else { return false } }) else { return false }
        return parts[..<first].allSatisfy(isText) || parts[(last + 1)...].allSatisfy(isText)
    }

    /// Parses `pattern` against the data's columns (matched loosely); throws naming every column
    /// the data lacks.
    public init(_ pattern: String, columns: [String]) throws {
        var columnByKey: [FieldKey: Int] = [:]
        for (index, column) in columns.enumerated() where columnByKey[FieldKey(column)] == nil { columnByKey[FieldKey(column)] = index }
        var parts: [Part] = []
        var missing: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                parts.append(.text(String(rest[open...])))
                rest = ""
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            if name == "#" {
                parts.append(.number)
            } else if let column = columnByKey[FieldKey(name)] {
                parts.append(.column(column))
            } else {
                missing.append(name)
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        guard missing.isEmpty else {
            throw MergeError.io(path: "--name", message: "the data has no column " + missing.map { "'\($0)'" }.joined(separator: ", "))
        }
        self.parts = parts
    }

    /// The pattern filled in for one record (before sanitising).
    public func name(values: [String], number: Int) -> String {
        var result = ""
        for part in parts {
            switch part {
            case let .text(text): result += text
            case let .column(column): result += column < values.count ? values[column] : ""
            case .number:
                let digits = String(number)
                result += String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            }
        }
        return result
    }
}
