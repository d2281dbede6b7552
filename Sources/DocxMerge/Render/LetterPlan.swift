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
    /// The data's column names, in order.
    let columns: [String]
    /// The names `LetterRenderer.mergedValues` gives values for, sorted, each with the variable whose
    /// value it takes (the last one, when two variables give one name): worked out once, not per letter.
    let mergedValueOrder: [(name: String, variable: Int)]
    /// For each slot, whether `--missing keep` leaves it as the template has it (it reads a field
    /// the data lacks); worked out once, not per record.
    let keptSlots: [Bool]
    let preparedEntries: [PreparedEntry]
    /// The format letters are written in.
    public let format: LetterFormat
    /// The rendered parts as precompressed pieces, and the letter's zip layout (format 2 with
    /// compression).
    let spliced: (template: SplicedTemplate, layout: ZipLayout)?

    /// Binds `template` to data whose columns are `columns` (matched loosely: case, spaces and
    /// underscores ignored). With `missing: .error`, throws `MergeError.missingFields` listing every
    /// template field no column provides.
    /// `format` is the current one unless a letter logged in an earlier one is produced again.
    public init(template: MergeTemplate, columns: [String], missing: MissingFieldPolicy = .error, compressionLevel: Int = 6,
                format: LetterFormat = .current) throws {
        self.template = template
        self.missing = missing
        self.compressionLevel = max(0, min(9, compressionLevel))
        var columnByKey: [FieldKey: Int] = [:]
        for (index, column) in columns.enumerated() where columnByKey[FieldKey(column)] == nil {
            columnByKey[FieldKey(column)] = index
        }
        let columnForVariable = template.variableCandidates.map { names in
            names.lazy.compactMap { columnByKey[FieldKey($0)] }.first
        }
        self.columnForVariable = columnForVariable
        self.columns = columns
        var variableForName: [String: Int] = [:]
        for (index, names) in template.variableCandidates.enumerated() {
            if names.count == 1 {
                variableForName[names[0]] = index
            } else if let column = columnForVariable[index] {
                variableForName[columns[column]] = index
            }
        }
        mergedValueOrder = variableForName.keys.sorted().map { ($0, variableForName[$0]!) }
        keptSlots = template.slots.map { slot in
            missing == .keep && !slot.isTest && slot.variables.contains { columnForVariable[$0] == nil }
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
        self.format = format
        spliced = format == .splicedPieces && self.compressionLevel > 0
            ? (SplicedTemplate(template: template, level: self.compressionLevel), ZipLayout(preparedEntries)) : nil
        var problems: [MergeError] = []
        if missing == .error, !missingFieldNames.isEmpty { problems.append(.missingFields(missingFieldNames)) }
        problems += Self.unreadableAddressBlocks(template, columnForVariable: columnForVariable)
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw MergeError.problems(problems) }
    }

    /// The names of template fields the data has no column for.
    public var missingFieldNames: [String] {
        let present = Set(columns.map(FieldKey.init))
        return template.requiredFieldNames.filter { !present.contains(FieldKey($0)) }
    }

    /// An address block none of whose address fields finds a column: whatever `--missing` says, a
    /// block that would print nothing is refused, naming the columns it looked for.
    private static func unreadableAddressBlocks(_ template: MergeTemplate, columnForVariable: [Int?]) -> [MergeError] {
        var problems: [MergeError] = []
        var reported = Set<[String]>()
        for slot in template.slots {
            guard case let .mailings(block) = slot.expression, block.kind == .addressBlock,
                  !block.variables.values.contains(where: { columnForVariable[$0] != nil }) else { continue }
            let lookedFor = block.variables.keys.sorted().flatMap { template.variableCandidates[block.variables[$0]!] }
            guard reported.insert(lookedFor).inserted else { continue }
            problems.append(.unreadableAddressBlock(file: template.file, part: slot.part, lookedFor: lookedFor))
        }
        return problems
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
