internal import CSQLite3

extension SQLiteStore {
    /// Runs `body`, an import's transaction, with SQLite's rollback journal in place of the WAL when
    /// the database has no contacts yet: the pages a first import adds are written once, to the
    /// database file, instead of to the WAL and again at the checkpoint. A crash still leaves the
    /// database as it was (the journal rolls it back). The WAL is back once `body` returns; when
    /// another connection has the database open, the mode cannot change and `body` runs in the WAL.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_journal_mode>
    public func loadingContacts<T>(_ body: () throws -> T) throws -> T {
        guard !isReadOnly, !database.isInTransaction else { return try body() }
        let empty = try statement("SELECT NOT EXISTS (SELECT 1 FROM contacts)").firstRow { $0.integer(0) } == 1
        guard empty else { return try body() }
        let mode = try database.prepare("PRAGMA journal_mode = DELETE").firstRow { $0.text(0) }
        guard mode == "delete" else { return try body() }
        defer { _ = try? database.prepare("PRAGMA journal_mode = WAL").firstRow { $0.text(0) } }
        return try body()
    }

    /// A writer for one `contacts import` with these columns; see `ContactWriter`.
    public func contactWriter(columns: [ContactImportColumn]) throws -> any ContactWriter {
        try SQLiteContactWriter(database: database, columns: columns)
    }
}

/// The SQLite `ContactWriter`: one UPSERT for the contacts row and, per custom column, one UPSERT
/// and one DELETE, all compiled once and bound by index for every row. A row's texts are copied
/// once into one reusable buffer and bound from there, uncopied.
///
/// Added and updated contacts are counted by the contacts before and after (an import only adds or
/// updates). A new contact gets the row id the import gives it (`firstNewRowID` on), so that the
/// import can name it by row id before and after it is written.
final class SQLiteContactWriter: ContactWriter {
    /// The page cache while the import writes (negative: KiB): enough for the pages a write goes
    /// through again and again (the tables' and indexes' right edges, as rows come in `No` order),
    /// small enough for an import of a million contacts to stay under 64 MB; the other dirty pages
    /// go to the WAL before the commit. Put back by `finish`.
    static let importCacheSize = -4_096

    private let database: Database
    /// (file column, parameter, is boolean) of each standard field other than `No`.
    private let fields: [(column: Int, parameter: Int32, isBoolean: Bool)]
    private let noColumn: Int
    /// The parameter of the company name to fill in when the stored one is empty (no CompanyName column).
    private let fillParameter: Int32?
    /// The parameter of the row id a new contact gets.
    private let rowIDParameter: Int32
    let firstNewRowID: Int64
    private let upsertStatement: Statement
    /// (file column, upsert, delete) of each custom field; the key is bound once, as parameter 2.
    private let customs: [(column: Int, upsert: Statement, delete: Statement)]
    private let countStatement: Statement
    private let linkStatement: Statement
    private let rowIDStatement: Statement
    private let noStatement: Statement
    private let companyStatement: Statement
    private let companyNameStatement: Statement
    private let countBefore: Int
    private var savedCacheSize: Int?
    private var checksOff = false
    /// (file column, allowed values) of the Type and CorrespondenceType columns; see `init`.
    private let checkedColumns: [(column: Int, allowed: [String])]
    /// The current row's texts, bound from here without copies.
    private var buffer: UnsafeMutablePointer<CChar>
    private var bufferCapacity = 4096

