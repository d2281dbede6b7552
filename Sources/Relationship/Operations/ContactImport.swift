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

    /// The longest `No` allowed.
    public static let maximumNoLength = 20

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Reads every row of `csv` and upserts it, in one transaction.
    ///
    /// One streaming pass: each row is checked and, while no row has failed, written at once; the
    /// problems are collected to the end and then thrown, which rolls the whole transaction back.
    /// So memory holds the `No`s seen (for duplicates), never the rows.
    /// - Throws: `RelationshipError.problems` with one `file:line: message` per bad row (nothing
    ///   changed); `CSVError` for a file that does not read as CSV (nothing changed either).
    /// `progress` gets the number of rows read, now and then.
    ///
    /// A person's `CompanyNo` must name a company in the database or earlier in the file. Each row is
    /// compared with the contacts before it (in the database, then earlier rows) as `DuplicateIndex` does.
    public func run(_ csv: CSVReader, onDuplicate: DuplicatePolicy = .report, progress: (Int) -> Void = { _ in }) throws -> Result {
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

        return try store.transaction {
            for field in custom { try store.addCustomField(field) }
            let writer = try store.contactWriter(columns: importColumns)
            var problems: [String] = []
            var firstLine: [String: Int] = [:]
            // Persons written before their company's row of this file: company No → person Nos.
            var waitingForCompany: [String: [String]] = [:]
            var written = 0
            var duplicates: [PossibleDuplicate] = []
            var skippedDuplicates = 0
            var companiesInFile = Set<String>()
            var index = DuplicateIndex()
            // The numbers already stored: a row of another number is a new contact, not read back.
            var storedNos = Set<String>()
            try store.forEachContactBatch(batch: StoreBatch.size) { batch in
                for contact in batch {
                    _ = index.check(contact)
                    storedNos.insert(contact.no)
                }
            }
            let customColumns = importColumns.enumerated().compactMap { column, kind -> (Int, String)? in
                if case let .custom(key) = kind { return (column, key) }
                return nil
            }
            /// The contact as the row leaves it: the stored one (if any) with the row's values.
            func merged(_ values: [String], stored: Contact?) -> Contact {
                var contact = stored ?? Contact(no: values[noColumn])
                for (column, field) in columns.enumerated() { if let field { contact[field] = values[column] } }
                for (column, key) in customColumns { contact.custom[key] = values[column] }
                return contact
            }
            // The last company a person asked for (a file lists a company's persons together): its
            // stored name and whether its row was earlier in the file. Forgotten when its row comes.
            var lastCompany: (no: String, name: String, inFile: Bool)?
            func company(_ companyNo: String) throws -> (name: String, inFile: Bool) {
                if let lastCompany, lastCompany.no == companyNo { return (lastCompany.name, lastCompany.inFile) }
                let found = (name: try writer.name(of: companyNo) ?? "", inFile: firstLine[companyNo] != nil)
                lastCompany = (companyNo, found.name, found.inFile)
                return found
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
                var values = record.values
                var rowProblems: [String] = []
                let no = values[noColumn]
                if no.isEmpty { rowProblems.append("missing No") }
                else if no.count > Self.maximumNoLength { rowProblems.append("No '\(no)' is longer than \(Self.maximumNoLength) characters") }
                else if no.contains(where: { $0.isNewline }) { rowProblems.append("No holds a line break") }
                if let typeColumn {
                    let value = values[typeColumn]
                    if value.isEmpty {
                        values[typeColumn] = ContactType.company.rawValue
                    } else if let type = ContactType(rawValue: value.lowercased()) {
                        values[typeColumn] = type.rawValue
                    } else {
                        rowProblems.append("Type: unknown type '\(value)' (company or person)")
                    }
                }
                if let correspondenceColumn {
                    let value = values[correspondenceColumn]
                    if !value.isEmpty {
                        if let type = CorrespondenceType(rawValue: value.lowercased()) {
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
                rowProblems += applied.check(&values)
                if !no.isEmpty, let first = firstLine.updateValue(record.line, forKey: no) {
                    firstLine[no] = first
                    rowProblems.append("duplicate No '\(no)' (first on line \(first))")
                }
                if !rowProblems.isEmpty {
                    problems += rowProblems.map { "\(csv.name):\(record.line): \($0)" }
                    continue
                }
                let stored = storedNos.contains(no) ? try store.contact(no) : nil
                let contact = merged(values, stored: stored)
                if contact.type == .person, !contact[.companyNo].isEmpty, companyNoColumn != nil, !companiesInFile.contains(contact[.companyNo]) {
                    let companyNo = contact[.companyNo]
                    if let link = try writer.companyLink(of: companyNo) {
                        if link.type != ContactType.company.rawValue {
                            problems.append("\(csv.name):\(record.line): CompanyNo '\(companyNo)' is a person, not a company")
                        }
                    } else {
                        problems.append("\(csv.name):\(record.line): CompanyNo '\(companyNo)' names no company "
                                        + "(none in the database, nor earlier in this file)")
                    }
                }
                let found = index.check(contact)
                if !found.isEmpty {
                    duplicates += found.map { PossibleDuplicate(contactNo: no, duplicateOf: $0.no, reasons: $0.reasons, line: record.line) }
                    switch onDuplicate {
                    case .report: break
                    case .error:
                        problems += found.map {
                            "\(csv.name):\(record.line): \(PossibleDuplicate(contactNo: no, duplicateOf: $0.no, reasons: $0.reasons, line: nil).message)"
                                + " (--on-duplicate report or skip to import anyway)"
                        }
                        continue
                    case .skip:
                        if stored == nil {
                            skippedDuplicates += 1
                            continue
                        }
                    }
                }
                if contact.type == .company { companiesInFile.insert(no) }
                // After a bad row nothing will be kept: only check the rest.
                guard problems.isEmpty else { continue }

                // A person's CompanyName is its company's Name when the file leaves it empty.
                let isCompanyRow = typeColumn.map { values[$0] == ContactType.company.rawValue }
                let companyNo = companyNoColumn.map { values[$0] }
                let companyNameGiven = companyNameColumn.map { !values[$0].isEmpty }
                if isCompanyRow == true || companyNo?.isEmpty == true || companyNameGiven == true {
                    // The rule cannot apply.
                    try writer.upsert(values, fillingCompanyName: "")
                } else if isCompanyRow == false, let companyNo {
                    // A person with its company in the row; its CompanyName is empty in the row or,
                    // with no such column, where stored: the writer fills it only where it is empty.
                    let stored = try company(companyNo)
                    var fills = true
                    if fileNamesCompanies, !stored.inFile {
                        // The company's row may still come, with the name to keep: know for sure.
                        if companyNameColumn == nil, let link = try writer.companyLink(of: no), !link.companyName.isEmpty {
                            fills = false
                        }
                        if fills { waitingForCompany[companyNo, default: []].append(no) }
                    }
                    let name = fills ? stored.name : ""
                    if let companyNameColumn {
                        values[companyNameColumn] = name
                        try writer.upsert(values, fillingCompanyName: "")
                    } else {
                        try writer.upsert(values, fillingCompanyName: name)
                    }
                } else {
                    // The type or the company is the stored contact's: read it back once written.
                    try writer.upsert(values, fillingCompanyName: "")
                    if let link = try writer.companyLink(of: no), link.type == ContactType.person.rawValue,
                       link.companyName.isEmpty, !link.companyNo.isEmpty {
                        let stored = try company(link.companyNo)
                        if fileNamesCompanies, !stored.inFile {
                            waitingForCompany[link.companyNo, default: []].append(no)
                        }
                        if !stored.name.isEmpty { try writer.setCompanyName(stored.name, of: no) }
                    }
                }
                if !applied.isEmpty { try applied.apply(values, to: no, store: store, today: today) }
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
        }
    }
}
