/// A compiled template bound to the columns of one data source, with the parts that are the same in
/// every letter prepared once (local headers written, rewritten parts compressed). Shared by all
/// rendering threads.
public final class LetterPlan: Sendable {
    /// The compiled template.
    public let template: MergeTemplate
    /// The deflate level of the rendered parts (0 stores them, 1 fastest … 9 smallest).
    public let compressionLevel: Int
    /// What a template field without a column does.
    public let missing: MissingFieldPolicy
    /// For each template variable, the column holding its value (nil: the data has none).
    let columnForVariable: [Int?]
    /// For each slot, whether `--missing keep` leaves it as the template has it (it reads a field
    /// the data lacks); worked out once, not per record.
    let keptSlots: [Bool]
    let preparedEntries: [PreparedEntry]

    /// Binds `template` to data whose columns are `columns` (matched loosely: case, spaces and
    /// underscores ignored). With `missing: .error`, throws `MergeError.missingFields` listing every
    /// template field no column provides.
    public init(template: MergeTemplate, columns: [String], missing: MissingFieldPolicy = .error, compressionLevel: Int = 6) throws {
        self.template = template
        self.missing = missing
        self.compressionLevel = max(0, min(9, compressionLevel))
        var columnByKey: [FieldKey: Int] = [:]
        for (index, column) in columns.enumerated() where columnByKey[FieldKey(column)] == nil {
            columnByKey[FieldKey(column)] = index
        }
        let columnForVariable = template.variableNames.map { columnByKey[FieldKey($0)] }
        self.columnForVariable = columnForVariable
        keptSlots = template.slots.map { slot in
            missing == .keep && slot.variables.contains { columnForVariable[$0] == nil }
        }
        let deflater = Deflater(level: self.compressionLevel)
        preparedEntries = template.entries.map { entry in
            switch entry {
            case let .stored(name, method, crc32, compressedSize, size, bytes):
                return .constant(name: Array(name.utf8), method: method, crc32: crc32, compressedSize: compressedSize, size: size,
                                 record: ZipWriter.localRecord(name: name, method: method, crc32: crc32,
                                                               compressedSize: compressedSize, size: size, data: bytes))
            case let .rewritten(name, bytes):
                let (method, crc, data) = Self.compress(bytes, with: deflater)
                return .constant(name: Array(name.utf8), method: method, crc32: crc, compressedSize: data.count, size: bytes.count,
                                 record: ZipWriter.localRecord(name: name, method: method, crc32: crc,
                                                               compressedSize: data.count, size: bytes.count, data: data))
            case let .rendered(name, part):
                return .rendered(name: Array(name.utf8), part: part)
            }
        }
        if missing == .error, !missingFieldNames.isEmpty { throw MergeError.missingFields(missingFieldNames) }
    }

    /// The names of template fields the data has no column for.
    public var missingFieldNames: [String] {
        let absent = Set(zip(template.variableNames, columnForVariable).filter { $0.1 == nil }.map { FieldKey($0.0) })
        return template.fieldNames.filter { absent.contains(FieldKey($0)) }
    }

    private static func compress(_ bytes: [UInt8], with deflater: Deflater) -> (UInt16, UInt32, [UInt8]) {
        let crc = bytes.withUnsafeBytes { Checksum.crc32($0) }
        guard deflater.level > 0 else { return (0, crc, bytes) }
        var data: [UInt8] = []
        bytes.withUnsafeBytes { _ = deflater.compress($0, appendingTo: &data) }
        return (8, crc, data)
    }
}

enum PreparedEntry: Sendable {
    case constant(name: [UInt8], method: UInt16, crc32: UInt32, compressedSize: Int, size: Int, record: [UInt8])
    case rendered(name: [UInt8], part: Int)
}
