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
        /// Rows that look like another contact (reported, skipped or refused as the policy says).
        public var duplicates: [PossibleDuplicate] = []
        /// New contacts not added because they looked like another (`DuplicatePolicy.skip`).
        public var skippedDuplicates = 0
    }

    /// What an import does with a row that looks like another contact (`DuplicateReason`).
    public enum DuplicatePolicy: String, Sendable, CaseIterable {
        /// Imports it and reports it.
        case report
        /// Leaves a new contact out (an existing one is still updated) and reports it.
        case skip
        /// Imports nothing: each such row is an error.
        case error
    }

    /// The rows read before the memory for the file's keys is sized from them.
    static let sampleRows = 1000

    /// The longest `No` allowed.
    public static let maximumNoLength = 20

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Reads every row of `csv` and upserts it, in one transaction.
    ///
    /// One streaming pass: each row is checked and written at once; the problems are collected to
    /// the end and then thrown, which rolls the whole transaction back. Memory holds neither the rows
    /// nor their `No`s: a repeated `No` is found in the database (with the line each row id came
    /// from, `ImportedLines`), a duplicate key by an 8-byte fingerprint per key (`ImportedKeys`).
    /// - Throws: `RelationshipError.problems` with one `file:line: message` per bad row (nothing
    ///   changed); `CSVError` for a file that does not read as CSV (nothing changed either).
    /// `progress` gets the number of rows read, now and then.
    ///
    /// A person's `CompanyNo` must name a company in the database or earlier in the file. Each row is
    /// compared with the contacts before it (in the database, then earlier rows) as `DuplicateIndex` does.
    ///
    /// `expectedRows`, an estimate of the file's rows, lets the import size its memory once.
    public func run(_ csv: CSVReader, onDuplicate: DuplicatePolicy = .report, expectedRows: Int? = nil,
                    progress: (Int) -> Void = { _ in }) throws -> Result {
        let applied = try AppliedColumns(header: csv.header, store: store)
        let columns = csv.header.enumerated().map { applied.handles($0) ? nil : ContactField.named($1) }
        guard let noColumn = columns.firstIndex(of: .no) else {
            throw RelationshipError.problems(["\(csv.name):1: no No column (the contact number)"])
        }
        // `ContactNo` is read as `No`: a file with both (or two names of one field) is ambiguous.
        var columnOfField: [ContactField: Int] = [:]
        var headerProblems: [String] = []
        for (index, field) in columns.enumerated() {
            guard let field else { continue }
            if let other = columnOfField[field] {
                headerProblems.append("\(csv.name):1: columns '\(csv.header[other])' and '\(csv.header[index])' both give \(field.rawValue)")
            } else {
                columnOfField[field] = index
            }
        }
        guard headerProblems.isEmpty else { throw RelationshipError.problems(headerProblems) }
        let custom = csv.header.indices.filter { columns[$0] == nil && !applied.handles($0) }.map { CustomField(name: csv.header[$0]) }
        let importColumns = csv.header.indices.map { index in
            if applied.handles(index) { return ContactImportColumn.applied }
            return columns[index].map { ContactImportColumn.field($0) } ?? .custom(key: FieldKey(csv.header[index]).normalized)
        }
        let today = LocalClock.today()
        let typeColumn = columns.firstIndex(of: .type)
        let nameColumn = columns.firstIndex(of: .name)
        let companyNoColumn = columns.firstIndex(of: .companyNo)
        let companyNameColumn = columns.firstIndex(of: .companyName)
        let correspondenceColumn = columns.firstIndex(of: .correspondenceType)
        let booleanColumns = columns.indices.filter { columns[$0]?.isBoolean == true }
        // Whether a company's row of this file names it (else a person takes its name from the database).
        let fileNamesCompanies = typeColumn != nil && nameColumn != nil

        let keyColumns = KeyColumns(columns: columns, custom: importColumns)

        return try store.loadingContacts { try store.transaction {
            for field in custom { try store.addCustomField(field) }
            let writer = try store.contactWriter(columns: importColumns)
            var problems: [String] = []
            var lines = ImportedLines()
            // Persons written before their company's row of this file: company No → person Nos.
            var waitingForCompany: [String: [String]] = [:]
            var written = 0
            var duplicates: [PossibleDuplicate] = []
            var skippedDuplicates = 0
            var keys = DuplicateKeys()
            var rowKeys: [DuplicateKey] = []
            // The keys of the contacts stored before the import, as stored (the first with each).
            var storedKeys: [UInt64: String] = [:]
            var metNos = MetNos(expected: (try writer.count()) + (expectedRows ?? 100_000))
            try store.forEachContactBatch(batch: StoreBatch.size) { batch in
                for contact in batch {
                    metNos.insert(contact.no)
                    for key in keys.keys(of: contact) where storedKeys[key.hash] == nil { storedKeys[key.hash] = contact.no }
                }
            }
            // The keys of the rows written (or left out as duplicates), confirmed from the contact.
            var fileKeys = ImportedKeys()
            var leftOut: [UInt32: (no: String, keys: [DuplicateKey])] = [:]
            var nextRowID = writer.firstNewRowID
            guard nextRowID < Int64(UInt32.max) / 2 else {
                throw RelationshipError.problems(["\(csv.name): the database's contact row ids are too large to import into"])
            }
            if let expectedRows { lines.reserve(upTo: nextRowID + Int64(expectedRows)) }
            var keysNoted = 0
            let customColumns = importColumns.enumerated().compactMap { column, kind -> (Int, String)? in
                if case let .custom(key) = kind { return (column, key) }
                return nil
            }
            /// The contact as the row leaves it: the stored one with the row's values.
            func merged(_ values: [String], stored: Contact) -> Contact {
                var contact = stored
                for (column, field) in columns.enumerated() { if let field { contact[field] = values[column] } }
                for (column, key) in customColumns { contact.custom[key] = values[column] }
                return contact
            }
            // The last company a row asked for (a file lists a company's persons together). Forgotten
            // when its own row comes.
            var lastCompany: (no: String, found: (rowID: Int64, type: String, name: String)?)?
            func company(_ companyNo: String) throws -> (rowID: Int64, type: String, name: String)? {
                if let lastCompany, lastCompany.no == companyNo { return lastCompany.found }
                let found = try writer.company(companyNo)
                lastCompany = (companyNo, found)
                return found
            }
            /// Whether the file has had a row of `companyNo` before this one.
            func inFile(_ companyNo: String, rowID: Int64?) -> Bool {
                rowID.flatMap { lines.line(ofRowID: $0) } != nil || lines.line(ofUnwritten: companyNo) != nil
            }
            /// Whether contact `rowID` has `key`: the current row's keys for itself, else its values.
            func has(_ rowID: UInt32, _ key: DuplicateKey, current: UInt32) throws -> Bool {
                if rowID == current { return rowKeys.contains(key) }
                if let left = leftOut[rowID] { return left.keys.contains(key) }
                guard let no = try writer.no(ofRowID: Int64(rowID)), let contact = try store.contact(no) else { return false }
                return keys.keys(of: contact).contains(key)
            }
            func noOfRowID(_ rowID: UInt32) throws -> String {
                try leftOut[rowID]?.no ?? writer.no(ofRowID: Int64(rowID)) ?? ""
            }

            // A row the reader rejects (wrong number of values, invalid UTF-8) is a problem of its
            // line; reading goes on, so every bad row is listed. A broken quote ends the file.
            var lastReadError: CSVError?
            func nextRecord() throws -> CSVRecord? {
                while true {
                    do {
                        return try csv.next()
                    } catch let error as CSVError {
                        guard error != lastReadError, error.line > 0 else {
                            if problems.isEmpty { throw error }
                            return nil
                        }
                        lastReadError = error
                        problems.append(error.description)
                    }
                }
            }

            var rowsRead = 0
            while let record = try nextRecord() {
                rowsRead += 1
                if rowsRead % 10_000 == 0 { progress(rowsRead) }
                // The keys per row of the first rows tell how many the whole file will have.
                if rowsRead == Self.sampleRows, let expectedRows, expectedRows > rowsRead {
                    fileKeys.reserve(keysNoted * expectedRows / rowsRead + keysNoted)
                }
                var values = record.values
                var rowProblems: [String] = []
                let no = values[noColumn]
                if no.isEmpty { rowProblems.append("missing No") }
                else if no.utf8.count > Self.maximumNoLength, no.count > Self.maximumNoLength {
                    rowProblems.append("No '\(no)' is longer than \(Self.maximumNoLength) characters")
                }
                else if no.utf8.contains(where: { $0 >= 0x0A && $0 <= 0x0D || $0 >= 0x80 }), no.contains(where: { $0.isNewline }) {
                    rowProblems.append("No holds a line break")
                }
                if let typeColumn {
                    let value = values[typeColumn]
                    if value.isEmpty {
                        values[typeColumn] = ContactType.company.rawValue
                    } else if let type = ContactType(rawValue: value) ?? ContactType(rawValue: value.lowercased()) {
                        values[typeColumn] = type.rawValue
                    } else {
                        rowProblems.append("Type: unknown type '\(value)' (company or person)")
                    }
                }
                if let correspondenceColumn {
                    let value = values[correspondenceColumn]
                    if !value.isEmpty {
                        if let type = CorrespondenceType(rawValue: value) ?? CorrespondenceType(rawValue: value.lowercased()) {
                            values[correspondenceColumn] = type.rawValue
                        } else {
                            rowProblems.append("CorrespondenceType: '\(value)' is not hard-copy or email")
                        }
                    }
                }
                for column in booleanColumns {
                    if let flag = BooleanText.parse(values[column]) {
                        values[column] = BooleanText.text(flag)
                    } else {
                        rowProblems.append("\(columns[column]!.rawValue): '\(values[column])' is not a boolean (true/false, yes/no, 1/0)")
                    }
                }
                if !applied.isEmpty { rowProblems += applied.check(&values) }
                // A No never met is a new contact's; any other is looked up.
                let existing = no.isEmpty || !metNos.mayContain(no) ? nil : try writer.rowID(of: no)
                if !no.isEmpty { metNos.insert(no) }
                if !no.isEmpty, let first = existing.flatMap({ lines.line(ofRowID: $0) }) ?? lines.line(ofUnwritten: no) {
                    rowProblems.append("duplicate No '\(no)' (first on line \(first))")
                }
                if !rowProblems.isEmpty {
                    problems += rowProblems.map { "\(csv.name):\(record.line): \($0)" }
                    if !no.isEmpty {
                        if let existing { lines.note(rowID: existing, line: record.line) } else { lines.note(unwritten: no, line: record.line) }
                    }
                    continue
                }
                // A contact in the database that the file has not had yet is a stored one.
                let stored = try existing.flatMap { _ in try store.contact(no) }
                let rowID = existing ?? nextRowID
                if existing == nil { nextRowID += 1 }
                lines.note(rowID: rowID, line: record.line)
                let type: ContactType
                let rowCompanyNo: String
                if let stored {
                    let contact = merged(values, stored: stored)
                    type = contact.type
                    rowCompanyNo = contact[.companyNo]
                    keys.keys({ contact[$0] }, custom: { contact.custom[$0] }, into: &rowKeys)
                } else {
                    type = typeColumn.flatMap { ContactType(rawValue: values[$0]) } ?? .company
                    rowCompanyNo = companyNoColumn.map { values[$0] } ?? ""
                    keys.keys({ keyColumns.value($0, values) }, custom: { keyColumns.custom($0, values) }, into: &rowKeys)
                }
                if type == .person, !rowCompanyNo.isEmpty, companyNoColumn != nil {
                    if let found = try company(rowCompanyNo) {
                        if found.type != ContactType.company.rawValue {
                            problems.append("\(csv.name):\(record.line): CompanyNo '\(rowCompanyNo)' is a person, not a company")
                        }
                    } else {
                        problems.append("\(csv.name):\(record.line): CompanyNo '\(rowCompanyNo)' names no company "
                                        + "(none in the database, nor earlier in this file)")
                    }
                }
                // Each key: the first contact with it (stored ones first, then the file's rows), or noted as this one's.
                let current = UInt32(truncatingIfNeeded: rowID)
                var found: [(no: String, reasons: [DuplicateReason])] = []
                for key in rowKeys {
                    let other: String
                    if let storedNo = storedKeys[key.hash] {
                        other = storedNo
                    } else if let first = try fileKeys.first(key.hash, where: { try has($0, key, current: current) }) {
                        guard first != current else { continue }
                        other = try noOfRowID(first)
                    } else {
                        fileKeys.insert(key.hash, rowID: current)
                        keysNoted += 1
                        continue
                    }
                    guard other != no else { continue }
                    if let index = found.firstIndex(where: { $0.no == other }) {
                        if !found[index].reasons.contains(key.reason) { found[index].reasons.append(key.reason) }
                    } else {
                        found.append((other, [key.reason]))
                    }
                }
                if !found.isEmpty {
                    duplicates += found.map { PossibleDuplicate(contactNo: no, duplicateOf: $0.no, reasons: $0.reasons, line: record.line) }
                    var leaves = false
                    switch onDuplicate {
                    case .report: break
                    case .error:
                        problems += found.map {
                            "\(csv.name):\(record.line): \(PossibleDuplicate(contactNo: no, duplicateOf: $0.no, reasons: $0.reasons, line: nil).message)"
                                + " (--on-duplicate report or skip to import anyway)"
                        }
                        leaves = true
                    case .skip:
                        if stored == nil {
                            skippedDuplicates += 1
                            leaves = true
                        }
                    }
                    if leaves {
                        if stored == nil { leftOut[current] = (no, rowKeys) }
                        continue
                    }
                }
                // Rows after a bad one are still written (the transaction is rolled back at the end),
                // so later rows are checked against them as against any other.

                // A person's CompanyName is its company's Name when the file leaves it empty.
                let isCompanyRow = typeColumn.map { values[$0] == ContactType.company.rawValue }
                let companyNo = companyNoColumn.map { values[$0] }
                let companyNameGiven = companyNameColumn.map { !values[$0].isEmpty }
                if isCompanyRow == true || companyNo?.isEmpty == true || companyNameGiven == true {
                    // The rule cannot apply.
                    try writer.upsert(values, rowID: rowID, fillingCompanyName: "")
                } else if isCompanyRow == false, let companyNo {
                    // A person with its company in the row; its CompanyName is empty in the row or,
                    // with no such column, where stored: the writer fills it only where it is empty.
                    let found = try company(companyNo)
                    var fills = true
                    if fileNamesCompanies, !inFile(companyNo, rowID: found?.rowID) {
                        // The company's row may still come, with the name to keep: know for sure.
                        if companyNameColumn == nil, stored.map({ !$0[.companyName].isEmpty }) == true {
                            fills = false
                        }
                        if fills { waitingForCompany[companyNo, default: []].append(no) }
                    }
                    let name = fills ? found?.name ?? "" : ""
                    if let companyNameColumn {
                        values[companyNameColumn] = name
                        try writer.upsert(values, rowID: rowID, fillingCompanyName: "")
                    } else {
                        try writer.upsert(values, rowID: rowID, fillingCompanyName: name)
                    }
                } else {
                    // The type or the company is the stored contact's: read it back once written.
                    try writer.upsert(values, rowID: rowID, fillingCompanyName: "")
                    if let link = try writer.companyLink(of: no), link.type == ContactType.person.rawValue,
                       link.companyName.isEmpty, !link.companyNo.isEmpty {
                        let found = try company(link.companyNo)
                        if fileNamesCompanies, !inFile(link.companyNo, rowID: found?.rowID) {
                            waitingForCompany[link.companyNo, default: []].append(no)
                        }
                        if let name = found?.name, !name.isEmpty { try writer.setCompanyName(name, of: no) }
                    }
                }
                if !applied.isEmpty, problems.isEmpty { try applied.apply(values, to: no, store: store, today: today) }
                if lastCompany?.no == no { lastCompany = nil }
                // The company's own row, after persons already written with the stored name: the
                // file's Name is theirs.
                if fileNamesCompanies, isCompanyRow == true, let persons = waitingForCompany.removeValue(forKey: no) {
                    let name = values[nameColumn!]
                    for person in persons { try writer.setCompanyName(name, of: person) }
                }
                written += 1
            }
            guard problems.isEmpty else { throw RelationshipError.problems(problems) }
            let added = try writer.finish()
            return Result(added: added, updated: written - added, duplicates: duplicates, skippedDuplicates: skippedDuplicates)
        } }
    }
}
