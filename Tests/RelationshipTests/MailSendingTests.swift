import Dispatch
import Foundation
import LettershopTestSupport
import MailDelivery
import Testing
@testable import Relationship

/// The delivery rules of `mail send`, with a transport in memory: nothing is sent twice, whatever
/// the server says and wherever a run stops.
@Suite struct MailSendingTests {
    /// What the fake server does for a recipient.
    enum Behaviour: Sendable {
        case accept
        case refuse(Int)
        case interrupt
        case noReply
        case unavailable
    }

    /// A transport that records each message and answers by recipient.
    final class FakeServer: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private(set) var received: [String] = []
        var behaviour: [String: Behaviour] = [:]
        var everyone: Behaviour?

        func transport() -> any MessageTransport { Connection(server: self) }

        func count(_ address: String) -> Int { locked { received.filter { $0 == address }.count } }

        func locked<T>(_ body: () -> T) -> T {
            lock.wait()
            defer { lock.signal() }
            return body()
        }

        final class Connection: MessageTransport {
            let server: FakeServer
            init(server: FakeServer) { self.server = server }

            func send(from: String, recipients: [String], message: [UInt8]) -> DeliveryOutcome {
                let recipient = recipients[0]
                let behaviour = server.locked { server.everyone ?? server.behaviour[recipient] ?? .accept }
                switch behaviour {
                case .accept:
                    server.locked { server.received.append(recipient) }
                    return .accepted(reply: "250 2.0.0 Ok: queued as Q\(recipient.count)")
                case let .refuse(code): return .refused(code: code, reply: "\(code) no", temporary: code < 500)
                case .interrupt: return .interrupted(reason: "connection reset")
                case .noReply:
                    server.locked { server.received.append(recipient) }
                    return .unknown(reason: "no reply")
                case .unavailable: return .unavailable(reason: "535 authentication failed")
                }
            }
        }
    }

    /// A logged e-mail segment of the fixture's contacts that have an address: entry numbers by address.
    private func logged(_ fixture: Fixture) throws -> [String: Int] {
        try fixture.importContacts()
        try fixture.addTemplate("MAIL", languages: [""])
        let segment = try fixture.createSegment {
            $0.interactionTemplate = "MAIL"
            $0.correspondenceType = .email
            $0.ignoreContactCorrespondenceType = true
        }
        try fixture.step(segment, .add, "Email is not empty")
        let log = try SegmentLog(store: fixture.store, segment: segment,
                                 options: .init(outputFolder: fixture.folder.file("letters"), from: "Kontor <post@kontor.example>"))
        #expect(log.issues.errors.isEmpty, "\(log.issues.errors.map(\.text))")
        _ = try log.run()
        var entries: [String: Int] = [:]
        for delivery in try fixture.store.deliveriesWithContacts(ofLogged: 1).map(\.delivery) { entries[delivery.recipientAddress] = delivery.entryNo }
        return entries
    }

    private func send(_ fixture: Fixture, _ server: FakeServer, _ options: MailSending.Options = .init(jobs: 2, backoffSeconds: 0))
        throws -> MailSending.Report {
        let path = fixture.folder.file("test.sqlite")
        return try MailSending(openStore: { try SQLiteStore(path: path) }, logged: 1, options: options)
            .run(transport: { server.transport() })
    }

    private func state(_ fixture: Fixture, _ entry: Int) throws -> EmailDelivery {
        try #require(try fixture.store.delivery(entry))
    }

    @Test func sendsEachOnceAndNeverAgain() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        #expect(entries.count >= 4)
        #expect(try fixture.store.deliveriesWithContacts(ofLogged: 1).map(\.delivery).allSatisfy { $0.state == .queued && $0.attempts == 0 })
        let server = FakeServer()
        let first = try send(fixture, server)
        #expect(first.sent == entries.count)
        for (address, entry) in entries {
            #expect(server.count(address) == 1)
            let delivery = try state(fixture, entry)
            #expect(delivery.state == .sent)
            #expect(delivery.attempts == 1)
            #expect(delivery.queueID == "Q\(address.count)")
            #expect(!delivery.deliveredAt.isEmpty && !delivery.messageSHA256.isEmpty)
        }
        let second = try send(fixture, server)
        #expect(second.sent == 0 && second.alreadySent == entries.count)
        #expect(server.received.count == entries.count)
    }

    @Test func temporaryRefusalsAreRetriedThenLeftDeferred() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let server = FakeServer()
        server.behaviour["ase@fjord.no"] = .refuse(451)
        server.behaviour["anna@strasse.de"] = .refuse(550)
        server.behaviour["ola@ost.no"] = .interrupt
        let report = try send(fixture, server, .init(jobs: 1, triesPerRun: 3, backoffSeconds: 0.01))
        #expect(report.deferred == 2 && report.failed == 1)
        let deferred = try state(fixture, entries["ase@fjord.no"]!)
        #expect(deferred.state == .deferred && deferred.attempts == 3 && deferred.reply == "451 no")
        #expect(try state(fixture, entries["ola@ost.no"]!).state == .deferred)
        let failed = try state(fixture, entries["anna@strasse.de"]!)
        #expect(failed.state == .failed && failed.attempts == 1 && failed.reply == "550 no")
        #expect(try fixture.store.interaction(entries["anna@strasse.de"]!)?.attemptFailed == true)
        #expect(try fixture.store.interaction(entries["ase@fjord.no"]!)?.attemptFailed == false)
        // The next run tries the deferred ones again, and leaves the failed one alone.
        server.behaviour = [:]
        let again = try send(fixture, server)
        #expect(again.sent == 2 && again.alreadyFailed == 1)
        #expect(try state(fixture, entries["ase@fjord.no"]!).state == .sent)
        #expect(server.count("anna@strasse.de") == 0)
    }

    @Test func aMessageWithoutReplyIsUnknownAndNotSentAgainUnlessAsked() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let server = FakeServer()
        server.behaviour["ase@fjord.no"] = .noReply
        _ = try send(fixture, server)
        let entry = entries["ase@fjord.no"]!
        #expect(try state(fixture, entry).state == .sending)
        // This process is alive; a `sending` owned by a dead process reads as unknown.
        var delivery = try state(fixture, entry)
        delivery.owner = ProcessIdentity(pid: Int32.max - 1, start: "1")
        #expect(delivery.shownState == .unknown)
        try fixture.store.transaction {
            _ = try fixture.store.claimDelivery(DeliveryClaim(entryNo: entry, from: [.sending], owner: ProcessIdentity(pid: Int32.max - 1, start: "1"),
                                                              at: "", message: delivery))
        }
        server.behaviour = [:]
        let rerun = try send(fixture, server)
        #expect(rerun.leftUnknown == 1 && rerun.sent == 0)
        #expect(server.count("ase@fjord.no") == 1)
        var options = MailSending.Options(jobs: 1, backoffSeconds: 0)
        options.resendUnknown = true
        let resent = try send(fixture, server, options)
        #expect(resent.sent == 1)
        #expect(server.count("ase@fjord.no") == 2)
        #expect(try state(fixture, entry).state == .sent)
    }

    @Test func anUnusableServerStopsTheRunAndMarksNothingFailed() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let server = FakeServer()
        server.everyone = .unavailable
        let report = try send(fixture, server)
        #expect(report.stopped == "535 authentication failed")
        #expect(report.failed == 0 && report.sent == 0)
        for entry in entries.values {
            let delivery = try state(fixture, entry)
            #expect(delivery.state == .queued && delivery.attempts == 0)
        }
    }

    @Test func canceledBlockedOptedOutAndInvalidGetNothing() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let canceled = entries["ase@fjord.no"]!
        _ = try InteractionLog(store: fixture.store).cancelInteraction(canceled)
        try fixture.store.transaction {
            var blocked = try #require(try fixture.store.contact("P21"))
            blocked[.privacyBlocked] = "true"
            try fixture.store.upsertContact(blocked, fields: [.privacyBlocked], customKeys: [])
        }
        _ = try OptOutRegister(store: fixture.store).optOut("P31", channels: [.email], reason: "asked", date: nil)
        // An entry logged before delivery records (no recipient kept) whose contact's address is now invalid.
        try fixture.store.database.execute("UPDATE email_deliveries SET recipient_address = '' WHERE entry_no = \(entries["info@strasse.de"]!)")
        try fixture.store.database.execute("UPDATE contacts SET email = 'info@@strasse.de' WHERE no = 'C2'")
        let server = FakeServer()
        let report = try send(fixture, server)
        #expect(report.canceled == 1)
        #expect(server.count("ase@fjord.no") == 0 && server.count("anna@strasse.de") == 0 && server.count("ola@ost.no") == 0)
        #expect(report.skipped.contains { $0.contactNo == "P21" && $0.reason.contains("privacy-blocked") })
        #expect(report.skipped.contains { $0.contactNo == "P31" && $0.reason.contains("opted out of e-mail") })
        #expect(try state(fixture, entries["ola@ost.no"]!).state == .queued)
        let invalid = try state(fixture, entries["info@strasse.de"]!)
        #expect(invalid.state == .failed && invalid.reply.contains("not a valid e-mail address"))
        #expect(try fixture.store.interaction(entries["info@strasse.de"]!)?.attemptFailed == true)
        #expect(report.failed == 1)
        #expect(report.sent == entries.count - 4)
    }

    @Test func atMostJobsConnectionsAndTheRateHeld() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let server = FakeServer()
        let connections = FakeCounter()
        let path = fixture.folder.file("test.sqlite")
        var options = MailSending.Options(jobs: 2)
        options.ratePerMinute = 600
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try MailSending(openStore: { try SQLiteStore(path: path) }, logged: 1, options: options)
            .run(transport: { connections.add(); return server.transport() })
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(report.sent == entries.count)
        #expect(connections.value == 2)
        // 600 a minute: one every 0.1 s over both connections.
        #expect(seconds >= 0.1 * Double(entries.count - 1) - 0.02, "\(seconds) s")
    }

    final class FakeCounter: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private var count = 0
        func add() { lock.wait(); count += 1; lock.signal() }
        var value: Int { lock.wait(); defer { lock.signal() }; return count }
    }

    @Test func dryRunChangesNothing() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let server = FakeServer()
        var options = MailSending.Options(jobs: 2)
        options.dryRun = true
        let report = try send(fixture, server, options)
        #expect(report.wouldSend.count == entries.count)
        #expect(server.received.isEmpty)
        #expect(try fixture.store.deliveriesWithContacts(ofLogged: 1).map(\.delivery).allSatisfy { $0.state == .queued && $0.attempts == 0 })
    }

    @Test func twoRunsAtOnceSendEachMessageOnce() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let server = FakeServer()
        let path = fixture.folder.file("test.sqlite")
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                _ = try? MailSending(openStore: { try SQLiteStore(path: path) }, logged: 1, options: .init(jobs: 2))
                    .run(transport: { server.transport() })
            }
        }
        group.wait()
        for address in entries.keys { #expect(server.count(address) == 1, "\(address)") }
    }

    /// The documents a PDF maker was asked to convert.
    final class Converted: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private var list: [String] = []

        func add(_ name: String) {
            lock.wait()
            list.append(name)
            lock.signal()
        }

        var names: [String] {
            lock.wait()
            defer { lock.signal() }
            return list
        }
    }

    /// `--attach pdf`: an entry whose PDF was logged beside its letter attaches that PDF; the others
    /// attach what the converter makes; a converter that fails leaves the entry queued.
    @Test func attachedPDFIsTheLoggedOneElseAConversion() throws {
        let fixture = try Fixture()
        let entries = try logged(fixture)
        let first = try #require(entries.keys.sorted().first)
        let address = first
        let entryNo = try #require(entries[first])
        let entry = try #require(try fixture.store.interaction(entryNo))
        let loggedPDF = Array("%PDF-1.7 logged beside the letter".utf8)
        let stem = String(entry.documentName.dropLast(4))
        try fixture.folder.write("letters/\(stem).pdf", bytes: loggedPDF)
        try fixture.store.database.execute("UPDATE interaction_log_entries SET pdf_sha256 = '\(SHA256.hex(loggedPDF))' WHERE entry_no = \(entryNo)")
        let converted = Array("%PDF-1.7 converted now".utf8)
        let conversions = Converted()
        let server = FakeServer()
        let path = fixture.folder.file("test.sqlite")
        let report = try MailSending(openStore: { try SQLiteStore(path: path) }, logged: 1,
                                     options: .init(jobs: 2, attachment: .pdf, backoffSeconds: 0),
                                     pdf: { _, name in
                                         conversions.add(name)
                                         return converted
                                     }).run(transport: { server.transport() })
        #expect(report.sent == entries.count && report.problems.isEmpty, "\(report.problems)")
        #expect(conversions.names.count == entries.count - 1)
        #expect(!conversions.names.contains(entry.documentName))
        for (other, otherNo) in entries {
            let name = try #require(try fixture.store.interaction(otherNo)).documentName
            let message = try String(contentsOfFile: fixture.folder.file("letters/" + name), encoding: .utf8)
            #expect(message.contains("Content-Type: application/pdf"), "\(other)")
            let expected = other == address ? loggedPDF : converted
            #expect(message.contains(Base64.encode(expected)), "\(other)")
            #expect(try state(fixture, otherNo).attachment == .pdf)
        }

        // A letter that cannot be converted is not sent and stays queued.
        let again = try Fixture()
        let queued = try logged(again)
        let failing = try MailSending(openStore: { [path = again.folder.file("test.sqlite")] in try SQLiteStore(path: path) }, logged: 1,
                                      options: .init(attachment: .pdf, backoffSeconds: 0),
                                      pdf: { _, _ in throw RelationshipError.problems(["LibreOffice is missing"]) })
            .run(transport: { server.transport() })
        #expect(failing.sent == 0 && failing.problems.count == queued.count)
        #expect(failing.problems.allSatisfy { $0.contains("LibreOffice is missing") })
        for (_, no) in queued { #expect(try state(again, no).state == .queued) }
    }

}
