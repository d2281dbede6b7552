extension SQLiteStore {
    /// Records a staging folder about to be created by this process (committed on its own, before
    /// any letter is written, so a crash leaves a record of what to clean up). - Returns: its id.
    public func insertStaging(_ staging: StagingRecord) throws -> Int {
        try statement("""
            INSERT INTO letter_stagings (staging, destination, logged_segment_no, committed, pid, process_start)
            VALUES (?, ?, ?, ?, ?, ?)
            """).run([.text(staging.staging), .text(staging.destination), staging.loggedSegmentNo.map(SQLValue.integer) ?? .null,
                      .integer(staging.committed ? 1 : 0), .integer(Int(staging.owner.pid)), .text(staging.owner.start)])
        return try statement("SELECT last_insert_rowid()").firstRow { $0.integer(0) } ?? 0
    }

    /// Marks a staging folder as holding the letters of a logged segment (in the logging transaction).
    public func commitStaging(_ id: Int, destination: String, loggedSegmentNo: Int) throws {
        try statement("UPDATE letter_stagings SET committed = 1, destination = ?, logged_segment_no = ? WHERE id = ?")
            .run([.text(destination), .integer(loggedSegmentNo), .integer(id)])
    }

    /// Hands a staging folder to another process (recovery claims the folders of dead runs).
    public func setStagingOwner(_ id: Int, owner: ProcessIdentity) throws {
        try statement("UPDATE letter_stagings SET pid = ?, process_start = ? WHERE id = ?")
            .run([.integer(Int(owner.pid)), .text(owner.start), .integer(id)])
    }

    public func deleteStaging(_ id: Int) throws {
        try statement("DELETE FROM letter_stagings WHERE id = ?").run([.integer(id)])
    }

    public func stagings() throws -> [StagingRecord] {
        try statement("SELECT id, staging, destination, logged_segment_no, committed, pid, process_start FROM letter_stagings ORDER BY id")
            .rows {
                StagingRecord(id: $0.integer(0), staging: $0.text(1), destination: $0.text(2), loggedSegmentNo: $0.optionalInteger(3),
                              committed: $0.bool(4), owner: ProcessIdentity(pid: Int32($0.integer(5)), start: $0.text(6)))
            }
    }
}

/// A staging folder of a `segment log` run: where its letters wait, where they go once the
/// logged segment is committed, and which process writes them.
public struct StagingRecord: Sendable, Equatable {
    public var id: Int
    /// Absolute path of the staging folder.
    public var staging: String
    /// Absolute path of the letters' folder; empty until committed.
    public var destination: String
    public var loggedSegmentNo: Int?
    /// True once the logged segment is in the database: the letters must be moved into place.
    public var committed: Bool
    public var owner: ProcessIdentity

    public init(id: Int = 0, staging: String, destination: String = "", loggedSegmentNo: Int? = nil, committed: Bool = false,
                owner: ProcessIdentity) {
        self.id = id
        self.staging = staging
        self.destination = destination
        self.loggedSegmentNo = loggedSegmentNo
        self.committed = committed
        self.owner = owner
    }
}
