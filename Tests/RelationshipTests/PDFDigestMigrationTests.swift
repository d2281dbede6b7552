import LettershopTestSupport
import Testing

@testable import Relationship

/// Schema 9 adds the logged PDF's SHA-256 to interaction entries: a database of schema 8 opens, keeps
/// its entries (with every field of schema 8, and no PDF) and records PDF digests from then on.
@Suite struct PDFDigestMigrationTests {
    @Test func aDatabaseOfSchemaEightOpensAndKeepsItsEntries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("old.sqlite")
        do {
            let database = try Database(path: path)
            for migration in SQLiteStore.migrations.prefix(8) { try database.execute(migration) }
            try database.execute("PRAGMA user_version = 8")
            try database.execute("""
                INSERT INTO contacts (no, name) VALUES ('C1', 'Fjord AS');
                INSERT INTO logged_segments (entry_no, segment_no, description, creation_date, user) VALUES (1, 'SM1', 'Old', '2026-01-01', 'u');
                INSERT INTO interaction_log_entries (contact_no, contact_company_no, date, time, interaction_template, description, subject,
                    correspondence_type, language_code, information_flow, initiated_by, cost, duration, salesperson_code, campaign_no,
                    segment_no, logged_segment_no, user, document_name, document_sha256, template_sha256, merged_values,
                    edited_by_hand, personal_note)
                VALUES ('C1', 'C1', '2026-01-01', '10:00:00', 'T', 'Old letter', '', 'hard-copy', 'nb', 'outbound', 'us', 0, 0, '', '',
                    'SM1', 1, 'u', 'C1.docx', 'abc', '', '{}', 1, 'Hei');
                """)
        }
        let store = try SQLiteStore(path: path)
        let old = try #require(try store.interaction(1))
        #expect(old.description == "Old letter")
        #expect(old.editedByHand)
        #expect(old.personalNote == "Hei")
        #expect(old.pdfSHA256 == "")

        let digest = String(repeating: "ab", count: 32)
        let entryNo = try store.transaction {
            try store.insertInteraction(InteractionEntry(contactNo: "C1", date: "2026-02-01", loggedSegmentNo: 1, note: "Sent",
                                                         personalNote: "Takk", pdfSHA256: digest))
        }
        let entry = try #require(try store.interaction(entryNo))
        #expect(entry.pdfSHA256 == digest)
        #expect(entry.note == "Sent" && entry.personalNote == "Takk")
        let version = try store.database.prepare("PRAGMA user_version").firstRow { $0.integer(0) }
        #expect(version == SQLiteStore.migrations.count)
        #expect(version == 9)
    }
}
