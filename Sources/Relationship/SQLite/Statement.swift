internal import CSQLite3

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case integer(Int)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One compiled statement, owning the `sqlite3_stmt*` and finalizing it in `deinit`.
///
/// Values are always bound as parameters, never spliced into the SQL text.
final class Statement {
    let handle: OpaquePointer
    /// Kept so the connection outlives its statements.
    let database: Database
    let sql: String

    init(handle: OpaquePointer, database: Database, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and binds `values` to parameters 1, 2, ….
    @discardableResult
    func bind(_ values: [SQLValue]) throws -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)), "wrong number of values for: \(sql)")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case let .integer(number): code = sqlite3_bind_int64(handle, index, Int64(number))
            case let .real(number): code = sqlite3_bind_double(handle, index, number)
            case let .text(text): code = sqlite3_bind_text(handle, index, text, -1, csqlite3_transient())
            case let .blob(bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), csqlite3_transient())
                }
            }
            try database.check(code, sql: sql)
        }
        return self
    }

    // MARK: Binding by index, for statements run many times

    /// Resets the statement so it can run again; the bound values stay until bound anew.
    @inline(__always)
    func reset() {
        sqlite3_reset(handle)
    }

    /// Binds `text` to parameter `index` (1-based), copying its UTF-8 bytes (no array, no `SQLValue`).
    @inline(__always)
    func bind(_ index: Int32, text: String) throws {
        var text = text
        let code = text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, csqlite3_transient())
            }
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                     Int32(bytes.count), csqlite3_transient())
        }
        if code != SQLITE_OK { try database.check(code, sql: sql) }
    }

    /// Binds the `count` UTF-8 bytes at `bytes` to parameter `index` (1-based) without copying
    /// them: they must stay where they are, unchanged, until the statement has run.
    @inline(__always)
    func bind(_ index: Int32, unownedText bytes: UnsafePointer<CChar>, count: Int) throws {
        let code = sqlite3_bind_text(handle, index, bytes, Int32(count), nil)
        if code != SQLITE_OK { try database.check(code, sql: sql) }
    }

    /// Binds `integer` to parameter `index` (1-based).
    @inline(__always)
    func bind(_ index: Int32, integer: Int) throws {
        let code = sqlite3_bind_int64(handle, index, Int64(integer))
        if code != SQLITE_OK { try database.check(code, sql: sql) }
    }

    /// Binds `real` to parameter `index` (1-based).
    @inline(__always)
    func bind(_ index: Int32, real: Double) throws {
        let code = sqlite3_bind_double(handle, index, real)
        if code != SQLITE_OK { try database.check(code, sql: sql) }
    }

    /// Runs the statement, bound beforehand, to the end and resets it.
    @inline(__always)
    func execute() throws {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE || code == SQLITE_ROW {
            sqlite3_reset(handle)
            return
        }
        let message = String(cString: sqlite3_errmsg(database.handle))
        sqlite3_reset(handle)
        throw SQLiteError(code: code, message: message, sql: sql)
    }

    /// Steps once: true when a row is ready to read, false when the statement is done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        let message = String(cString: sqlite3_errmsg(database.handle))
        sqlite3_reset(handle)
        throw SQLiteError(code: code, message: message, sql: sql)
    }

    /// Binds `values` and runs the statement to the end.
    func run(_ values: [SQLValue] = []) throws {
        try bind(values)
        while try step() {}
    }

    /// Binds `values` and calls `row` for every result row.
    func forEachRow(_ values: [SQLValue] = [], _ row: (Statement) throws -> Void) throws {
        try bind(values)
        while try step() { try row(self) }
    }

    /// Binds `values` and reads every result row.
    func rows<T>(_ values: [SQLValue] = [], _ read: (Statement) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { result.append(try read($0)) }
        return result
    }

    /// Binds `values` and reads the first result row, if any.
    func firstRow<T>(_ values: [SQLValue] = [], _ read: (Statement) throws -> T) throws -> T? {
        try bind(values)
        guard try step() else { return nil }
        let value = try read(self)
        sqlite3_reset(handle)
        return value
    }

    // MARK: Columns of the current row

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : text(column)
    }

    func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func optionalInteger(_ column: Int32) -> Int? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : integer(column)
    }

    func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
