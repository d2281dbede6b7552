/// Safe, unique file names for documents: no path separators or characters Windows forbids, no
/// leading dot, no reserved device names, and no two names equal when compared case-insensitively.
public struct FileNamer: Sendable {
    private var used: Set<String> = []
    /// The longest base name kept, in UTF-8 bytes (file systems allow 255 for the whole name).
    static let maximumLength = 200

    public init() {}

    /// A name for a document: `base` made safe (`fallback` when it comes out empty), `-2`, `-3`…
    /// added when taken, then `.ext`.
    public mutating func name(for base: String, fallback: String, extension ext: String) -> String {
        var safe = Self.sanitize(base)
        if safe.isEmpty { safe = Self.sanitize(fallback) }
        var candidate = safe + "." + ext
        var counter = 2
        while used.contains(candidate.lowercased()) {
            candidate = "\(safe)-\(counter).\(ext)"
            counter += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    private static let reserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$"]
        for n in 0...9 { names.insert("COM\(n)"); names.insert("LPT\(n)") }
        return names
    }()

    /// `text` as a safe file name without extension (may be empty).
    public static func sanitize(_ text: String) -> String {
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
