#if canImport(Glibc)
import Glibc
#endif

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
    /// True inside `writingInBulk`.
    private var isWritingInBulk = false

    /// The page cache, in KiB.
    static let cacheKiB = 512

    /// Opens the store at `path`, creating and migrating it as needed.
    ///
    /// Nothing is written before the file is known to be a Lettershop database (or empty): another
    /// program's SQLite file, or a file that is not SQLite, is refused as it was. A file or folder
    /// this process cannot write opens read-only: read commands work, changes are refused.
    /// - Throws: `RelationshipError.problems` for a path that keeps nothing (`''`, `:memory:`, a
    ///   `file:` URI) or a file that is not ours; `SQLiteError` when the file cannot be opened;
    ///   `RelationshipError.newerSchema` when a newer Lettershop made it.
    /// - Parameter waitNotice: called once when a command has waited a second for another
    ///   connection's lock (it waits up to a minute, then fails as busy).
    public init(path: String, waitNotice: (() -> Void)? = nil) throws {
        if let problem = StoreFile.pathProblem(path) { throw RelationshipError.problems([problem]) }
        var readOnly = StoreFile.isReadOnly(path)
        var database = try Database(path: path, readOnly: readOnly, lockWait: LockWait(notice: waitNotice))
        readOnly = readOnly || database.isReadOnly
        var contents: Contents
        do {
            contents = try Self.contents(of: database)
        } catch let error as SQLiteError where readOnly && (error.primaryCode == 14 || error.primaryCode == 8) {
            // SQLITE_CANTOPEN or SQLITE_READONLY_CANTINIT: a WAL database whose folder cannot hold
            // SQLite's shared-memory file.
            if let size = Self.fileSize(path + "-wal"), size > 0 {
                throw RelationshipError.problems(["\(path): the database has changes still in \(path)-wal, and its folder is read-only"])
            }
            database = try Database(path: StoreFile.immutableURI(path), readOnly: true, uri: true)
            contents = try Self.contents(of: database)
        } catch let error as SQLiteError where error.primaryCode == 26 {
            throw RelationshipError.problems(["\(path): not a Lettershop database (not an SQLite file); left unchanged"])
        }
        if contents == .foreign {
            throw RelationshipError.problems(["\(path): not a Lettershop database (an SQLite file of another program); left unchanged"])
        }
        self.database = database
        self.isReadOnly = readOnly
        self.path = readOnly ? nil : path
        try database.execute("PRAGMA foreign_keys = ON")
        try database.execute("PRAGMA cache_size = -\(Self.cacheKiB)")
        if readOnly {
            try requireCurrentSchema()
            return
        }
        // journal_mode returns a row; sqlite3_exec discards it. WAL lets readers work beside a writer.
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("PRAGMA synchronous = NORMAL")
        // A small page cache: the file's pages stay in the system's cache anyway, and timed here the
        // segment passes ran as fast with 512 KiB as with SQLite's 2 MiB, while memory stayed the same
        // from 1,000 to 100,000 lines. `contacts import` sets a larger one for its own run.
        try migrate()
        recoveryNotes = (try? StagedLetters.recover(in: self)) ?? []
    }

    /// The database file, for a second connection reading beside this one (nil when read-only).
    let path: String?

    /// A store reading the database at `path` on a read-only connection of its own, for
    /// `ContactReadAhead`: no schema check or migration, no recovery; the file is known to be ours.
    init(readingBeside path: String) throws {
        database = try Database(path: path, readOnly: true)
        isReadOnly = true
        self.path = nil
        try database.execute("PRAGMA cache_size = -\(Self.cacheKiB)")
    }

    /// True when the store was opened read-only (its file or folder cannot be written): reading
    /// works, and any change fails with SQLite's "attempt to write a readonly database".
    public let isReadOnly: Bool

    private static func fileSize(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
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
    public func durableTransaction<T>(committing: (_ commit: () throws -> Void) throws -> Void, _ body: () throws -> T) throws -> T {
        guard !database.isInTransaction else {
            // Inside a larger transaction, which commits later: nothing to commit here.
            let result = try transaction(body)
            try committing {}
            return result
        }
        try database.execute("PRAGMA synchronous = FULL")
        defer { try? database.execute("PRAGMA synchronous = NORMAL") }
        return try database.inTransaction(immediate: true, committing: committing, body)
    }

    /// The page cache while a segment step or the logging of a segment runs, in KiB: with the everyday 512 KiB, a step adding
    /// 200,000 lines wrote each page of the segment's lines and indexes to the WAL about four times
    /// (and read it back) before the commit; with this, about once. Peak memory stays under 64 MB.
    static let stepCacheKiB = 16_384

    /// Runs `body`, a segment step's transaction or a segment's logging, with the larger page cache of
    /// `stepCacheKiB` and its statement journals in memory: each `INSERT` of lines keeps the pages it changes that the
    /// transaction had changed before (a few per statement, dropped when it ends), which SQLite
    /// otherwise writes to a temporary file, 46,000 page writes for 200,000 lines.
    ///
    /// Without `checkingForeignKeys`, SQLite does not look up each new line's contact and segment
    /// (half the time of inserting a line): the caller promises that every line it writes is of a
    /// contact and a segment it read in the transaction, which holds the write lock, so they are
    /// there when it commits.
    ///
    /// Within a larger transaction only the cache changes: the other settings cannot change inside a
    /// transaction. Within another `writingInBulk` (the follow-up segment's step inside `segment log`'s
    /// logging) nothing changes, so the outer one keeps its settings to its end.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/tempfiles.html#stmtjrnl>,
    /// <https://www.sqlite.org/foreignkeys.html#fk_enable>
    public func writingInBulk<T>(checkingForeignKeys: Bool, _ body: () throws -> T) throws -> T {
        guard !isWritingInBulk else { return try body() }
        isWritingInBulk = true
        defer { isWritingInBulk = false }
        let outside = !database.isInTransaction
        let keysOff = outside && !checkingForeignKeys
        try database.execute("PRAGMA cache_size = -\(Self.stepCacheKiB);" + (outside ? " PRAGMA temp_store = MEMORY;" : "")
                             + (keysOff ? " PRAGMA foreign_keys = OFF;" : ""))
        defer {
            try? database.execute("PRAGMA cache_size = -\(Self.cacheKiB);" + (outside ? " PRAGMA temp_store = DEFAULT;" : "")
                                  + (keysOff ? " PRAGMA foreign_keys = ON;" : ""))
        }
        return try body()
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
