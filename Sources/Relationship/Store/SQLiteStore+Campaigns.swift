extension SQLiteStore {
    private static let campaignColumns = "no, description, starting_date, ending_date, status, salesperson_code"

    private static func readCampaign(_ row: Statement) -> Campaign {
        Campaign(no: row.text(0), description: row.text(1), startingDate: row.text(2), endingDate: row.text(3), status: row.text(4),
                 salespersonCode: row.text(5))
    }

    public func campaign(_ no: String) throws -> Campaign? {
        try statement("SELECT \(Self.campaignColumns) FROM campaigns WHERE no = ?").firstRow([.text(no)], Self.readCampaign)
    }

    public func campaigns() throws -> [Campaign] {
        try statement("SELECT \(Self.campaignColumns) FROM campaigns ORDER BY no").rows([], Self.readCampaign)
    }

    /// Inserts or replaces the campaign of that number.
    public func saveCampaign(_ campaign: Campaign) throws {
        try statement("""
            INSERT INTO campaigns (\(Self.campaignColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (no) DO UPDATE SET description = ?2, starting_date = ?3, ending_date = ?4, status = ?5, salesperson_code = ?6
            """).run([.text(campaign.no), .text(campaign.description), .text(campaign.startingDate), .text(campaign.endingDate),
                      .text(campaign.status), .text(campaign.salespersonCode)])
    }

    public func deleteCampaign(_ no: String) throws {
        try statement("DELETE FROM campaigns WHERE no = ?").run([.text(no)])
    }

    /// How many interaction entries and open segments (header or line) name the campaign.
    public func campaignUse(_ no: String) throws -> (entries: Int, segments: Int) {
        let entries = try statement("SELECT count(*) FROM interaction_log_entries WHERE campaign_no = ? COLLATE NOCASE")
            .firstRow([.text(no)]) { $0.integer(0) } ?? 0
        let segments = try statement("""
            SELECT count(*) FROM segments s WHERE s.campaign_no = ?1 COLLATE NOCASE
               OR EXISTS (SELECT 1 FROM segment_lines l WHERE l.segment_no = s.no AND l.campaign_no = ?1 COLLATE NOCASE)
            """).firstRow([.text(no)]) { $0.integer(0) } ?? 0
        return (entries, segments)
    }

    public func campaignStatistics(_ no: String) throws -> CampaignStatistics {
        var statistics = CampaignStatistics()
        try statement("""
            SELECT count(*), coalesce(sum(cost), 0), coalesce(sum(duration), 0),
                   count(DISTINCT CASE WHEN campaign_target = 1 THEN contact_no END),
                   count(DISTINCT CASE WHEN campaign_response = 1 THEN contact_no END)
            FROM interaction_log_entries WHERE campaign_no = ?1 COLLATE NOCASE AND canceled = 0
            """).forEachRow([.text(no)]) { row in
            statistics.interactions = row.integer(0)
            statistics.cost = row.real(1)
            statistics.duration = row.real(2)
            statistics.targets = row.integer(3)
            statistics.responses = row.integer(4)
        }
        statistics.respondingTargets = try statement("""
            SELECT count(DISTINCT r.contact_no) FROM interaction_log_entries r
            WHERE r.campaign_no = ?1 COLLATE NOCASE AND r.canceled = 0 AND r.campaign_response = 1
              AND EXISTS (SELECT 1 FROM interaction_log_entries t WHERE t.contact_no = r.contact_no AND t.campaign_no = ?1 COLLATE NOCASE
                          AND t.canceled = 0 AND t.campaign_target = 1)
            """).firstRow([.text(no)]) { $0.integer(0) } ?? 0
        return statistics
    }

    /// The contacts numbered `first` through `last` related to campaign `no` as `relation` says.
    func campaignContacts(_ no: String, _ relation: CampaignRelation, contactsFrom first: String, through last: String) throws -> Set<String> {
        let column = relation == .target ? "campaign_target" : "campaign_response"
        return Set(try statement("""
            SELECT DISTINCT contact_no FROM interaction_log_entries
            WHERE contact_no >= ?1 AND contact_no <= ?2 AND campaign_no = ?3 COLLATE NOCASE AND canceled = 0 AND \(column) = 1
            """).rows([.text(first), .text(last), .text(no)]) { $0.text(0) })
    }
}
