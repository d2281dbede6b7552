import DocxMerge
import Testing
@testable import Relationship

/// The streaming import (rows written as they are read, problems thrown at the end) keeps the rules
/// of the all-in-memory one: order in the file does not matter, failures change nothing.
@Suite struct ContactImportSpeedTests {
    /// A file of `companies` companies, each followed by `personsEach` persons, with a custom column.
    static func bigFile(companies: Int, personsEach: Int, city: (Int) -> String = { _ in "Oslo" },
                        bad: Int? = nil) -> String {
        var csv = "No,Type,Name,CompanyNo,City,ExcludeFromSegment,Industry\n"
        var row = 0
        for company in 1...companies {
            row += 1
            csv += "C\(company),company,Company \(company),,\(city(row)),no,Retail\n"
            for person in 1...personsEach {
                row += 1
                let flag = row == bad ? "perhaps" : "no"
                csv += "P\(company)-\(person),person,Person \(person),C\(company),\(city(row)),\(flag),\n"
            }
        }
        return csv
    }

    @Test func largeFileThenReimportCountsAddedAndUpdated() throws {
        let fixture = try Fixture()
        let csv = Self.bigFile(companies: 200, personsEach: 49)
        #expect(try fixture.importContacts(csv) == ContactImport.Result(added: 10_000, updated: 0))
        let person = try #require(try fixture.store.contact("P7-3"))
        #expect(person[.companyName] == "Company 7")
        #expect(person.customValue("Industry") == "")
        #expect(try fixture.store.contact("C7")?.customValue("industry") == "Retail")

        let again = Self.bigFile(companies: 201, personsEach: 49, city: { _ in "Bergen" })
        #expect(try fixture.importContacts(again) == ContactImport.Result(added: 50, updated: 10_000))
        #expect(try fixture.store.contact("P7-3")?[.city] == "Bergen")
        #expect(try fixture.store.contact("P201-49")?[.companyName] == "Company 201")
    }

