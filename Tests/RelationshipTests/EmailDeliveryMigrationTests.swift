import LettershopTestSupport
import Testing

@testable import Relationship

/// Schema 10 adds the delivery record of each e-mail entry after the Business Central breadth (3–7), personal
/// notes (8) and PDF digests (9): a database of schema 9 opens, keeps its entries with every field, and its e-mail
/// entries start out queued.
@Suite struct EmailDeliveryMigrationTests {
    @Test func aDatabaseOfSchemaNineOpensWithItsEmailEntriesQueued() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("old.sqlite")
        let digest = String(repeating: "cd", count: 32)
        do {
            let database = try Database(path: path)
            for migration in SQLiteStore.migrations.prefix(9) { try database.execute(migration) }
            try database.execute("PRAGMA user_version = 9")
            try database.execute("""
                INSERT INTO contacts (no, name) VALUES ('C1', 'Fjord AS');
                INSERT INTO campaigns (no) VALUES ('CP1');
                INSERT INTO logged_segments (entry_no, segment_no, description, creation_date, user) VALUES (1, 'SM1', 'Old', '2026-01-01', 'u');
                INSERT INTO interaction_log_entries (contact_no, contact_company_no, date, time, interaction_template, description, subject,
                    correspondence_type, language_code, information_flow, initiated_by, cost, duration, salesperson_code, campaign_no,
                    segment_no, logged_segment_no, user, document_name, document_sha256, template_sha256, merged_values,
                    edited_by_hand, personal_note, pdf_sha256)
                VALUES ('C1', 'C1', '2026-01-01', '10:00:00', 'T', 'Old letter', '', 'hard-copy', 'nb', 'outbound', 'us', 0, 0, '', 'CP1',
                    'SM1', 1, 'u', 'C1.docx', 'abc', '', '{}', 1, 'Hei', '\(digest)'),
                       ('C1', 'C1', '2026-01-01', '10:00:00', 'T', 'Old e-mail', '', 'email', 'nb', 'outbound', 'us', 0, 0, '', '',
                    'SM1', 1, 'u', 'C1.eml', 'def', '', '{}', 0, '', '');
                """)
        }
        let store = try SQLiteStore(path: path)
        let letter = try #require(try store.interaction(1))
        #expect(letter.description == "Old letter" && letter.campaignNo == "CP1")
        #expect(letter.editedByHand && letter.personalNote == "Hei" && letter.pdfSHA256 == digest)
        #expect(try store.delivery(1) == nil)
        let email = try #require(try store.delivery(2))
        #expect(email.state == .queued && email.attempts == 0 && email.messageSHA256.isEmpty)
        let version = try store.database.prepare("PRAGMA user_version").firstRow { $0.integer(0) }
        #expect(version == 10 && SQLiteStore.migrations.count == 10)
    }

    /// Each table and column is made by one migration only, and the e-mail one comes last.
    @Test func theEmailMigrationIsTheLastAndNothingIsMadeTwice() {
        let migrations = SQLiteStore.migrations
        #expect(migrations.last?.contains("CREATE TABLE email_deliveries") == true)
        for made in ["CREATE TABLE email_deliveries", "CREATE TABLE contact_opt_outs", "ADD COLUMN attempt_failed",
                     "CREATE TABLE campaigns", "ADD COLUMN personal_note", "ADD COLUMN pdf_sha256"] {
            #expect(migrations.filter { $0.contains(made) }.count == 1, "\(made)")
        }
    }
}
