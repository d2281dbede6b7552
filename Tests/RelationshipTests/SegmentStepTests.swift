import Testing
@testable import Relationship

@Suite struct SegmentStepTests {
    private func fixture() throws -> (Fixture, String) {
        let fixture = try Fixture()
        try fixture.importContacts()
        try fixture.addTemplate("LETTER", languages: ["en", "nb"])
        return (fixture, try fixture.createSegment { $0.interactionTemplate = "LETTER" })
    }

    @Test func addSkipsExcludedAndPrivacyBlockedAndNeverDuplicates() throws {
        let (fixture, segment) = try fixture()
        let report = try fixture.step(segment, .add, "Type = person")
        #expect(report.added == 3)
        #expect(report.skippedExcluded == 1)
        #expect(report.skippedPrivacyBlocked == 1)
        #expect(try fixture.contactsOn(segment) == ["P11", "P21", "P31"])
        #expect(try fixture.step(segment, .add, "Type = person").added == 0)
        #expect(try fixture.step(segment, .add, "Type = person", options: [.ignoreExclusion]).added == 1)
        #expect(try fixture.contactsOn(segment) == ["P11", "P21", "P31", "P12"])
        #expect(try fixture.lines(segment).map(\.lineNo) == [10000, 20000, 30000, 40000])
    }

    @Test func byHandKeepsExcludedButRefusesPrivacyBlocked() throws {
        let (fixture, segment) = try fixture()
        #expect(try fixture.step(segment, .addContacts, contacts: ["P12", "C1"]).added == 2)
        #expect(throws: RelationshipError.privacyBlocked(contact: "P22")) { try fixture.step(segment, .addContacts, contacts: ["P22"]) }
        #expect(throws: RelationshipError.unknownContact("X9")) { try fixture.step(segment, .addContacts, contacts: ["X9"]) }
        #expect(try fixture.store.steps(of: segment).count == 1)
    }

