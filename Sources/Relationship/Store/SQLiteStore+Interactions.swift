extension SQLiteStore {
    private static let entryColumns = """
        entry_no, contact_no, contact_company_no, date, time, interaction_template, description, subject,
        correspondence_type, language_code, information_flow, initiated_by, cost, duration, salesperson_code, campaign_no,
        segment_no, logged_segment_no, canceled, user, document_name, document_sha256, template_sha256, merged_values,
        line_no, engine_version, compression_level, evaluation, attempt_failed, campaign_response, campaign_target,
        edited_by_hand, note, personal_note, pdf_sha256
        """

    private static func readEntry(_ row: Statement) -> InteractionEntry {
        InteractionEntry(
            entryNo: row.integer(0), contactNo: row.text(1), contactCompanyNo: row.text(2), date: row.text(3), time: row.text(4),
            interactionTemplate: row.text(5), description: row.text(6), subject: row.text(7), correspondenceType: row.text(8),
            languageCode: row.text(9), informationFlow: row.text(10), initiatedBy: row.text(11), cost: row.real(12),
            duration: row.real(13), salespersonCode: row.text(14), campaignNo: row.text(15), segmentNo: row.text(16),
            loggedSegmentNo: row.integer(17), canceled: row.bool(18), user: row.text(19), documentName: row.text(20),
            documentSHA256: row.text(21), templateSHA256: row.text(22), mergedValues: row.text(23), lineNo: row.integer(24),
            engineVersion: row.text(25), compressionLevel: row.integer(26), evaluation: row.text(27), attemptFailed: row.bool(28),
            campaignResponse: row.bool(29), campaignTarget: row.bool(30), editedByHand: row.bool(31), note: row.text(32),
            personalNote: row.text(33), pdfSHA256: row.text(34))
    }

    private static let loggedColumns = """
        entry_no, segment_no, description, creation_date, user, canceled, interaction_template, campaign_no, letters_folder
        """

    private static func readLogged(_ row: Statement) -> LoggedSegment {
        LoggedSegment(entryNo: row.integer(0), segmentNo: row.text(1), description: row.text(2), creationDate: row.text(3),
                      user: row.text(4), canceled: row.bool(5), interactionTemplate: row.text(6), campaignNo: row.text(7),
                      lettersFolder: row.text(8))
    }

    /// Calls `body` with each interaction entry that is not canceled of the contacts numbered `first`
    /// through `last` in `No` order, reading as it goes (`body` must not use the store).
    public func forEachActiveInteraction(contactsFrom first: String, through last: String,
                                         _ body: (InteractionEntry) throws -> Void) throws {
        try statement("""
            SELECT \(Self.entryColumns) FROM interaction_log_entries WHERE contact_no >= ? AND contact_no <= ? AND canceled = 0
            """).forEachRow([.text(first), .text(last)]) { try body(Self.readEntry($0)) }
    }

    public func interactionCount(contact: String) throws -> Int {
        try statement("SELECT count(*) FROM interaction_log_entries WHERE contact_no = ?").firstRow([.text(contact)]) { $0.integer(0) } ?? 0
    }

    /// Records a logged segment. - Returns: its entry number.
    public func insertLoggedSegment(_ logged: LoggedSegment) throws -> Int {
        try statement("""
            INSERT INTO logged_segments (segment_no, description, creation_date, user, canceled, interaction_template, campaign_no,
                letters_folder)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.text(logged.segmentNo), .text(logged.description), .text(logged.creationDate), .text(logged.user),
                      .integer(logged.canceled ? 1 : 0), .text(logged.interactionTemplate), .text(logged.campaignNo),
                      .text(logged.lettersFolder)])
        return try statement("SELECT last_insert_rowid()").firstRow { $0.integer(0) } ?? 0
    }

    /// The entry number the next logged segment will get (nothing is reserved).
    public func nextLoggedSegmentNo() throws -> Int {
        try statement("SELECT coalesce(max(entry_no), 0) + 1 FROM logged_segments").firstRow { $0.integer(0) } ?? 1
    }

    public func loggedSegment(_ entryNo: Int) throws -> LoggedSegment? {
        // Entry 0 holds the single interactions (`interactions add`); it is no logged segment.
        try statement("SELECT \(Self.loggedColumns) FROM logged_segments WHERE entry_no = ? AND entry_no > 0")
            .firstRow([.integer(entryNo)], Self.readLogged)
    }

    /// Every logged segment with its number of interaction entries, in entry order.
    public func loggedSegments() throws -> [(logged: LoggedSegment, interactions: Int)] {
        try statement("""
            SELECT \(Self.loggedColumns), (SELECT count(*) FROM interaction_log_entries e WHERE e.logged_segment_no = l.entry_no)
            FROM logged_segments l WHERE entry_no > 0 ORDER BY entry_no
            """).rows { (Self.readLogged($0), $0.integer(9)) }
    }

    /// Cancels (or un-cancels) a logged segment and every one of its entries.
    public func setLoggedSegmentCanceled(_ entryNo: Int, _ canceled: Bool) throws {
        try statement("UPDATE logged_segments SET canceled = ? WHERE entry_no = ?").run([.integer(canceled ? 1 : 0), .integer(entryNo)])
        try statement("UPDATE interaction_log_entries SET canceled = ? WHERE logged_segment_no = ?")
            .run([.integer(canceled ? 1 : 0), .integer(entryNo)])
    }

    /// Records an interaction entry. - Returns: its entry number.
    @discardableResult
    public func insertInteraction(_ entry: InteractionEntry) throws -> Int {
        try statement("""
            INSERT INTO interaction_log_entries (\(Self.entryColumns.replacingFirst("entry_no, ")))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([
                .text(entry.contactNo), .text(entry.contactCompanyNo), .text(entry.date), .text(entry.time),
                .text(entry.interactionTemplate), .text(entry.description), .text(entry.subject), .text(entry.correspondenceType),
                .text(entry.languageCode), .text(entry.informationFlow), .text(entry.initiatedBy), .real(entry.cost),
                .real(entry.duration), .text(entry.salespersonCode), .text(entry.campaignNo), .text(entry.segmentNo),
                .integer(entry.loggedSegmentNo), .integer(entry.canceled ? 1 : 0), .text(entry.user), .text(entry.documentName),
                .text(entry.documentSHA256), .text(entry.templateSHA256), .text(entry.mergedValues), .integer(entry.lineNo),
                .text(entry.engineVersion), .integer(entry.compressionLevel), .text(entry.evaluation),
                .integer(entry.attemptFailed ? 1 : 0), .integer(entry.campaignResponse ? 1 : 0), .integer(entry.campaignTarget ? 1 : 0),
                .integer(entry.editedByHand ? 1 : 0), .text(entry.note),
                .text(entry.personalNote),
                .text(entry.pdfSHA256),
            ])
        return try statement("SELECT last_insert_rowid()").firstRow { $0.integer(0) } ?? 0
    }

    public func interaction(_ entryNo: Int) throws -> InteractionEntry? {
        try statement("SELECT \(Self.entryColumns) FROM interaction_log_entries WHERE entry_no = ?").firstRow([.integer(entryNo)], Self.readEntry)
    }

    /// The entries matching every filter given (nil: any), in entry order.
    public func interactions(_ filter: InteractionFilter) throws -> [InteractionEntry] {
        try statement("""
            SELECT \(Self.entryColumns) FROM interaction_log_entries
            WHERE (?1 IS NULL OR contact_no = ?1) AND (?2 IS NULL OR segment_no = ?2 COLLATE NOCASE)
              AND (?3 IS NULL OR logged_segment_no = ?3) AND (?4 IS NULL OR interaction_template = ?4 COLLATE NOCASE)
            ORDER BY entry_no
            """).rows([filter.contactNo.map(SQLValue.text) ?? .null, filter.segmentNo.map(SQLValue.text) ?? .null,
                       filter.loggedSegmentNo.map(SQLValue.integer) ?? .null, filter.interactionTemplate.map(SQLValue.text) ?? .null],
                      Self.readEntry)
    }

    /// Changes what may change after logging: evaluation, attempt failed, campaign response.
    public func updateInteractionOutcome(_ entry: InteractionEntry) throws {
        try statement("UPDATE interaction_log_entries SET evaluation = ?, attempt_failed = ?, campaign_response = ? WHERE entry_no = ?")
            .run([.text(entry.evaluation), .integer(entry.attemptFailed ? 1 : 0), .integer(entry.campaignResponse ? 1 : 0),
                  .integer(entry.entryNo)])
    }

    public func setInteractionCanceled(_ entryNo: Int, _ canceled: Bool) throws {
        try statement("UPDATE interaction_log_entries SET canceled = ? WHERE entry_no = ?").run([.integer(canceled ? 1 : 0), .integer(entryNo)])
    }

    /// The contacts of a logged segment's entries, in entry order, each once, `batch` at a time. One
    /// cursor reads them, so no more than one batch is held; `body` may use the store and change it.
    public func forEachContactNo(ofLogged entryNo: Int, batch: Int, _ body: ([String]) throws -> Void) throws {
        let size = max(1, batch)
        var numbers: [String] = []
        try database.prepare("""
            SELECT contact_no FROM interaction_log_entries WHERE logged_segment_no = ? GROUP BY contact_no ORDER BY min(entry_no)
            """).forEachRow([.integer(entryNo)]) { row in
            numbers.append(row.text(0))
            if numbers.count == size {
                try body(numbers)
                numbers.removeAll(keepingCapacity: true)
            }
        }
        if !numbers.isEmpty { try body(numbers) }
    }

    /// A number that changes whenever another connection commits; equal numbers mean nothing was
    /// changed by anyone else in between.
    public func changeCounter() throws -> Int { try database.dataVersion() }
}

/// Which interaction entries `interactions list` shows; nil matches any.
public struct InteractionFilter: Sendable {
    public var contactNo: String?
    public var segmentNo: String?
    public var loggedSegmentNo: Int?
    public var interactionTemplate: String?

    public init(contactNo: String? = nil, segmentNo: String? = nil, loggedSegmentNo: Int? = nil, interactionTemplate: String? = nil) {
        self.contactNo = contactNo
        self.segmentNo = segmentNo
        self.loggedSegmentNo = loggedSegmentNo
        self.interactionTemplate = interactionTemplate
    }
}

private extension String {
    func replacingFirst(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
