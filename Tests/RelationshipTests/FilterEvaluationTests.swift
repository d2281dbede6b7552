import Testing
@testable import Relationship

@Suite struct FilterEvaluationTests {
    @Test func precedenceAndNot() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        // a or (b and c)
        #expect(try fixture.select("City = Bergen or Type = person and City = Oslo") == ["C3", "P11", "P12", "P31"])
        #expect(try fixture.select("(City = Bergen or Type = person) and City = Oslo") == ["P11", "P12"])
        #expect(try fixture.select("not City = Oslo and not Type = person") == ["C2", "C3"])
        #expect(try fixture.select("not (City = Oslo or City = Berlin)") == ["C3", "P31"])
    }

    @Test func inBetweenAndEmpty() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.select("City in (bergen, \"OSLO\")") == ["C1", "C3", "P11", "P12", "P31"])
        #expect(try fixture.select("PostCode between 150 and 5003") == ["C1", "C3", "P11", "P12", "P31"])
        #expect(try fixture.select("Email is empty") == ["C3", "P12"])
        #expect(try fixture.select("Email is not empty and Type = company") == ["C1", "C2"])
        #expect(try fixture.select("CorrespondenceType is empty and City = Oslo") == ["P12"])
    }

    @Test func numbersCompareAsNumbers() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.select("PostCode = 150") == ["C1", "P11", "P12"])
        #expect(try fixture.select("PostCode < 1000") == ["C1", "P11", "P12"])
        #expect(try fixture.select("PostCode > 5003.0") == ["C2", "P21", "P22"])
        #expect(try fixture.select("PostCode >= -1") == ["C1", "C2", "C3", "P11", "P12", "P21", "P22", "P31"])
        // "1,5" and "1e3" are text.
        #expect(try fixture.select("PostCode < 1e3") == ["C1", "C2", "P11", "P12", "P21", "P22"])
    }

    @Test func exactDecimals() {
        #expect(DecimalText("0150") == DecimalText("150"))
        #expect(DecimalText("1.50") == DecimalText("1.5"))
        #expect(DecimalText("-0") == DecimalText("0"))
        #expect(DecimalText("-2")! < DecimalText("-1.5")!)
        #expect(DecimalText("99999999999999999999.1")! < DecimalText("99999999999999999999.10000001")!)
        #expect(DecimalText("9")! < DecimalText("10")!)
        for text in ["1,5", "1e3", "", "-", ".5", "5.", "+5", "1.2.3"] { #expect(DecimalText(text) == nil, "\(text)") }
    }

    @Test func datesCompareAsDates() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.select("Founded >= 2001-05-01") == ["C1", "C3"])
        #expect(try fixture.select("Founded < 2000-01-01") == ["C2"])
        #expect(try fixture.select("Founded between 1999-12-31 and 2001-05-01") == ["C1", "C2"])
        #expect(try fixture.select("Founded > 2001-05-01T00:00") == ["C3"])
        #expect(ISODateTime("2026-02-29") == nil)
        #expect(ISODateTime("2024-02-29") != nil)
        #expect(ISODateTime("2026-11-29T14:30")! < ISODateTime("2026-11-29T14:30:01")!)
    }

    @Test func textIgnoresCaseWithUnicodeFolding() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.select("Name = \"STRASSE GMBH\"") == ["C2"])
        #expect(try fixture.select("Name starts with øst") == ["C3"])
        #expect(try fixture.select("Name contains ØDEGÅRD") == ["P11"])
        #expect(try fixture.select("City != oslo and Type = company") == ["C2", "C3"])
        #expect(try fixture.select("Name < b and Type = company") == [])
        #expect(try fixture.select("Name >= ø and Type = company") == ["C3"])
        #expect(TextFolding.fold("Straße") == TextFolding.fold("STRASSE"))
        #expect(TextFolding.fold("ẞ") == "ss")
        #expect(TextFolding.fold("ΣΊΣΥΦΟΣ") == TextFolding.fold("σίσυφος"))
    }

    @Test func emptyValuesMatchOnlyIsEmpty() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.select("Email < zzz and No = C3") == [])
        #expect(try fixture.select("Email contains \"\" and City = Bergen") == [])
        #expect(try fixture.select("Founded between 1900-01-01 and 2100-01-01") == ["C1", "C2", "C3"])
        #expect(try fixture.select("Email != x@y.no and City = Bergen") == ["P31"])
        #expect(try fixture.select("City = \"\"") == [])
    }

    @Test func booleansCompareAsTrueOrFalse() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.select("ExcludeFromSegment = true") == ["P12"])
        #expect(try fixture.select("ExcludeFromSegment = yes") == ["P12"])
        #expect(try fixture.select("PrivacyBlocked = 1") == ["P22"])
        #expect(try fixture.select("PrivacyBlocked = false and City = Berlin") == ["C2", "P21"])
    }

    @Test func sqlLookingValuesMatchNothing() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        #expect(try fixture.select(#"Name = "x' OR '1'='1" or City = "Oslo' --""#) == [])
        #expect(try fixture.select(#"Name = "'; DROP TABLE contacts; --""#) == [])
        #expect(try fixture.select("Type = company").count == 3)
    }

    @Test func interactionHistory() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        let logged = try fixture.store.transaction {
            try fixture.store.insertLoggedSegment(LoggedSegment(segmentNo: "SM09999", description: "Spring", creationDate: "2026-03-02"))
        }
        try fixture.store.transaction {
            try fixture.store.insertInteraction(InteractionEntry(contactNo: "P11", date: "2026-03-02", interactionTemplate: "SPRING",
                                                                 segmentNo: "SM09999", loggedSegmentNo: logged))
            try fixture.store.insertInteraction(InteractionEntry(contactNo: "P21", date: "2026-02-01", interactionTemplate: "SPRING",
                                                                 loggedSegmentNo: logged))
            try fixture.store.insertInteraction(InteractionEntry(contactNo: "P31", date: "2026-03-05", interactionTemplate: "spring",
                                                                 loggedSegmentNo: logged, canceled: true))
        }
        #expect(try fixture.select("interaction(InteractionTemplate = spring)") == ["P11", "P21"])
        #expect(try fixture.select("interaction(InteractionTemplate = SPRING and Date >= 2026-03-01)") == ["P11"])
        #expect(try fixture.select("Type = person and Email is not empty and not interaction(InteractionTemplate = SPRING)")
                == ["P22", "P31"])
        #expect(try fixture.select("interaction(LoggedSegmentNo = \(logged) and SegmentNo = sm09999)") == ["P11"])
    }
}
