extension SQLiteStore {
    private static let entryColumns = """
        entry_no, contact_no, contact_company_no, date, time, interaction_template, description, subject,
        correspondence_type, language_code, information_flow, initiated_by, cost, duration, salesperson_code, campaign_no,
        segment_no, logged_segment_no, canceled, user, document_name, document_sha256, template_sha256, merged_values
        """

    private static func readEntry(_ row: Statement) -> InteractionEntry {
        InteractionEntry(
            entryNo: row.integer(0), contactNo: row.text(1), contactCompanyNo: row.text(2), date: row.text(3), time: row.text(4),
            interactionTemplate: row.text(5), description: row.text(6), subject: row.text(7), correspondenceType: row.text(8),
            languageCode: row.text(9), informationFlow: row.text(10), initiatedBy: row.text(11), cost: row.real(12),
            duration: row.real(13), salespersonCode: row.text(14), campaignNo: row.text(15), segmentNo: row.text(16),
            loggedSegmentNo: row.integer(17), canceled: row.bool(18), user: row.text(19), documentName: row.text(20),
            documentSHA256: row.text(21), templateSHA256: row.text(22), mergedValues: row.text(23))
    }

    /// Calls `body` with every interaction entry that is not canceled.
    public func forEachActiveInteraction(_ body: (InteractionEntry) throws -> Void) throws {
        try database.prepare("SELECT \(Self.entryColumns) FROM interaction_log_entries WHERE canceled = 0 ORDER BY entry_no")
            .forEachRow { try body(Self.readEntry($0)) }
    }

    public func interactionCount(contact: String) throws -> Int {
        try statement("SELECT count(*) FROM interaction_log_entries WHERE contact_no = ?").firstRow([.text(contact)]) { $0.integer(0) } ?? 0
    }

    /// Records a logged segment. - Returns: its entry number.
    public func insertLoggedSegment(_ logged: LoggedSegment) throws -> Int {
        try statement("INSERT INTO logged_segments (segment_no, description, creation_date, user, canceled) VALUES (?, ?, ?, ?, ?)")
            .run([.text(logged.segmentNo), .text(logged.description), .text(logged.creationDate), .text(logged.user),
                  .integer(logged.canceled ? 1 : 0)])
        return try statement("SELECT last_insert_rowid()").firstRow { $0.integer(0) } ?? 0
    }

    public func loggedSegment(_ entryNo: Int) throws -> LoggedSegment? {
        try statement("SELECT entry_no, segment_no, description, creation_date, user, canceled FROM logged_segments WHERE entry_no = ?")
            .firstRow([.integer(entryNo)]) {
                LoggedSegment(entryNo: $0.integer(0), segmentNo: $0.text(1), description: $0.text(2), creationDate: $0.text(3),
                              user: $0.text(4), canceled: $0.bool(5))
            }
    }

    /// Records an interaction entry. - Returns: its entry number.
    @discardableResult
    public func insertInteraction(_ entry: InteractionEntry) throws -> Int {
        try statement("""
            INSERT INTO interaction_log_entries (\(Self.entryColumns.replacingFirst("entry_no, ")))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([
                .text(entry.contactNo), .text(entry.contactCompanyNo), .text(entry.date), .text(entry.time),
                .text(entry.interactionTemplate), .text(entry.description), .text(entry.subject), .text(entry.correspondenceType),
                .text(entry.languageCode), .text(entry.informationFlow), .text(entry.initiatedBy), .real(entry.cost),
                .real(entry.duration), .text(entry.salespersonCode), .text(entry.campaignNo), .text(entry.segmentNo),
                .integer(entry.loggedSegmentNo), .integer(entry.canceled ? 1 : 0), .text(entry.user), .text(entry.documentName),
                .text(entry.documentSHA256), .text(entry.templateSHA256), .text(entry.mergedValues),
            ])
        return try statement("SELECT last_insert_rowid()").firstRow { $0.integer(0) } ?? 0
    }

    /// The contacts of a logged segment's entries, in entry order, each once.
    public func contactNos(ofLogged entryNo: Int) throws -> [String] {
        try statement("""
            SELECT contact_no FROM interaction_log_entries WHERE logged_segment_no = ? GROUP BY contact_no ORDER BY min(entry_no)
            """).rows([.integer(entryNo)]) { $0.text(0) }
    }
}

private extension String {
    func replacingFirst(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
