import Testing
@testable import Relationship

/// A database made before the Business Central breadth (schema version 2) opens, migrates and works.
@Suite struct BreadthMigrationTests {
    @Test func aVersionTwoDatabaseMigrates() throws {
        let fixture = try Fixture()
        let path = fixture.folder.file("old.sqlite")
        do {
            let database = try Database(path: path)
            try database.execute("PRAGMA foreign_keys = ON")
            for script in SQLiteStore.migrations.prefix(2) { try database.execute(script) }
            try database.execute("PRAGMA user_version = 2")
            try database.execute("""
                INSERT INTO contacts (no, name) VALUES ('A1', 'Ann');
                INSERT INTO logged_segments (segment_no, description, creation_date, user) VALUES ('S', 'Old', '2026-01-01', 'u');
                INSERT INTO interaction_log_entries (contact_no, contact_company_no, date, time, interaction_template, description,
                    subject, correspondence_type, language_code, information_flow, initiated_by, cost, duration, salesperson_code,
                    campaign_no, segment_no, logged_segment_no, user, document_name, document_sha256, template_sha256, merged_values)
                VALUES ('A1', 'A1', '2026-01-01', '10:00:00', 'L', 'Old', '', 'hard-copy', '', 'outbound', 'us', 1, 0, '', 'CP-OLD',
                    'S', 1, 'u', 'A1.docx', 'abc', 'def', '{}');
                """)
        }
        let store = try SQLiteStore(path: path)
        let version = try store.database.prepare("PRAGMA user_version").firstRow { $0.integer(0) }
        #expect(version == SQLiteStore.migrations.count)
        let entry = try #require(try store.interaction(1))
        #expect(entry.evaluation == "" && !entry.attemptFailed && !entry.campaignTarget && !entry.editedByHand)
        #expect(try store.loggedSegments().map(\.logged.entryNo) == [1])
        #expect(try store.nextLoggedSegmentNo() == 2)
        // A campaign number used before campaigns existed became a campaign.
        #expect(try store.campaign("CP-OLD") != nil)
        _ = try OptOutRegister(store: store).optOut("A1", channels: [.email], reason: "", date: nil)
        #expect(try store.isOptedOut(contactNo: "A1", channel: .email))
    }
}
