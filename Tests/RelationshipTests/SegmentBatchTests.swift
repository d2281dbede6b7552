import Testing
@testable import Relationship

/// Steps read contacts and lines a batch at a time; these data sets span several batches, with
/// companies and their persons in different ones, and check every rule against a plain computation.
@Suite struct SegmentBatchTests {
    /// 250 companies (`A0001`…) and 2,750 persons (`P00001`…); a person's company is far from it in
    /// `No` order. Some contacts are excluded, some privacy-blocked, some have the custom `Tier`.
    struct Population {
        struct Row {
            let no: String
            let isCompany: Bool
            let company: String
            let city: String
            let excluded: Bool
            let blocked: Bool
            let tier: String

            var companyKey: String { isCompany ? no : company }
            /// Criteria and expansions add it (without `--ignore-exclusion`).
            var isAddable: Bool { !excluded && !blocked }
        }

        let rows: [Row]

        init(companies: Int = 250, persons: Int = 2_750) {
            var rows: [Row] = []
            for index in 1...companies {
                rows.append(Row(no: Self.number("A", index, width: 4), isCompany: true, company: "",
                                city: index % 2 == 0 ? "Bergen" : "Oslo", excluded: index % 11 == 0, blocked: index % 13 == 0,
                                tier: index % 9 == 0 ? "gold" : ""))
            }
            for index in 1...persons {
                rows.append(Row(no: Self.number("P", index, width: 5), isCompany: false,
                                company: Self.number("A", index * 7 % companies + 1, width: 4),
                                city: ["Oslo", "Bergen", "Trondheim"][index % 3], excluded: index % 17 == 0,
                                blocked: index % 23 == 0, tier: index % 50 == 0 ? "gold" : ""))
            }
            self.rows = rows
        }

        static func number(_ prefix: String, _ value: Int, width: Int) -> String {
            let digits = String(value)
            return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }

        var csv: String {
            var csv = "No,Type,Name,CompanyNo,City,ExcludeFromSegment,PrivacyBlocked,Tier\n"
            for row in rows {
                csv += "\(row.no),\(row.isCompany ? "company" : "person"),Name \(row.no),\(row.company),\(row.city),"
                    + "\(row.excluded),\(row.blocked),\(row.tier)\n"
            }
            return csv
        }

        func matching(_ predicate: (Row) -> Bool) -> [Row] { rows.filter(predicate) }
    }

    private func fixture(_ population: Population = Population()) throws -> (Fixture, String) {
        let fixture = try Fixture()
        try fixture.importContacts(population.csv)
        try fixture.addTemplate("LETTER", languages: ["en"])
        return (fixture, try fixture.createSegment { $0.interactionTemplate = "LETTER" })
    }

    @Test func addFindsTheMatchesOfEveryBatchInNoOrder() throws {
        let population = Population()
        let (fixture, segment) = try fixture(population)
        let report = try fixture.step(segment, .add, "City = Oslo")
        let oslo = population.matching { $0.city == "Oslo" }
        let expected = oslo.filter(\.isAddable).map(\.no)
        #expect(population.rows.count > 2 * StoreBatch.size)
        #expect(report.added == expected.count)
        #expect(report.skippedExcluded == oslo.filter { $0.excluded && !$0.blocked }.count)
        #expect(report.skippedPrivacyBlocked == oslo.filter(\.blocked).count)
        let lines = try fixture.lines(segment)
        #expect(lines.map(\.contactNo) == expected)
        #expect(lines.map(\.lineNo) == (1...expected.count).map { $0 * 10_000 })
        // Nothing twice: the same criteria again add none and count the same contacts left out.
        let again = try fixture.step(segment, .add, "City = Oslo")
        #expect(again.added == 0)
        #expect(again.skippedExcluded == report.skippedExcluded)
    }

    @Test func expansionsReachContactsInOtherBatches() throws {
        let population = Population()
        let (fixture, segment) = try fixture(population)
        let report = try fixture.step(segment, .add, "Type = company and Tier = gold", options: [.expandCompanies])
        // Every gold company counts, the ones left out too; their persons come after them.
        let companies = population.matching { $0.isCompany && $0.tier == "gold" }
        let persons = population.matching { !$0.isCompany && companies.map(\.no).contains($0.company) }
        #expect(try fixture.contactsOn(segment) == (companies + persons).filter(\.isAddable).map(\.no))
        #expect(report.skippedExcluded == (companies + persons).filter { $0.excluded && !$0.blocked }.count)
        #expect(report.skippedPrivacyBlocked == (companies + persons).filter(\.blocked).count)

        let other = try fixture.createSegment()
        try fixture.step(other, .add, "Type = person and Tier = gold", options: [.withCompanies])
        let gold = population.matching { !$0.isCompany && $0.tier == "gold" }
        let parents = population.matching { $0.isCompany && gold.map(\.company).contains($0.no) }
        #expect(try fixture.contactsOn(other) == (gold + parents).filter(\.isAddable).map(\.no))
    }

