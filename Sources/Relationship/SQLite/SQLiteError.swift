/// A failed SQLite call: the result code, SQLite's message and the SQL that failed.
///
/// Bound values are never part of the error: the store holds personal data, and messages end up
/// in terminals and logs.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, …).
    public let code: Int32
    /// `sqlite3_errmsg` read right after the failing call.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { code & 0xFF }

    /// True when another connection held the database longer than the busy timeout.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }

    public var description: String {
        if isBusy { return "the database is busy (another lettershop is using it); try again" }
        if primaryCode == 8 { return "the database is read-only (its file or folder cannot be written); this command would change it" }
        let statement = sql.map { " (in: \($0.split(whereSeparator: \.isWhitespace).joined(separator: " ")))" } ?? ""
        return "database error \(code): \(message)\(statement)"
    }
}