    init(database: Database, columns: [ContactImportColumn]) throws {
        self.database = database
        guard let noColumn = columns.firstIndex(of: .field(.no)) else {
            preconditionFailure("an imported file without a No column")
        }
        self.noColumn = noColumn

        var names = ["no"]
        var fields: [(column: Int, parameter: Int32, isBoolean: Bool)] = []
        var customColumns: [(column: Int, key: String)] = []
        for (column, kind) in columns.enumerated() {
            switch kind {
            case .field(.no): continue
            case let .field(field):
                names.append(SQLiteStore.contactColumns[field]!)
                fields.append((column, Int32(names.count), field.isBoolean))
            case let .custom(key):
                customColumns.append((column, key))
            case .applied:
                continue
            }
        }
        self.fields = fields
        checkedColumns = columns.enumerated().compactMap { column, kind in
            switch kind {
            case .field(.type): (column, ["company", "person"])
            case .field(.correspondenceType): (column, ["", "hard-copy", "email"])
            default: nil
            }
        }
        // The CHECK `correspondence_type IN ('', 'hard-copy', 'email')` makes SQLite (3.40) build and
        // drop a temporary b-tree for the IN list on every row written: a fifth of an import's time.
        // The writer checks the same values itself (`upsert`), so the import's statements are
        // compiled without CHECKs. Setting the pragma expires every compiled statement, so the
        // store's cached ones are compiled anew, with their CHECKs, once it is put back.
        try database.execute("PRAGMA ignore_check_constraints = ON")
        checksOff = true
        var assignments = names.dropFirst().map { "\($0) = excluded.\($0)" }
        if columns.contains(.field(.companyName)) {
            fillParameter = nil
        } else {
            names.append("company_name")
            fillParameter = Int32(names.count)
            assignments.append("company_name = CASE WHEN company_name = '' THEN excluded.company_name ELSE company_name END")
        }
        names.append("rowid")
        rowIDParameter = Int32(names.count)
        let parameters = (1...names.count).map { "?\($0)" }.joined(separator: ", ")
        let onConflict = assignments.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + assignments.joined(separator: ", ")
        upsertStatement = try database.prepare(
            "INSERT INTO contacts (\(names.joined(separator: ", "))) VALUES (\(parameters)) ON CONFLICT (no) \(onConflict)")

        customs = try customColumns.map { column, key in
            let upsert = try database.prepare("""
                INSERT INTO contact_custom_values (contact_no, field_key, value) VALUES (?1, ?2, ?3)
                ON CONFLICT (contact_no, field_key) DO UPDATE SET value = excluded.value
                """)
            let delete = try database.prepare("DELETE FROM contact_custom_values WHERE contact_no = ?1 AND field_key = ?2")
            try upsert.bind(2, text: key)
            try delete.bind(2, text: key)
            return (column, upsert, delete)
        }
        countStatement = try database.prepare("SELECT count(*) FROM contacts")
        linkStatement = try database.prepare("SELECT type, company_no, company_name FROM contacts WHERE no = ?1")
        rowIDStatement = try database.prepare("SELECT rowid FROM contacts WHERE no = ?1")
        noStatement = try database.prepare("SELECT no FROM contacts WHERE rowid = ?1")
        companyStatement = try database.prepare("SELECT rowid, type, name FROM contacts WHERE no = ?1")
        firstNewRowID = try database.prepare("SELECT max(rowid) FROM contacts").firstRow { $0.optionalInteger(0) }.flatMap { $0 }.map { Int64($0) + 1 } ?? 1
        companyNameStatement = try database.prepare("UPDATE contacts SET company_name = ?2 WHERE no = ?1")

        buffer = .allocate(capacity: bufferCapacity)
        countBefore = try Self.count(countStatement)
        savedCacheSize = try database.prepare("PRAGMA cache_size").firstRow { $0.integer(0) }
        try database.execute("PRAGMA cache_size = \(Self.importCacheSize)")
    }

    deinit {
        restoreSettings()
        buffer.deallocate()
    }

    private static func count(_ statement: Statement) throws -> Int {
        statement.reset()
        guard try statement.step() else { return 0 }
        let count = statement.integer(0)
        statement.reset()
        return count
    }

    /// Puts the connection's page cache size and CHECK constraints back.
    private func restoreSettings() {
        if checksOff {
            checksOff = false
            try? database.execute("PRAGMA ignore_check_constraints = OFF")
        }
        if let saved = savedCacheSize {
            savedCacheSize = nil
            try? database.execute("PRAGMA cache_size = \(saved)")
        }
    }

