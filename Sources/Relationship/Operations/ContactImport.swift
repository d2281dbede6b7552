import DocxMerge

/// `contacts import`: an upsert by `No` of every row of a CSV file, all rows or none.
///
/// Columns are matched to contact fields loosely (`First Name` = `first_name` = `FirstName`;
/// `ContactNo` is `No`); any other column is a custom field. Columns present replace those fields,
/// absent ones keep their values. Every bad row is reported by line before anything is kept.
public struct ContactImport {
    public struct Result: Equatable, Sendable {
        public var added = 0
        public var updated = 0
        public var total: Int { added + updated }
    }

    /// The longest `No` allowed.
    public static let maximumNoLength = 20

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Reads every row of `csv` and upserts it, in one transaction.
    /// - Throws: `RelationshipError.problems` with one `file:line: message` per bad row (nothing
    ///   changed); `CSVError` for a file that does not read as CSV.
    public func run(_ csv: CSVReader) throws -> Result {
        let columns = csv.header.map { ContactField.named($0) }
        guard columns.contains(.no) else {
            throw RelationshipError.problems(["\(csv.name):1: no No column (the contact number)"])
        }
        let standard = Array(Set(columns.compactMap { $0 })).sorted { $0.index < $1.index }
        let custom = zip(csv.header, columns).filter { $0.1 == nil }.map { CustomField(name: $0.0) }
        let customKeys = custom.map(\.key)

        var rows: [(line: Int, values: [String])] = []
        var problems: [String] = []
        var firstLine: [String: Int] = [:]
        var companyNames: [String: String] = [:]
        while let record = try csv.next() {
            var rowProblems: [String] = []
            var no = ""
            for (index, field) in columns.enumerated() {
                guard let field else { continue }
                let value = record.values[index]
                switch field {
                case .no:
                    no = value
                    if value.isEmpty { rowProblems.append("missing No") }
                    else if value.count > Self.maximumNoLength { rowProblems.append("No '\(value)' is longer than \(Self.maximumNoLength) characters") }
                    else if value.contains(where: { $0.isNewline }) { rowProblems.append("No holds a line break") }
                case .type where !value.isEmpty && ContactType(rawValue: value.lowercased()) == nil:
                    rowProblems.append("Type: unknown type '\(value)' (company or person)")
                case .correspondenceType where !value.isEmpty && CorrespondenceType(rawValue: value.lowercased()) == nil:
                    rowProblems.append("CorrespondenceType: '\(value)' is not hard-copy or email")
                case .excludeFromSegment, .privacyBlocked:
                    if BooleanText.parse(value) == nil {
                        rowProblems.append("\(field.rawValue): '\(value)' is not a boolean (true/false, yes/no, 1/0)")
                    }
                default: break
                }
            }
            if !no.isEmpty {
                if let first = firstLine[no] {
                    rowProblems.append("duplicate No '\(no)' (first on line \(first))")
                } else {
                    firstLine[no] = record.line
                }
            }
            problems += rowProblems.map { "\(csv.name):\(record.line): \($0)" }
            if rowProblems.isEmpty {
                if let typeColumn = columns.firstIndex(of: .type), let nameColumn = columns.firstIndex(of: .name),
                   record.values[typeColumn].isEmpty || record.values[typeColumn].lowercased() == "company" {
                    companyNames[no] = record.values[nameColumn]
                }
                rows.append((record.line, record.values))
            }
        }
        guard problems.isEmpty else { throw RelationshipError.problems(problems) }

        return try store.transaction {
            for field in custom { try store.addCustomField(field) }
            var result = Result()
            for row in rows {
                var contact = Contact(no: row.values[columns.firstIndex(of: .no)!])
                let existing = try store.contact(contact.no)
                if let existing { contact = existing }
                for (index, field) in columns.enumerated() {
                    let value = row.values[index]
                    if let field {
                        switch field {
                        case .type: contact[field] = value.isEmpty ? ContactType.company.rawValue : value.lowercased()
                        case .correspondenceType: contact[field] = value.lowercased()
                        case .excludeFromSegment, .privacyBlocked: contact[field] = BooleanText.text(BooleanText.parse(value)!)
                        default: contact[field] = value
                        }
                    } else {
                        contact.custom[FieldKey(csv.header[index]).normalized] = value
                    }
                }
                var fields = standard
                if contact.type == .person, contact[.companyName].isEmpty, !contact[.companyNo].isEmpty {
                    let company = try companyNames[contact[.companyNo]] ?? store.contact(contact[.companyNo])?[.name]
                    if let company, !company.isEmpty {
                        contact[.companyName] = company
                        if !fields.contains(.companyName) { fields.append(.companyName) }
                    }
                }
                if try store.upsertContact(contact, fields: fields, customKeys: customKeys) {
                    result.added += 1
                } else {
                    result.updated += 1
                }
            }
            return result
        }
    }
}