    @Test func byHandListsEveryContactItCannotAddOrRemove() throws {
        let (fixture, segment) = try fixture()
        #expect(throws: RelationshipError.problems([
            "contact P22 is privacy-blocked and cannot be added to a segment", "unknown contact 'X1'", "unknown contact 'X2'",
        ])) { try fixture.step(segment, .addContacts, contacts: ["P22", "X1", "C1", "X2"]) }
        #expect(try fixture.contactsOn(segment) == [])
        try fixture.step(segment, .addContacts, contacts: ["C1"])
        #expect(throws: RelationshipError.problems(["contact P11 is not on segment \(segment)", "unknown contact 'X1'"])) {
            try fixture.step(segment, .removeContacts, contacts: ["P11", "C1", "X1"])
        }
        #expect(try fixture.contactsOn(segment) == ["C1"])
        #expect(try fixture.store.steps(of: segment).count == 1)
    }

    @Test func undoLeavesOutContactsPrivacyBlockedSince() throws {
        let (fixture, segment) = try fixture()
        try fixture.step(segment, .add, "City = Oslo")
        let before = try fixture.lines(segment)
        #expect(before.map(\.contactNo) == ["C1", "P11"])
        try fixture.step(segment, .reduce, "City = Oslo")
        try fixture.importContacts("No,PrivacyBlocked\nP11,yes\n")
        let undo = try SegmentSteps(store: fixture.store).undo(segment)
        #expect(undo.restored == 1)
        #expect(undo.skippedPrivacyBlocked == 1)
        #expect(undo.lineCount == 1)
        #expect(try fixture.lines(segment) == [before[0]])
    }

    @Test func expandAndWithCompanies() throws {
        let (fixture, segment) = try fixture()
        let expanded = try fixture.step(segment, .add, "Type = company and City in (Oslo, Berlin)", options: [.expandCompanies])
        #expect(try fixture.contactsOn(segment) == ["C1", "C2", "P11", "P21"])
        #expect(expanded.skippedExcluded == 1)
        #expect(expanded.skippedPrivacyBlocked == 1)
        let other = try fixture.createSegment()
        try fixture.step(other, .add, "Name = \"Ola Nordmann\"", options: [.withCompanies])
        #expect(try fixture.contactsOn(other) == ["P31", "C3"])
    }

    @Test func reduceAndRefineWithEntireCompanies() throws {
        let (fixture, segment) = try fixture()
        try fixture.step(segment, .add, "No is not empty", options: [.ignoreExclusion])
        #expect(try fixture.contactsOn(segment) == ["C1", "C2", "C3", "P11", "P12", "P21", "P31"])
        // Plain reduce removes only the matching contacts.
        #expect(try fixture.step(segment, .reduce, "Name = \"Anna Schmidt\"").removed == 1)
        #expect(try fixture.contactsOn(segment) == ["C1", "C2", "C3", "P11", "P12", "P31"])
        // Entire companies: a person matching removes the whole company with its persons.
        #expect(try fixture.step(segment, .reduce, "FirstName = Åse", options: [.entireCompanies]).removed == 3)
        #expect(try fixture.contactsOn(segment) == ["C2", "C3", "P31"])
        // Refine keeps whole companies of which any contact matches (P22 matches though not on the segment).
        #expect(try fixture.step(segment, .refine, "PrivacyBlocked = true", options: [.entireCompanies]).removed == 2)
        #expect(try fixture.contactsOn(segment) == ["C2"])
        #expect(try fixture.step(segment, .refine, "City = Oslo").removed == 1)
        #expect(try fixture.contactsOn(segment) == [])
    }

    @Test func undoAfterEveryKindOfStep() throws {
        let (fixture, segment) = try fixture()
        let steps = SegmentSteps(store: fixture.store)
        try fixture.step(segment, .add, "City = Oslo")
        _ = try SegmentEditor(store: fixture.store).editLine(segment, contact: "P11", changes: {
            var changes = SegmentEditor.LineChanges()
            changes.values.personalNote = "Hei Åse,\nsees!"
            changes.values.subject = "Own subject"
            changes.set = [.personalNote, .subject]
            return changes
        }())
        let before = try fixture.lines(segment)
        for (action, expression, contacts) in [(StepAction.reduce, "Type = person", [String]()), (.refine, "Type = company", []),
                                               (.removeContacts, "", ["P11"]), (.add, "City = Berlin", []),
                                               (.addContacts, "", ["P12", "C3"])] {
            try fixture.step(segment, action, expression, contacts: contacts)
            let undo = try steps.undo(segment)
            #expect(undo.step.definition.action == action)
            #expect(try fixture.lines(segment) == before, "after undoing \(action)")
        }
        // Saved criteria replayed in one step, undone in one.
        try fixture.step(segment, .add, "City = Bergen")
        try CriteriaLibrary(store: fixture.store).save(segment: segment, code: "MIX", description: nil, force: false)
        let afterBergen = try fixture.lines(segment)
        try fixture.step(segment, .reduce, "City = Oslo")
        let reduced = try fixture.lines(segment)
        try fixture.step(segment, .addCriteria, "MIX")
        _ = try steps.undo(segment)
        #expect(try fixture.lines(segment) == reduced)
        _ = try steps.undo(segment)
        #expect(try fixture.lines(segment) == afterBergen)
        // A step that changed nothing is a step; undoing it reverts nothing.
        let nothing = try fixture.step(segment, .add, "City = Nowhere")
        #expect(nothing.added == 0)
        let undo = try steps.undo(segment)
        #expect(undo.deleted == 0 && undo.restored == 0)
        _ = try steps.undo(segment)
        _ = try steps.undo(segment)
        #expect(throws: RelationshipError.self) { try steps.undo(segment) }
        #expect(try fixture.lines(segment) == [])
    }

    @Test func replayedCriteriaActOnTheSegmentAsItIs() throws {
        let (fixture, segment) = try fixture()
        try fixture.step(segment, .add, "City = Oslo")
        try fixture.step(segment, .reduce, "Type = company")
        try fixture.step(segment, .addContacts, contacts: ["P31"])
        let saved = try CriteriaLibrary(store: fixture.store).save(segment: segment, code: "OSLO", description: "Oslo people", force: false)
        #expect(saved.steps.map(\.action) == [.add, .reduce, .addContacts])
        #expect(throws: RelationshipError.criteriaExists("OSLO")) {
            try CriteriaLibrary(store: fixture.store).save(segment: segment, code: "OSLO", description: nil, force: false)
        }
        let other = try fixture.createSegment()
        try fixture.step(other, .addContacts, contacts: ["P21", "C1"])
        let report = try fixture.step(other, .addCriteria, "OSLO")
        // The replayed reduce removed C1, which was there before; P21 stays.
        #expect(try fixture.contactsOn(other) == ["P21", "P11", "P31"])
        #expect(report.added == 2)
        #expect(report.removed == 1)
        // A step that reused criteria is saved as those criteria's steps.
        let again = try CriteriaLibrary(store: fixture.store).save(segment: other, code: "AGAIN", description: nil, force: false)
        #expect(again.steps.map(\.action) == [.addContacts, .add, .reduce, .addContacts])
        let empty = try fixture.createSegment()
        #expect(throws: RelationshipError.noSteps(segment: empty)) {
            try CriteriaLibrary(store: fixture.store).save(segment: empty, code: "NONE", description: nil, force: false)
        }
    }

    @Test func replaySkipsContactsNowPrivacyBlocked() throws {
        let (fixture, segment) = try fixture()
        try fixture.step(segment, .addContacts, contacts: ["P11", "P21"])
        try CriteriaLibrary(store: fixture.store).save(segment: segment, code: "TWO", description: nil, force: false)
        try fixture.importContacts("No,PrivacyBlocked\nP21,yes\n")
        let other = try fixture.createSegment()
        let report = try fixture.step(other, .addCriteria, "TWO")
        #expect(report.added == 1)
        #expect(report.skippedPrivacyBlocked == 1)
    }

    @Test func addLoggedKeepsExcludedAndSkipsPrivacyBlocked() throws {
        let (fixture, segment) = try fixture()
        let logged = try fixture.store.transaction {
            let entry = try fixture.store.insertLoggedSegment(LoggedSegment(segmentNo: "SM09000", description: "Old", creationDate: "2026-01-01"))
            for no in ["P12", "P22", "C1"] {
                try fixture.store.insertInteraction(InteractionEntry(contactNo: no, date: "2026-01-01", loggedSegmentNo: entry))
            }
            return entry
        }
        let report = try fixture.step(segment, .addLogged, String(logged))
        #expect(try fixture.contactsOn(segment) == ["P12", "C1"])
        #expect(report.skippedPrivacyBlocked == 1)
        #expect(throws: RelationshipError.unknownLoggedSegment(99)) { try fixture.step(segment, .addLogged, "99") }
        #expect(throws: RelationshipError.contactHasInteractions("P22")) {
            try ContactBook(store: fixture.store).delete("C3") // no entries: allowed
            try ContactBook(store: fixture.store).delete("P22")
        }
    }
}
