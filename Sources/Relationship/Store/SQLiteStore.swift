/// The Lettershop store on one SQLite file: every SQL statement Lettershop runs is in this type
/// (split over `SQLiteStore+…` files by concern). Values are always bound parameters.
///
/// Opening creates the file when missing, turns on WAL and foreign keys, sets a busy timeout and
/// migrates the schema. Not `Sendable`: one connection, one thread.
///
/// ```swift
/// let store = try SQLiteStore(path: "lettershop.sqlite")
/// try store.transaction { try store.deleteContact("CT000010") }
/// ```
public final class SQLiteStore: RelationshipStore {
    let database: Database
    private var statements: [String: Statement] = [:]

    /// The page cache, in KiB.
    static let cacheKiB = 512

    /// Opens the store at `path`, creating and migrating it as needed.
    /// - Throws: `SQLiteError` when the file cannot be opened or is not a database;
    ///   `RelationshipError.newerSchema` when a newer Lettershop made it.
    public init(path: String) throws {
        database = try Database(path: path)
        // journal_mode returns a row; sqlite3_exec discards it. WAL lets readers work beside a writer.
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("PRAGMA foreign_keys = ON")
        try database.execute("PRAGMA synchronous = NORMAL")
        // A small page cache: the file's pages stay in the system's cache anyway, and timed here the
        // segment passes ran as fast with 512 KiB as with SQLite's 2 MiB, while memory stayed the same
        // from 1,000 to 100,000 lines. `contacts import` sets a larger one for its own run.
        try database.execute("PRAGMA cache_size = -\(Self.cacheKiB)")
        try migrate()
        recoveryNotes = (try? StagedLetters.recover(in: self)) ?? []
    }

    /// What opening the store finished for `segment log` runs that crashed (letters moved into
    /// place, staging folders removed), one line each.
    public private(set) var recoveryNotes: [String] = []

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`): all of it is kept, or none of it.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try database.inTransaction(immediate: true, body)
    }

    /// Runs `body` in one write transaction with `synchronous = FULL`: in WAL mode the commit syncs
    /// the log file before it returns (with `NORMAL`, the everyday setting, a commit can be lost to
    /// a power cut until the next checkpoint).
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_synchronous>
    public func durableTransaction<T>(_ body: () throws -> T) throws -> T {
        guard !database.isInTransaction else { return try transaction(body) }
        try database.execute("PRAGMA synchronous = FULL")
        defer { try? database.execute("PRAGMA synchronous = NORMAL") }
        return try database.inTransaction(immediate: true, body)
    }

    /// Runs `body` in one read transaction, so everything it reads is one consistent snapshot.
    public func read<T>(_ body: () throws -> T) throws -> T {
        try database.inTransaction(immediate: false, body)
    }

    /// The compiled statement for `sql`, compiled once per connection.
    func statement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        let compiled = try database.prepare(sql)
        statements[sql] = compiled
        return compiled
    }
}