    func upsert(_ row: [String], rowID: Int64, fillingCompanyName companyName: String) throws {
        // The CHECK constraints the import's statements leave out.
        for checked in checkedColumns where !checked.allowed.contains(row[checked.column]) {
            throw SQLiteError(code: SQLITE_CONSTRAINT | (1 << 8), message: "CHECK constraint failed: contacts",
                              sql: upsertStatement.sql)
        }
        // Room for every text of the row first, so the buffer does not move while binding.
        var needed = row[noColumn].utf8.count + companyName.utf8.count
        for field in fields where !field.isBoolean { needed += row[field.column].utf8.count }
        for custom in customs { needed += row[custom.column].utf8.count }
        if needed > bufferCapacity {
            buffer.deallocate()
            bufferCapacity = max(needed, bufferCapacity * 2)
            buffer = .allocate(capacity: bufferCapacity)
        }
        var used = 0
        func stage(_ text: String) -> (UnsafePointer<CChar>, Int) {
            var text = text
            let start = buffer + used
            let count = text.withUTF8 { bytes in
                if let base = bytes.baseAddress, !bytes.isEmpty {
                    UnsafeMutableRawPointer(start).copyMemory(from: base, byteCount: bytes.count)
                }
                return bytes.count
            }
            used += count
            return (UnsafePointer(start), count)
        }

        let no = stage(row[noColumn])
        try upsertStatement.bind(1, unownedText: no.0, count: no.1)
        for field in fields {
            let value = row[field.column]
            if field.isBoolean {
                try upsertStatement.bind(field.parameter, integer: value == "true" ? 1 : 0)
            } else {
                let text = stage(value)
                try upsertStatement.bind(field.parameter, unownedText: text.0, count: text.1)
            }
        }
        if let fillParameter {
            let text = stage(companyName)
            try upsertStatement.bind(fillParameter, unownedText: text.0, count: text.1)
        }
        try upsertStatement.bind(rowIDParameter, integer: Int(rowID))
        try upsertStatement.execute()
        for custom in customs {
            let value = row[custom.column]
            if value.isEmpty {
                try custom.delete.bind(1, unownedText: no.0, count: no.1)
                try custom.delete.execute()
            } else {
                let text = stage(value)
                try custom.upsert.bind(1, unownedText: no.0, count: no.1)
                try custom.upsert.bind(3, unownedText: text.0, count: text.1)
                try custom.upsert.execute()
            }
        }
    }

    func companyLink(of no: String) throws -> (type: String, companyNo: String, companyName: String)? {
        try linkStatement.bind(1, text: no)
        defer { linkStatement.reset() }
        guard try linkStatement.step() else { return nil }
        return (linkStatement.text(0), linkStatement.text(1), linkStatement.text(2))
    }

    func rowID(of no: String) throws -> Int64? {
        try rowIDStatement.bind(1, text: no)
        defer { rowIDStatement.reset() }
        guard try rowIDStatement.step() else { return nil }
        return Int64(rowIDStatement.integer(0))
    }

    func no(ofRowID rowID: Int64) throws -> String? {
        try noStatement.bind(1, integer: Int(rowID))
        defer { noStatement.reset() }
        guard try noStatement.step() else { return nil }
        return noStatement.text(0)
    }

    func company(_ no: String) throws -> (rowID: Int64, type: String, name: String)? {
        try companyStatement.bind(1, text: no)
        defer { companyStatement.reset() }
        guard try companyStatement.step() else { return nil }
        return (Int64(companyStatement.integer(0)), companyStatement.text(1), companyStatement.text(2))
    }

    func setCompanyName(_ name: String, of no: String) throws {
        try companyNameStatement.bind(1, text: no)
        try companyNameStatement.bind(2, text: name)
        try companyNameStatement.execute()
    }

    func count() throws -> Int { try Self.count(countStatement) }

    func finish() throws -> Int {
        let added = try Self.count(countStatement) - countBefore
        restoreSettings()
        return added
    }
}