    @Test func entireCompaniesDecideByContactsInOtherBatches() throws {
        let population = Population()
        let (fixture, segment) = try fixture(population)
        try fixture.step(segment, .add, "Type = person", options: [.ignoreExclusion])
        let before = try fixture.lines(segment)
        let onSegment = population.matching { !$0.isCompany && !$0.blocked }
        #expect(before.map(\.contactNo) == onSegment.map(\.no))

        // Refine keeps the lines of gold contacts and of every contact of a company with a gold contact,
        // on the segment or not (a blocked person, the company itself).
        let goldCompanies = Set(population.matching { $0.tier == "gold" }.map(\.companyKey))
        let kept = onSegment.filter { $0.tier == "gold" || goldCompanies.contains($0.companyKey) }
        let refine = try fixture.step(segment, .refine, "Tier = gold", options: [.entireCompanies])
        #expect(refine.removed == onSegment.count - kept.count)
        #expect(try fixture.contactsOn(segment) == kept.map(\.no))
        _ = try SegmentSteps(store: fixture.store).undo(segment)
        #expect(try fixture.lines(segment) == before)

        let trondheimCompanies = Set(population.matching { $0.city == "Trondheim" }.map(\.companyKey))
        let left = onSegment.filter { $0.city != "Trondheim" && !trondheimCompanies.contains($0.companyKey) }
        let reduce = try fixture.step(segment, .reduce, "City = Trondheim", options: [.entireCompanies])
        #expect(reduce.removed == onSegment.count - left.count)
        #expect(try fixture.contactsOn(segment) == left.map(\.no))
        _ = try SegmentSteps(store: fixture.store).undo(segment)
        #expect(try fixture.lines(segment) == before)

        // Without entire companies only the contact's own fields count.
        try fixture.step(segment, .refine, "City = Bergen")
        #expect(try fixture.contactsOn(segment) == onSegment.filter { $0.city == "Bergen" }.map(\.no))
    }

