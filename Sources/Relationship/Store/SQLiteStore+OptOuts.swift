extension SQLiteStore {
    private static let optOutColumns = "entry_no, contact_no, channel, opted_out, date, reason, user"

    private static func readOptOut(_ row: Statement) -> OptOutRecord {
        OptOutRecord(entryNo: row.integer(0), contactNo: row.text(1), channel: CorrespondenceType(rawValue: row.text(2)) ?? .hardCopy,
                     optedOut: row.bool(3), date: row.text(4), reason: row.text(5), user: row.text(6))
    }

    /// Records an opt-out or an opt-in. - Returns: its entry number.
    @discardableResult
    public func insertOptOut(_ record: OptOutRecord) throws -> Int {
        try statement("""
            INSERT INTO contact_opt_outs (contact_no, channel, opted_out, date, reason, user) VALUES (?, ?, ?, ?, ?, ?)
            """).run([.text(record.contactNo), .text(record.channel.rawValue), .integer(record.optedOut ? 1 : 0), .text(record.date),
                      .text(record.reason), .text(record.user)])
        return try statement("SELECT last_insert_rowid()").firstRow { $0.integer(0) } ?? 0
    }

    /// The last record of a contact for a channel: the one that decides.
    public func currentOptOut(contactNo: String, channel: CorrespondenceType) throws -> OptOutRecord? {
        try statement("""
            SELECT \(Self.optOutColumns) FROM contact_opt_outs WHERE contact_no = ? AND channel = ? ORDER BY entry_no DESC LIMIT 1
            """).firstRow([.text(contactNo), .text(channel.rawValue)], Self.readOptOut)
    }

    public func currentOptOuts(contactNos: [String]) throws -> [String: [CorrespondenceType: OptOutRecord]] {
        guard !contactNos.isEmpty else { return [:] }
        var found: [String: [CorrespondenceType: OptOutRecord]] = [:]
        // In record order, so that the last record of a contact and channel is the one kept.
        try statement("""
            SELECT \(Self.optOutColumns) FROM contact_opt_outs WHERE contact_no IN (SELECT value FROM json_each(?)) ORDER BY entry_no
            """).forEachRow([.text(Self.jsonArray(contactNos))]) { row in
            let record = Self.readOptOut(row)
            found[record.contactNo, default: [:]][record.channel] = record
        }
        return found
    }

    public func isOptedOut(contactNo: String, channel: CorrespondenceType) throws -> Bool {
        try currentOptOut(contactNo: contactNo, channel: channel)?.optedOut ?? false
    }

    /// A contact's whole opt-out history, oldest first.
    public func optOutHistory(contactNo: String) throws -> [OptOutRecord] {
        try statement("SELECT \(Self.optOutColumns) FROM contact_opt_outs WHERE contact_no = ? ORDER BY entry_no")
            .rows([.text(contactNo)], Self.readOptOut)
    }
}
