internal import CSQLite3
import DocxMerge

/// One connection to an SQLite file, owning the `sqlite3*` handle and closing it in `deinit`.
///
/// Not `Sendable`: a connection is used by one thread at a time. Lettershop uses one per process,
/// and a criteria step a second, read-only one on another thread (`SQLiteStore.ContactReadAhead`).
final class Database {
    /// The connection handle, valid for the life of the object.
    let handle: OpaquePointer
    /// The hook that interrupts this connection's SQL on SIGINT or SIGTERM.
    private var interruptionHook: Int?
    /// How this connection waits for another one's lock (SQLite holds a pointer to it).
    private let lockWait: LockWait

    /// Opens (creating when missing) the database at `path`, with extended result codes and
    /// `lockWait` for waiting on another connection's lock; `readOnly` opens an existing file for
    /// reading only, and `uri` reads `path` as a `file:` URI (only for the URIs the store makes itself).
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/open.html>
    init(path: String, readOnly: Bool = false, uri: Bool = false, lockWait: LockWait = LockWait(notice: nil)) throws {
        var connection: OpaquePointer?
        let mode = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let code = sqlite3_open_v2(path, &connection, mode | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0), nil)
        guard code == SQLITE_OK, let connection else {
            // The handle must be closed even when opening failed (SQLite docs on sqlite3_open_v2).
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot allocate a connection"
            sqlite3_close_v2(connection)
            throw SQLiteError(code: code, message: "\(path): \(message)", sql: nil)
        }
        handle = connection
        self.lockWait = lockWait
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_handler(connection, { context, attempt in
            guard let context else { return 0 }
            return Unmanaged<LockWait>.fromOpaque(context).takeUnretainedValue().retry(attempt: attempt) ? 1 : 0
        }, Unmanaged.passUnretained(lockWait).toOpaque())
        let target = InterruptTarget(handle: connection)
        interruptionHook = Interruption.onSignal { sqlite3_interrupt(target.handle) }
    }

    deinit {
        interruptionHook.map(Interruption.removeHook)
        // `close_v2` may leave the connection open until its last statement is finalized: it must
        // not call back into `lockWait`, which goes with this object.
        sqlite3_busy_handler(handle, nil, nil)
        sqlite3_close_v2(handle)
    }

    /// The error gate: turns a result code into a thrown `SQLiteError`, reading the message at once.
    func check(_ code: Int32, sql: String? = nil) throws {
        guard code != SQLITE_OK && code != SQLITE_ROW && code != SQLITE_DONE else { return }
        throw SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs SQL text holding no values (schema, pragmas, transaction control); may hold several statements.
    func execute(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), sql: sql)
    }

    /// Compiles one statement.
    func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        try check(code, sql: sql)
        guard let statement else { preconditionFailure("empty SQL statement: \(sql)") }
        return Statement(handle: statement, database: self, sql: sql)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws
    /// (the first error is rethrown). `BEGIN IMMEDIATE` takes the write lock at once, so two
    /// writers wait for each other (up to `LockWait`'s limit) instead of failing half-way.
    ///
    /// Called while a transaction is open, it runs `body` in a savepoint instead, so an operation
    /// that has its own transaction can be one part of a larger one (`segment log --follow-up`).
    func inTransaction<T>(immediate: Bool = true, committing: (_ commit: () throws -> Void) throws -> Void = { try $0() },
                          _ body: () throws -> T) throws -> T {
        if isInTransaction { return try inSavepoint(body) }
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        var committed = false
        do {
            try committing {
                try execute("COMMIT")
                committed = true
            }
        } catch {
            if !committed { try? execute("ROLLBACK") }
            throw error
        }
        precondition(committed, "a transaction's `committing` must commit it or throw")
        return result
    }

    /// Runs `body` in a savepoint of the open transaction: released when it returns, rolled back
    /// to when it throws.
    private func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT nested")
        savepoints += 1
        defer { savepoints -= 1 }
        do {
            let result = try body()
            try execute("RELEASE nested")
            return result
        } catch {
            try? execute("ROLLBACK TO nested")
            try? execute("RELEASE nested")
            throw error
        }
    }

    /// A number that changes whenever another connection commits a change to the database.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_data_version>
    func dataVersion() throws -> Int {
        try prepare("PRAGMA data_version").firstRow { $0.integer(0) } ?? 0
    }

    /// True when the connection can only read (the file, or its folder, cannot be written).
    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// True while a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// How many savepoints of `inTransaction` are open (transactions within a transaction).
    private(set) var savepoints = 0

    /// True while this connection holds the write lock in a transaction of its own (`BEGIN
    /// IMMEDIATE`, not within an outer one): no other connection can commit until it ends.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/txn_state.html>
    var holdsOwnWriteTransaction: Bool { savepoints == 0 && sqlite3_txn_state(handle, "main") == SQLITE_TXN_WRITE }

    /// How many parameters one statement may have (`SQLITE_LIMIT_VARIABLE_NUMBER`).
    var parameterLimit: Int { Int(sqlite3_limit(handle, SQLITE_LIMIT_VARIABLE_NUMBER, -1)) }

    /// The number of rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A connection handle given to the signal thread, which may only call `sqlite3_interrupt` on it
/// (safe from any thread while the connection is open; the hook is removed before it closes).
private struct InterruptTarget: @unchecked Sendable {
    let handle: OpaquePointer
}
