import LettershopTestSupport
import Testing

@testable import Relationship

/// Schema 3 adds the personal note to interaction entries: a database made before it opens, keeps its
/// entries (with an empty note) and records notes from then on.
@Suite struct EntryNoteMigrationTests {
    @Test func aDatabaseOfSchemaTwoOpensAndKeepsItsEntries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("old.sqlite")
        do {
            let database = try Database(path: path)
            try database.execute(SQLiteStore.migrations[0])
            try database.execute(SQLiteStore.migrations[1])
            try database.execute("PRAGMA user_version = 2")
            try database.execute("""
                INSERT INTO contacts (no, name) VALUES ('C1', 'Fjord AS');
                INSERT INTO logged_segments (entry_no, segment_no, description, creation_date, user) VALUES (1, 'SM1', 'Old', '2026-01-01', 'u');
                INSERT INTO interaction_log_entries (contact_no, contact_company_no, date, time, interaction_template, description, subject,
                    correspondence_type, language_code, information_flow, initiated_by, cost, duration, salesperson_code, campaign_no,
                    segment_no, logged_segment_no, user, document_name, document_sha256, template_sha256, merged_values)
                VALUES ('C1', 'C1', '2026-01-01', '10:00:00', 'T', 'Old letter', '', 'hard-copy', 'nb', 'outbound', 'us', 0, 0, '', '',
                    'SM1', 1, 'u', 'C1.docx', '', '', '{}');
                """)
        }
        let store = try SQLiteStore(path: path)
        let old = try #require(try store.interaction(1))
        #expect(old.description == "Old letter")
        #expect(old.personalNote == "")

        let entryNo = try store.transaction {
            try store.insertInteraction(InteractionEntry(contactNo: "C1", date: "2026-02-01", loggedSegmentNo: 1,
                                                         personalNote: "Takk for sist,\nÅse!"))
        }
        #expect(try store.interaction(entryNo)?.personalNote == "Takk for sist,\nÅse!")
        let version = try store.database.prepare("PRAGMA user_version").firstRow { $0.integer(0) }
        #expect(version == SQLiteStore.migrations.count)
    }
}