    @Test func aBadRowNearTheEndChangesNothingAndEveryBadRowIsListed() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        var csv = Self.bigFile(companies: 100, personsEach: 49, bad: 4_990)
        csv += "P11,person,Renamed,C1,Oslo,maybe,Mining\nC1,,,,,,\n"
        do {
            try fixture.importContacts(csv, name: "big.csv")
            Issue.record("the import succeeded")
        } catch let error as RelationshipError {
            #expect(error.messages == [
                "big.csv:4991: ExcludeFromSegment: 'perhaps' is not a boolean (true/false, yes/no, 1/0)",
                "big.csv:5002: ExcludeFromSegment: 'maybe' is not a boolean (true/false, yes/no, 1/0)",
                "big.csv:5003: duplicate No 'C1' (first on line 2)",
            ])
        }
        #expect(try fixture.store.contact("C5") == nil)
        #expect(try fixture.store.contact("P11")?[.name] == "Åse Ødegård")
        #expect(try fixture.store.contact("C1")?[.type] == "company")
        #expect(try fixture.select("No is not empty").count == 8)
    }

    @Test func aBrokenCSVRecordChangesNothing() throws {
        let fixture = try Fixture()
        let csv = "No,Name,Colour\nA1,One,Red\nA2,Two,Blue\nA3,Three\n"
        #expect(throws: RelationshipError.problems(["contacts.csv:4: expected 3 values, found 2"])) { try fixture.importContacts(csv) }
        #expect(try fixture.store.contact("A1") == nil)
        #expect(throws: RelationshipError.problems(["contacts.csv:2: unterminated quoted value"])) {
            try fixture.importContacts("No,Name\n\"A1,One\n")
        }
        #expect(try fixture.store.customFields().isEmpty)
    }

    @Test func aPersonBeforeItsCompanyTakesTheFilesName() throws {
        let fixture = try Fixture()
        try fixture.importContacts()  // C1 is stored as Fjord AS
        try fixture.importContacts("""
            No,Type,Name,CompanyNo
            Q1,person,Kari,C1
            C1,company,Fjord Renamed AS,
            C9,,New Company AS,
            Q2,person,Per,C9
            Q3,person,Liv,C1
            """)
        #expect(try fixture.store.contact("Q1")?[.companyName] == "Fjord Renamed AS")
        #expect(try fixture.store.contact("Q2")?[.companyName] == "New Company AS")
        #expect(try fixture.store.contact("Q3")?[.companyName] == "Fjord Renamed AS")
        // A company neither stored nor on an earlier row is an error (domain.md), with a CompanyName column too.
        #expect(throws: RelationshipError.self) {
            try fixture.importContacts("""
                No,Type,Name,CompanyNo,CompanyName
                R1,person,Kari,C7,
                C7,company,Seven AS,,
                """)
        }
        // With a CompanyName column, empty where the company is to fill it in.
        try fixture.importContacts("""
            No,Type,Name,CompanyNo,CompanyName
            C7,company,Seven AS,,
            R1,person,Kari,C7,
            R2,person,Per,C7,Own Name
            """)
        #expect(try fixture.store.contact("R1")?[.companyName] == "Seven AS")
        #expect(try fixture.store.contact("R2")?[.companyName] == "Own Name")
    }

    @Test func aStoredCompanyNameIsKeptWhenTheFileHasNone() throws {
        let fixture = try Fixture()
        try fixture.importContacts("""
            No,Type,Name,CompanyNo,CompanyName
            C1,company,,,
            S1,person,Kari,C1,Kept Name
            S2,person,Per,C1,
            """)
        #expect(try fixture.store.contact("S2")?[.companyName] == "")  // C1 has no name yet
        try fixture.importContacts("""
            No,Type,Name,CompanyNo
            S1,person,Kari,C1
            S2,person,Per,C1
            C1,company,Later AS,
            """)
        #expect(try fixture.store.contact("S1")?[.companyName] == "Kept Name")
        #expect(try fixture.store.contact("S2")?[.companyName] == "Later AS")
    }

    @Test func theStoredTypeAndCompanyCountWhenTheFileLeavesThemOut() throws {
        let fixture = try Fixture()
        try fixture.importContacts("""
            No,Type,Name,CompanyNo,CompanyName
            C1,company,Fjord AS,,
            T1,person,Kari,C1,Manual
            T2,person,Per,,
            """)
        // No Type column: T1 stays a person; its emptied CompanyName is its company's Name again.
        try fixture.importContacts("No,CompanyName,City\nT1,,Oslo\nT3,,Oslo\n")
        #expect(try fixture.store.contact("T1")?[.companyName] == "Fjord AS")
        #expect(try fixture.store.contact("T3")?.type == .company)
        #expect(try fixture.store.contact("T3")?[.companyName] == "")
        // No CompanyNo column: the stored one names the company.
        try fixture.importContacts("No,Type,CompanyName\nT1,person,\n")
        #expect(try fixture.store.contact("T1")?[.companyName] == "Fjord AS")
        try fixture.importContacts("No,Type,CompanyName\nT2,person,\n")
        #expect(try fixture.store.contact("T2")?[.companyName] == "")
    }

    @Test func checkConstraintsAreBackAfterAnImport() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(throws: SQLiteError.self) {
            try fixture.store.database.execute("INSERT INTO contacts (no, correspondence_type) VALUES ('X1', 'fax')")
        }
        _ = try? fixture.importContacts("No,Type\nY1,robot\n")
        #expect(throws: SQLiteError.self) {
            try fixture.store.database.execute("UPDATE contacts SET type = 'robot' WHERE no = 'C1'")
        }
        #expect(try fixture.store.contact("C1")?.type == .company)
    }

    @Test func onlyTheNoColumnAddsEmptyContactsAndKeepsStoredOnes() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.importContacts("ContactNo\nC1\nZ1\n") == ContactImport.Result(added: 1, updated: 1))
        #expect(try fixture.store.contact("C1")?[.name] == "Fjord AS")
        #expect(try fixture.store.contact("Z1")?.type == .company)
    }
}