    @Test func interactionHistoryIsReadForEachBatch() throws {
        let population = Population()
        let (fixture, segment) = try fixture(population)
        let persons = population.matching { !$0.isCompany }
        try fixture.store.transaction {
            let logged = try fixture.store.insertLoggedSegment(LoggedSegment(segmentNo: "SM09000", description: "Old", creationDate: "2026-01-01"))
            for (index, row) in persons.enumerated() where index % 7 == 0 {
                try fixture.store.insertInteraction(InteractionEntry(contactNo: row.no, date: "2026-01-01", interactionTemplate: "SPRING",
                                                                     loggedSegmentNo: logged, canceled: index % 14 == 0))
            }
        }
        let written = persons.enumerated().filter { $0.offset % 7 == 0 && $0.offset % 14 != 0 }.map(\.element)
        #expect(try fixture.select("interaction(InteractionTemplate = spring)") == written.map(\.no))
        #expect(try fixture.select("Type = person and not interaction(InteractionTemplate = SPRING)")
                == persons.filter { !written.map(\.no).contains($0.no) }.map(\.no))
        try fixture.step(segment, .add, "interaction(InteractionTemplate = SPRING)")
        #expect(try fixture.contactsOn(segment) == written.filter(\.isAddable).map(\.no))
    }

    @Test func undoPutsBackTheLinesOfEveryBatchButThoseBlockedSince() throws {
        let population = Population()
        let (fixture, segment) = try fixture(population)
        try fixture.step(segment, .add, "Type = person")
        let before = try fixture.lines(segment)
        let removed = try fixture.step(segment, .reduce, "City = Oslo").removed
        let city = Dictionary(uniqueKeysWithValues: population.rows.map { ($0.no, $0.city) })
        let oslo = before.filter { city[$0.contactNo] == "Oslo" }
        #expect(removed == oslo.count)
        let blocked = stride(from: 0, to: oslo.count, by: 100).map { oslo[$0].contactNo }
        try fixture.importContacts("No,PrivacyBlocked\n" + blocked.map { "\($0),yes\n" }.joined())
        let undo = try SegmentSteps(store: fixture.store).undo(segment)
        #expect(undo.restored == oslo.count - blocked.count)
        #expect(undo.skippedPrivacyBlocked == blocked.count)
        #expect(try fixture.lines(segment) == before.filter { !blocked.contains($0.contactNo) })
    }

    @Test func addLoggedKeepsTheEntryOrderAcrossBatches() throws {
        let population = Population()
        let (fixture, segment) = try fixture(population)
        let persons = Array(population.matching { !$0.isCompany }.reversed())
        let logged = try fixture.store.transaction {
            let logged = try fixture.store.insertLoggedSegment(LoggedSegment(segmentNo: "SM09000", description: "Old", creationDate: "2026-01-01"))
            for row in persons + persons {
                try fixture.store.insertInteraction(InteractionEntry(contactNo: row.no, date: "2026-01-01", loggedSegmentNo: logged))
            }
            return logged
        }
        var numbers: [String] = []
        try fixture.store.read {
            try fixture.store.forEachContactNo(ofLogged: logged, batch: 999) { numbers += $0 }
        }
        #expect(numbers == persons.map(\.no))
        let report = try fixture.step(segment, .addLogged, String(logged))
        // Excluded contacts stay (an explicit choice); privacy-blocked ones are counted.
        #expect(try fixture.contactsOn(segment) == persons.filter { !$0.blocked }.map(\.no))
        #expect(report.skippedPrivacyBlocked == persons.filter(\.blocked).count)
    }

    @Test func contactBatchesCarryTheirCustomFields() throws {
        let (fixture, segment) = try fixture(Population(companies: 20, persons: 80))
        try fixture.step(segment, .add, "Tier = gold or City = Bergen")
        var all: [Contact] = []
        var onSegment: [Contact] = []
        try fixture.store.read {
            try fixture.store.forEachContactBatch(batch: 7) { all += $0 }
            try fixture.store.forEachContactBatch(onSegment: segment, batch: 7) { onSegment += $0 }
        }
        let expected = try fixture.select("No is not empty").map { try #require(try fixture.store.contact($0)) }
        #expect(all == expected)
        #expect(all.contains { !$0.custom.isEmpty })
        let lines = try fixture.contactsOn(segment)
        #expect(onSegment.map(\.no) == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(onSegment == expected.filter { contact in onSegment.contains { $0.no == contact.no } })
    }

    @Test func largeUndoAndDeleteLeaveNothingBehind() throws {
        // More lines than one batch of deletes.
        let persons = 10_500
        let csv = "No,Type,Name,City\n" + (1...persons).map { "P\($0),person,Person \($0),\($0 % 2 == 0 ? "Oslo" : "Bergen")\n" }.joined()
        let fixture = try Fixture()
        try fixture.importContacts(csv)
        let segment = try fixture.createSegment()
        let steps = SegmentSteps(store: fixture.store)
        #expect(try fixture.step(segment, .add, "Type = person").added == persons)
        var changes = SegmentEditor.HeaderChanges()
        changes.subject = "Every line"
        #expect(try SegmentEditor(store: fixture.store).set(segment, changes: changes).linesChanged == persons)
        let before = try fixture.lines(segment)
        #expect(before.allSatisfy { $0.values.subject == "Every line" })
        #expect(try fixture.step(segment, .reduce, "No is not empty").removed == persons)
        let restore = try steps.undo(segment)
        #expect(restore.restored == persons && restore.deleted == 0)
        #expect(try fixture.lines(segment) == before)
        let unadd = try steps.undo(segment)
        #expect(unadd.deleted == persons && unadd.lineCount == 0)

        // Deleting a segment of more lines than one batch, with undo records.
        try fixture.step(segment, .add, "Type = person")
        try fixture.step(segment, .reduce, "City = Oslo")
        #expect(try fixture.step(segment, .add, "City = Oslo").added == persons / 2)
        try SegmentEditor(store: fixture.store).delete(segment)
        #expect(try fixture.store.segment(segment) == nil)
        #expect(try fixture.store.openSegments(holding: "P1").isEmpty)
        #expect(try fixture.store.openSegments(holding: "P2").isEmpty)
        try ContactBook(store: fixture.store).delete("P2")
    }
}
