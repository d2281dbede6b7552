import DocxMerge
import Testing
@testable import Relationship

/// Opt-out per channel: history records, the last one deciding; criteria skip opted-out contacts for
/// their line's channel; imports make records from columns.
@Suite struct OptOutTests {
    @Test func theLastRecordDecidesAndTheHistoryStays() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        let register = OptOutRegister(store: fixture.store)
        #expect(try !register.isOptedOut("P11", channel: .email))
        let out = try register.optOut("P11", channels: [.email], reason: "asked", date: "2026-01-02")
        #expect(out.first?.record?.date == "2026-01-02")
        #expect(try register.isOptedOut("P11", channel: .email))
        #expect(try !register.isOptedOut("P11", channel: .hardCopy))
        // Opting out again records nothing; opting in is a new record, the opt-out stays.
        #expect(try register.optOut("P11", channels: [.email], reason: "again", date: nil).first?.record == nil)
        _ = try register.optIn("P11", channels: [.email, .hardCopy], reason: "", date: nil)
        #expect(try !register.isOptedOut("P11", channel: .email))
        let history = try register.history("P11")
        #expect(history.map(\.optedOut) == [true, false])
        #expect(history.first?.reason == "asked")
        #expect(history.allSatisfy { !$0.user.isEmpty })
        #expect(try register.optedOut(["P11", "P12"], channel: .email).isEmpty)
        #expect(throws: RelationshipError.unknownContact("NOPE")) { try register.optOut("NOPE", channels: [.email], reason: "", date: nil) }
        #expect(throws: RelationshipError.self) { try register.optOut("P11", channels: [.email], reason: "", date: "2026-02-30") }
    }

    /// The batch reads a segment's letters use (and `contact(_:)` through them) give the stored contacts
    /// and the last opt-out record per channel.
    @Test func batchReadsEqualOneByOne() throws {
        let fixture = try Fixture()
        try fixture.importContacts(Fixture.contactsCSV + "\n\"Q\"\"1\\\",person,Quoted No,,,,Oslo,0150,,nb,,,,,Retail,")
        let register = OptOutRegister(store: fixture.store)
        _ = try register.optOut("P11", channels: [.email], reason: "", date: nil)
        _ = try register.optIn("P11", channels: [.email], reason: "", date: nil)
        _ = try register.optOut("P21", channels: [.email, .hardCopy], reason: "", date: nil)
        let numbers = ["P11", "NOPE", "C1", "Q\"1\\", "P21", "P31"]
        let contacts = try fixture.store.contacts(numbered: numbers)
        #expect(Set(contacts.keys) == ["P11", "C1", "Q\"1\\", "P21", "P31"])
        #expect(contacts["C1"]?[.name] == "Fjord AS" && contacts["C1"]?[.city] == "Oslo")
        #expect(contacts["C1"]?.customValue("Industry") == "Architecture" && contacts["C1"]?.customValue("Founded") == "2001-05-01")
        #expect(contacts["P21"]?.customValue("Industry") == "Retail" && contacts["P21"]?[.firstName] == "Anna")
        #expect(contacts["Q\"1\\"]?[.name] == "Quoted No")
        // Every contact the whole table holds reads the same through the batch as through the list.
        let all = try fixture.store.contacts(numbered: numbers + ["C2", "C3", "P12", "P22"])
        try fixture.store.forEachContactBatch(batch: 3) { batch in
            for contact in batch { #expect(all[contact.no] == contact, "\(contact.no)") }
        }
        let optOuts = try fixture.store.currentOptOuts(contactNos: numbers)
        for no in numbers {
            for channel in CorrespondenceType.allCases {
                #expect(optOuts[no]?[channel] == (try fixture.store.currentOptOut(contactNo: no, channel: channel)), "\(no) \(channel)")
            }
        }
        #expect(optOuts["P11"]?[.email]?.optedOut == false)
        #expect(optOuts["P21"]?[.hardCopy]?.optedOut == true)
        #expect(try fixture.store.contacts(numbered: []).isEmpty)
    }

    @Test func criteriaSkipThemForTheLinesChannelUnlessTold() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        let register = OptOutRegister(store: fixture.store)
        // P11's line goes by e-mail (its CorrespondenceType), which it refuses; P31 has none, so its line is
        // the header's hard copy, which it refuses.
        _ = try register.optOut("P11", channels: [.email], reason: "", date: nil)
        _ = try register.optOut("P31", channels: [.hardCopy], reason: "", date: nil)
        _ = try register.optOut("P21", channels: [.email], reason: "", date: nil)
        #expect(try fixture.select("opted-out(email)") == ["P11", "P21"])
        #expect(try fixture.select("opted-out('hard-copy')") == ["P31"])
        let segment = try fixture.createSegment { $0.correspondenceType = .hardCopy }
        let report = try fixture.step(segment, .add, "Type = person")
        // P21 refused e-mail but its line is a hard copy: it stays. P12 is excluded, P22 blocked.
        #expect(try fixture.contactsOn(segment) == ["P21"])
        #expect(report.skippedOptedOut == 2)
        let ignoring = try fixture.step(segment, .add, "Type = person", options: [.ignoreExclusion])
        #expect(ignoring.added == 3)
        // Added by hand, kept; segment check reports it.
        let other = try fixture.createSegment { $0.correspondenceType = .hardCopy }
        try fixture.step(other, .addContacts, contacts: ["P31"])
        let issues = try SegmentLetters(store: fixture.store, segment: other).issues
        #expect(issues.contains { $0.code == "opted-out" && $0.contactNo == "P31" && $0.severity == .error })
    }

    @Test func importColumnsMakeRecords() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        try fixture.importContacts("No,OptOutEmail,OptOutHardCopy,OptOutReason,OptOutDate\nP11,yes,,by letter,2026-03-01\nP21,,true,,\n")
        #expect(try fixture.store.isOptedOut(contactNo: "P11", channel: .email))
        #expect(try fixture.store.currentOptOut(contactNo: "P11", channel: .email)?.reason == "by letter")
        #expect(try !fixture.store.isOptedOut(contactNo: "P11", channel: .hardCopy))
        #expect(try fixture.store.isOptedOut(contactNo: "P21", channel: .hardCopy))
        // Not custom fields; false opts in again, empty leaves it.
        #expect(try fixture.store.customFields().map(\.name) == ["Industry", "Founded"])
        try fixture.importContacts("No,OptOutEmail,OptOutHardCopy\nP11,false,\nP21,,\n")
        #expect(try !fixture.store.isOptedOut(contactNo: "P11", channel: .email))
        #expect(try fixture.store.isOptedOut(contactNo: "P21", channel: .hardCopy))
        #expect(try fixture.store.optOutHistory(contactNo: "P11").count == 2)
        // A bad cell names its line and column; nothing is kept.
        #expect {
            try fixture.importContacts("No,OptOutEmail,OptOutDate\nP31,maybe,\nP12,yes,2026-13-01\n")
        } throws: { error in
            (error as? RelationshipError)?.messages == [
                "contacts.csv:2: OptOutEmail: 'maybe' is not a boolean (true/false, yes/no, 1/0; empty leaves it)",
                "contacts.csv:3: OptOutDate: '2026-13-01' is not a date such as 2026-11-29",
            ]
        }
        #expect(try !fixture.store.isOptedOut(contactNo: "P12", channel: .email))
        // Other spellings of the columns.
        try fixture.importContacts("No,Email Opt Out,Opted Out Hard Copy\nP12,1,yes\n")
        #expect(try fixture.store.isOptedOut(contactNo: "P12", channel: .email))
        #expect(try fixture.store.isOptedOut(contactNo: "P12", channel: .hardCopy))
    }
}
