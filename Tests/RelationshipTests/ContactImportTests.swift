import DocxMerge
import Testing
@testable import Relationship

@Suite struct ContactImportTests {
    @Test func importsAndUpserts() throws {
        let fixture = try Fixture()
        #expect(try fixture.importContacts() == ContactImport.Result(added: 8, updated: 0))
        let person = try #require(try fixture.store.contact("P11"))
        #expect(person[.companyName] == "Fjord AS")
        #expect(person.companyKey == "C1")
        #expect(person.customValue("industry") == "Architecture")
        #expect(try #require(try fixture.store.contact("C1")).companyKey == "C1")
        #expect(try fixture.store.contact("P12")?.isExcluded == true)

        // Columns present replace, absent keep; an empty Type is a company; ContactNo is read as No.
        let result = try fixture.importContacts("contact_no,City,industry\nP11,Bergen,\nN1,Tromsø,Fishing\n")
        #expect(result == ContactImport.Result(added: 1, updated: 1))
        let updated = try #require(try fixture.store.contact("P11"))
        #expect(updated[.city] == "Bergen")
        #expect(updated[.email] == "ase@fjord.no")
        #expect(updated.customValue("Industry") == "")
        #expect(try fixture.store.contact("N1")?.type == .company)
        #expect(try fixture.store.customFields().map(\.name) == ["Industry", "Founded"])
    }

    @Test func everyBadRowIsReportedAndNothingChanges() throws {
        let fixture = try Fixture()
        let csv = """
            No,Type,ExcludeFromSegment,CorrespondenceType
            A1,company,,
            ,person,,
            A3,robot,,
            A4,person,maybe,
            A1,person,no,
            A6,person,no,fax
            A7,person,no,EMAIL
            ABCDEFGHIJKLMNOPQRSTU,,,
            """
        #expect(throws: RelationshipError.self) { try fixture.importContacts(csv, name: "bad.csv") }
        do { try fixture.importContacts(csv, name: "bad.csv") } catch let error as RelationshipError {
            #expect(error.messages == [
                "bad.csv:3: missing No",
                "bad.csv:4: Type: unknown type 'robot' (company or person)",
                "bad.csv:5: ExcludeFromSegment: 'maybe' is not a boolean (true/false, yes/no, 1/0)",
                "bad.csv:6: duplicate No 'A1' (first on line 2)",
                "bad.csv:7: CorrespondenceType: 'fax' is not hard-copy or email",
                "bad.csv:9: No 'ABCDEFGHIJKLMNOPQRSTU' is longer than 20 characters",
            ])
        }
        #expect(try fixture.select("No is not empty") == [])
    }

    @Test func failureOnRow9000Of10000ChangesNothing() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        var csv = "No,Name,City,PrivacyBlocked\n"
        for index in 1...10_000 {
            csv += "N\(index),Name \(index),Oslo,\(index == 9_000 ? "perhaps" : "no")\n"
        }
        csv += "C1,Renamed,Oslo,no\n"
        do {
            try fixture.importContacts(csv, name: "big.csv")
            Issue.record("the import succeeded")
        } catch let error as RelationshipError {
            #expect(error.messages == ["big.csv:9001: PrivacyBlocked: 'perhaps' is not a boolean (true/false, yes/no, 1/0)"])
        }
        #expect(try fixture.select("City = Oslo") == ["C1", "P11", "P12"])
        #expect(try fixture.store.contact("C1")?[.name] == "Fjord AS")
    }

    @Test func deleteIsRefusedOnAnOpenSegment() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        let segment = try fixture.createSegment()
        try fixture.step(segment, .addContacts, contacts: ["P11"])
        #expect(throws: RelationshipError.contactOnSegment(contact: "P11", segment: segment)) {
            try ContactBook(store: fixture.store).delete("P11")
        }
        try ContactBook(store: fixture.store).delete("P31")
        #expect(try fixture.store.contact("P31") == nil)
        #expect(throws: RelationshipError.unknownContact("P31")) { try ContactBook(store: fixture.store).delete("P31") }
    }
}
