import Testing
@testable import Relationship

@Suite struct SegmentHeaderTests {
    @Test func numbersComeFromTheSeriesAndAreNeverReused() throws {
        let fixture = try Fixture()
        let editor = SegmentEditor(store: fixture.store)
        var changes = SegmentEditor.HeaderChanges()
        changes.description = "x"
        #expect(try editor.create(no: nil, changes: changes).no == "SM00001")
        #expect(try editor.create(no: "SM00002", changes: changes).no == "SM00002")
        #expect(try editor.create(no: nil, changes: changes).no == "SM00003")
        #expect(throws: RelationshipError.segmentNumberUsed("SM00001")) { try editor.create(no: "SM00001", changes: changes) }
        _ = try fixture.store.transaction {
            try fixture.store.insertLoggedSegment(LoggedSegment(segmentNo: "SM00004", description: "", creationDate: "2026-01-01"))
        }
        #expect(try editor.create(no: nil, changes: changes).no == "SM00005")
        #expect(throws: RelationshipError.segmentNumberUsed("SM00004")) { try editor.create(no: "SM00004", changes: changes) }
    }

    @Test func linesInheritFromHeaderAndContact() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        try fixture.addTemplate("LETTER", languages: ["en", "nb"])
        _ = try TemplateLibrary(store: fixture.store).add(code: "LETTER", document: Fixture.document(["Name"]), fileName: "x.docx",
                                                          language: "de", changes: {
            var changes = TemplateLibrary.Changes()
            changes.unitCost = 2.5
            changes.correspondenceType = .hardCopy
            return changes
        }())
        let segment = try fixture.createSegment {
            $0.interactionTemplate = "LETTER"
            $0.subject = "Hello"
            $0.date = "2026-12-01"
        }
        let header = try #require(try fixture.store.segment(segment))
        #expect(header.languageCode == "en")
        #expect(header.unitCost == 2.5)
        try fixture.step(segment, .addContacts, contacts: ["C1", "P11", "C2", "P21", "C3"])
        let lines = Dictionary(uniqueKeysWithValues: try fixture.lines(segment).map { ($0.contactNo, $0.values) })
        #expect(lines["C1"]?.salespersonCode == "IS")
        #expect(lines["P11"]?.salespersonCode == "")
        #expect(lines["C1"]?.correspondenceType == .hardCopy)
        #expect(lines["P11"]?.correspondenceType == .email)
        #expect(lines["C2"]?.correspondenceType == .hardCopy)
        #expect(lines["C1"]?.languageCode == "nb")
        #expect(lines["P21"]?.languageCode == "de-AT")   // primary subtag matches the de document
        #expect(lines["C3"]?.languageCode == "en")
        #expect(lines["C1"]?.subject == "Hello")
        #expect(lines["C1"]?.date == "2026-12-01")
        #expect(lines["C1"]?.cost == 2.5)
        #expect(LanguageMatch.best(for: "NB-no", in: ["en", "nb"]) == "nb")
        #expect(LanguageMatch.best(for: "nb", in: ["en", "nb-NO"]) == "nb-NO")
        #expect(LanguageMatch.best(for: "sv", in: ["en", "nb"]) == nil)
    }

    @Test func headerChangesPropagateToLinesThatDoNotOverride() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        try fixture.addTemplate("LETTER", languages: ["en", "nb"])
        try fixture.addTemplate("ENONLY", languages: ["en"])
        let segment = try fixture.createSegment { $0.interactionTemplate = "LETTER" }
        try fixture.step(segment, .addContacts, contacts: ["C1", "P11"])
        var override = SegmentEditor.LineChanges()
        override.values.subject = "Mine"
        override.values.salespersonCode = "ZZ"
        override.set = [.subject, .salespersonCode]
        let editor = SegmentEditor(store: fixture.store)
        _ = try editor.editLine(segment, contact: "P11", changes: override)

        var changes = SegmentEditor.HeaderChanges()
        changes.subject = "New"
        changes.salespersonCode = "AB"
        changes.correspondenceType = .email
        changes.ignoreContactCorrespondenceType = true
        #expect(try editor.set(segment, changes: changes).linesChanged == 1)  // P11 overrides both and was e-mail already
        var lines = Dictionary(uniqueKeysWithValues: try fixture.lines(segment).map { ($0.contactNo, $0) })
        #expect(lines["C1"]?.values.subject == "New")
        #expect(lines["P11"]?.values.subject == "Mine")
        #expect(lines["C1"]?.values.salespersonCode == "AB")
        #expect(lines["P11"]?.values.salespersonCode == "ZZ")
        #expect(lines["C1"]?.values.correspondenceType == .email)

        // A new template resets language from its documents.
        var template = SegmentEditor.HeaderChanges()
        template.interactionTemplate = "ENONLY"
        _ = try editor.set(segment, changes: template)
        lines = Dictionary(uniqueKeysWithValues: try fixture.lines(segment).map { ($0.contactNo, $0) })
        #expect(lines["C1"]?.values.languageCode == "en")
        #expect(lines["C1"]?.values.interactionTemplate == "ENONLY")
        #expect(lines["C1"]?.values.correspondenceType == .hardCopy)

        // --clear drops the override.
        var clear = SegmentEditor.LineChanges()
        clear.clear = [.subject]
        let cleared = try editor.editLine(segment, contact: "P11", changes: clear)
        #expect(cleared.values.subject == "New")
        #expect(cleared.overrides == [.salespersonCode])
    }

    @Test func datesMustBeCalendarDates() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        let editor = SegmentEditor(store: fixture.store)
        for date in ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-1-05", "+123-01-01"] {
            var changes = SegmentEditor.HeaderChanges()
            changes.description = "x"
            changes.date = date
            #expect(throws: RelationshipError.invalidValue(field: "Date", value: date, expected: "a date such as 2026-11-29")) {
                try editor.create(no: nil, changes: changes)
            }
        }
        #expect(try editor.list().isEmpty)
        let segment = try fixture.createSegment { $0.date = "2028-02-29" }
        try fixture.step(segment, .addContacts, contacts: ["C1"])
        var header = SegmentEditor.HeaderChanges()
        header.date = "2026-06-31"
        #expect(throws: RelationshipError.self) { try editor.set(segment, changes: header) }
        var line = SegmentEditor.LineChanges()
        line.values.date = "2026-09-31"
        line.set = [.date]
        #expect(throws: RelationshipError.self) { try editor.editLine(segment, contact: "C1", changes: line) }
        #expect(try fixture.lines(segment).map(\.values.date) == ["2028-02-29"])
        #expect(CalendarDate.isValid("2000-02-29") && !CalendarDate.isValid("1900-02-29") && !CalendarDate.isValid("2026-11-29T10:00"))
    }

    @Test func aLineWithItsOwnTemplateTakesThatTemplatesValues() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        var costly = TemplateLibrary.Changes()
        costly.unitCost = 2
        costly.unitDuration = 5
        _ = try TemplateLibrary(store: fixture.store).add(code: "T", document: Fixture.document(["Name"], text: "en"), fileName: "t.docx",
                                                          language: "en", changes: costly)
        var other = TemplateLibrary.Changes()
        other.unitCost = 7
        other.unitDuration = 11
        other.correspondenceType = .email
        other.ignoreContactCorrespondenceType = true
        _ = try TemplateLibrary(store: fixture.store).add(code: "T2", document: Fixture.document(["Name"], text: "sv"), fileName: "t.docx",
                                                          language: "sv", changes: other)
        let segment = try fixture.createSegment { $0.interactionTemplate = "T" }
        try fixture.step(segment, .addContacts, contacts: ["C1", "C2"])   // languages nb and de: neither template has them
        let editor = SegmentEditor(store: fixture.store)
        var own = SegmentEditor.LineChanges()
        own.values.interactionTemplate = "T2"
        own.values.duration = 99
        own.set = [.interactionTemplate, .duration]
        let line = try editor.editLine(segment, contact: "C2", changes: own)
        #expect(line.values.cost == 7)
        #expect(line.values.duration == 99)
        #expect(line.values.correspondenceType == .email)
        #expect(line.values.languageCode == "sv")

        // Header changes leave what the line's own template decides alone.
        for code in ["T2", "T"] {
            var header = SegmentEditor.HeaderChanges()
            header.interactionTemplate = code
            _ = try editor.set(segment, changes: header)
        }
        var cost = SegmentEditor.HeaderChanges()
        cost.unitCost = 3
        cost.languageCode = "en"
        cost.subject = "Hello"
        _ = try editor.set(segment, changes: cost)
        var lines = Dictionary(uniqueKeysWithValues: try fixture.lines(segment).map { ($0.contactNo, $0.values) })
        #expect(lines["C2"]?.interactionTemplate == "T2")
        #expect(lines["C2"]?.cost == 7 && lines["C2"]?.duration == 99)
        #expect(lines["C2"]?.correspondenceType == .email && lines["C2"]?.languageCode == "sv")
        #expect(lines["C2"]?.subject == "Hello")
        #expect(lines["C1"]?.interactionTemplate == "T" && lines["C1"]?.cost == 3 && lines["C1"]?.languageCode == "en")

        // Clearing the line's template brings back the header's template and what it decides.
        var clear = SegmentEditor.LineChanges()
        clear.clear = [.interactionTemplate, .duration]
        _ = try editor.editLine(segment, contact: "C2", changes: clear)
        lines = Dictionary(uniqueKeysWithValues: try fixture.lines(segment).map { ($0.contactNo, $0.values) })
        #expect(lines["C2"]?.interactionTemplate == "T" && lines["C2"]?.cost == 3 && lines["C2"]?.duration == 5)
        #expect(lines["C2"]?.correspondenceType == .hardCopy && lines["C2"]?.languageCode == "en")
    }

    @Test func bulkNotesAllOrNone() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        let segment = try fixture.createSegment()
        try fixture.step(segment, .addContacts, contacts: ["C1", "P11"])
        let editor = SegmentEditor(store: fixture.store)
        let bad = "ContactNo,Note\nC1,Hello\nP31,Not here\n"
        #expect(throws: RelationshipError.problems(["notes.csv:3: contact P31 is not on segment \(segment)"])) {
            try editor.importNotes(segment, csv: .init(bytes: Array(bad.utf8), name: "notes.csv"))
        }
        #expect(try fixture.lines(segment).allSatisfy { $0.values.personalNote.isEmpty })
        // A row with a wrong value count does not hide the problems after it.
        let ragged = "ContactNo,Note\nX1,a\nX2,b,c\nX3,d\n"
        #expect(throws: RelationshipError.problems([
            "notes.csv:2: contact X1 is not on segment \(segment)", "notes.csv:3: expected 2 values, found 3",
            "notes.csv:4: contact X3 is not on segment \(segment)",
        ])) { try editor.importNotes(segment, csv: .init(bytes: Array(ragged.utf8), name: "notes.csv")) }
        let unterminated = "ContactNo,Note\nX1,\"open\n"
        #expect(throws: RelationshipError.problems(["notes.csv:2: unterminated quoted value"])) {
            try editor.importNotes(segment, csv: .init(bytes: Array(unterminated.utf8), name: "notes.csv"))
        }
        let good = "Contact No,note\nC1,\"Line one\nline two\"\nP11,Hei\n"
        #expect(try editor.importNotes(segment, csv: .init(bytes: Array(good.utf8), name: "notes.csv")) == 2)
        #expect(try fixture.lines(segment).map(\.values.personalNote) == ["Line one\nline two", "Hei"])
    }
}
