import Testing
@testable import Relationship

/// `insertLines` puts a batch of lines in with few statements; every value lands in its column.
@Suite struct SegmentLineInsertTests {
    @Test func aBatchOfLinesIsStoredAsGiven() throws {
        let fixture = try Fixture()
        // Two statements of `linesPerInsert` lines and the rest one by one; every value different.
        let count = 2 * fixture.store.linesPerInsert + 23
        var csv = "No,Type,Name\n"
        for index in 1...count { csv += "K\(1000 + index),person,Name \(index)\n" }
        try fixture.importContacts(csv)
        let segment = try fixture.createSegment()
        let lines = (1...count).map { index in
            var values = LineValues()
            values.description = "Description \(index)"
            values.subject = index % 2 == 0 ? "" : "Subject ✉ \(index)"
            values.interactionTemplate = "T\(index % 3)"
            values.salespersonCode = "SP\(index)"
            values.campaignNo = index % 5 == 0 ? "CP\(index)" : ""
            values.date = "2026-12-\(10 + index % 9)"
            values.cost = Double(index) / 4
            values.duration = Double(index) * 1.5
            values.correspondenceType = index % 3 == 0 ? nil : (index % 3 == 1 ? .email : .hardCopy)
            values.languageCode = index % 2 == 0 ? "nb" : "en-GB"
            values.personalNote = index % 7 == 0 ? "Note \"\(index)\"\nsecond line" : ""
            return SegmentLine(lineNo: index * 10_000 + index % 4, contactNo: "K\(1000 + index)", values: values,
                               overrides: index % 6 == 0 ? [.subject, .personalNote] : [], addedByStep: index % 2 + 1)
        }
        try fixture.store.transaction { try fixture.store.insertLines(lines, segment: segment) }
        #expect(try fixture.lines(segment) == lines)
        // A line that breaks a rule fails the whole batch's statement, as one line would.
        #expect(throws: SQLiteError.self) {
            try fixture.store.transaction { try fixture.store.insertLines([lines[0]], segment: segment) }
        }
        #expect(try fixture.lines(segment) == lines)
    }

    /// A step does without SQLite's foreign-key checks while it runs (its lines are of contacts it
    /// read); the checks are back afterwards, whether the step worked or failed.
    /// A bulk write inside another (the follow-up step inside a segment's logging) leaves the outer
    /// one's page cache in place to its end; after the outer one the everyday cache is back.
    @Test func bulkWritingNestsWithoutUndoingTheOuterSettings() throws {
        let fixture = try Fixture()
        func cacheKiB() throws -> Int { -(try fixture.store.database.prepare("PRAGMA cache_size").firstRow { $0.integer(0) } ?? 0) }
        try fixture.store.writingInBulk(checkingForeignKeys: true) {
            try fixture.store.transaction {
                let inner = try fixture.store.writingInBulk(checkingForeignKeys: false) { try cacheKiB() }
                #expect(inner == SQLiteStore.stepCacheKiB)
                let after = try cacheKiB()
                #expect(after == SQLiteStore.stepCacheKiB)
            }
        }
        let everyday = try cacheKiB()
        #expect(everyday == SQLiteStore.cacheKiB)
    }

    @Test func aStepLeavesEveryReferenceSoundAndTheChecksOn() throws {
        let fixture = try Fixture()
        try fixture.importContacts()
        let segment = try fixture.createSegment()
        func foreignKeysOn() throws -> Bool { try fixture.store.database.prepare("PRAGMA foreign_keys").firstRow { $0.integer(0) } == 1 }
        #expect(try fixture.step(segment, .add, "City = Oslo or City = Berlin").added > 0)
        #expect(try fixture.store.database.prepare("PRAGMA foreign_key_check").rows { $0.text(0) }.isEmpty)
        #expect(try foreignKeysOn())
        #expect(throws: FilterError.self) { try fixture.step(segment, .add, "Nonsense = 1") }
        #expect(try foreignKeysOn())
        let stranger = SegmentLine(lineNo: 1, contactNo: "NOBODY", values: LineValues(), addedByStep: 1)
        #expect(throws: SQLiteError.self) {
            try fixture.store.transaction { try fixture.store.insertLines([stranger], segment: segment) }
        }
    }
}
