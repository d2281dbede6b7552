import Foundation
import LettershopTestSupport
import Testing

/// Sending together with what print runs and Business Central breadth brought: PDF attachments through
/// LibreOffice, letters edited by hand, and segments of calls only. Against the loopback SMTP server.
@Suite(.enabled(if: LoopbackSMTP.isAvailable, "needs python3 with aiosmtpd (pip install aiosmtpd)"), .serialized)
struct MailPrintCLITests {
    typealias Mailroom = MailCLITests.Mailroom

    /// The bytes the server received for `messageID`.
    static func received(_ server: LoopbackSMTP, messageID: String) throws -> Data {
        let file = try #require(server.messageFiles.first {
            (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("<\(messageID)>") == true
        })
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    @Test(.enabled(if: LibreOfficeText.soffice != nil, "needs LibreOffice")) func attachPDFConvertsTheLetterThroughLibreOffice() throws {
        let room = try Mailroom(count: 2)
        defer { room.remove() }
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"))
        defer { server.stop() }
        try room.configure(server)
        #expect(try room.log().status == 0)
        let sent = try room.run("mail", "send", "1", "--attach", "pdf")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("logged segment 1: sent 2, deferred 0, failed 0"))
        for row in try room.status() {
            let contact = try #require(row["ContactNo"] as? String)
            let bytes = try Self.received(server, messageID: try #require(row["MessageID"] as? String))
            let eml = room.workspace.folder.file("letters/1/\(contact).eml")
            #expect(try Data(contentsOf: URL(fileURLWithPath: eml)) == bytes)
            let message = try MailCLITests.parse(eml)
            let attachments = try #require(message["attachments"] as? [[String]])
            #expect(attachments.count == 1)
            #expect(attachments.first?[0] == "\(contact).pdf" && attachments.first?[1] == "application/pdf")
            #expect(attachments.first?[2].hasPrefix("255044462d") == true)  // %PDF-
            #expect((message["html"] as? String)?.contains("Våre nye avtaler for") == true)
            // Made again from the database: the message sent, byte for byte.
            let entry = try #require(row["EntryNo"] as? Int)
            #expect(try room.run("interactions", "document", String(entry), "--message", "--out", "\(contact)-again.eml").status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: room.workspace.folder.file("\(contact)-again.eml"))) == bytes)
        }
    }

    @Test func attachPDFWithoutLibreOfficeSaysWhatToInstallAndSendsNothing() throws {
        let room = try Mailroom(count: 2, environment: ["PATH": "/nonexistent"])
        defer { room.remove() }
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"))
        defer { server.stop() }
        try room.configure(server)
        #expect(try room.log().status == 0)
        let sent = try room.run("mail", "send", "1", "--attach", "pdf")
        #expect(sent.status == 1)
        #expect(sent.stderr.contains("libreoffice-writer-nogui"), "\(sent.stderr)")
        #expect(server.received.isEmpty)
        #expect(try room.status().allSatisfy { $0["DeliveryState"] as? String == "queued" })
    }

    @Test func aLetterEditedByHandIsSentAsStored() throws {
        let room = try Mailroom(count: 2)
        defer { room.remove() }
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"))
        defer { server.stop() }
        try room.configure(server)
        let edited = DocxBuilder(body: "<w:p><w:r><w:t>Som avtalt på telefonen i dag</w:t></w:r></w:p>").build()
        try room.workspace.folder.write("edited.docx", bytes: edited)
        #expect(try room.run("segment", "line", "attach", "SM00001", "CT1001", "edited.docx").status == 0)
        let logged = try room.log("--send", "--attach", "docx")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("sent 2, deferred 0, failed 0"))
        let row = try room.state(of: "p1@example.com")
        #expect(row["ContactNo"] as? String == "CT1001")
        let bytes = try Self.received(server, messageID: try #require(row["MessageID"] as? String))
        let eml = room.workspace.folder.file("letters/1/CT1001.eml")
        #expect(try Data(contentsOf: URL(fileURLWithPath: eml)) == bytes)
        let message = try MailCLITests.parse(eml)
        #expect((message["html"] as? String)?.contains("Som avtalt på telefonen i dag") == true)
        #expect((message["text"] as? String)?.contains("Som avtalt på telefonen i dag") == true)
        #expect((message["html"] as? String)?.contains("Våre nye avtaler") == false)
        let attachments = try #require(message["attachments"] as? [[String]])
        #expect(attachments.first?[2] == edited.map { String(format: "%02x", $0) }.joined())
        let entry = try #require(row["EntryNo"] as? Int)
        #expect(try room.run("interactions", "document", String(entry), "--message", "--out", "again.eml").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: room.workspace.folder.file("again.eml"))) == bytes)
        // The other contact's letter is the template's.
        let other = try MailCLITests.parse(room.workspace.folder.file("letters/1/CT1002.eml"))
        #expect((other["html"] as? String)?.contains("Våre nye avtaler for") == true)
    }

    @Test func aSegmentOfCallsOnlySendsNothingAndSaysSo() throws {
        let room = try Mailroom(count: 2)
        defer { room.remove() }
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"))
        defer { server.stop() }
        try room.configure(server)
        #expect(try room.run("templates", "add", "CALL").status == 0)
        for contact in ["CT1001", "CT1002"] {
            #expect(try room.run("segment", "line", "SM00001", contact, "--template", "CALL").status == 0)
        }
        let logged = try room.log("--send")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("logged segment 1: 2 interactions"))
        #expect(logged.stdout.contains("nothing sent: no line has a letter (calls and meetings only)"))
        #expect(server.received.isEmpty)
        #expect(try room.status().isEmpty)
    }
}
