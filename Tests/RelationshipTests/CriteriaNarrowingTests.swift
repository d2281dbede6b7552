import Foundation
import Testing
@testable import Relationship

/// A criteria step reads from the store only the contacts a plain-text equality may match (see
/// `FieldNarrowing`), on a second connection while it adds lines; what it adds is still exactly what
/// the filter matches, read without narrowing.
@Suite struct CriteriaNarrowingTests {
    /// Every character besides ASCII whose folding is ASCII, or canonically equivalent to ASCII (as
    /// Swift compares strings), found by going through every Unicode scalar.
    @Test func everyCharacterThatFoldsToASCIIIsListed() {
        var found: [String: String] = [:]
        for value in 0x80...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(Character(scalar))
            let decomposed = TextFolding.fold(character).decomposedStringWithCanonicalMapping
            if decomposed.utf8.allSatisfy({ $0 < 0x80 }) { found[character] = decomposed }
        }
        let listed = Dictionary(TextFolding.foldingToASCII.map { ($0.character, $0.folded) }, uniquingKeysWith: { first, _ in first })
        #expect(listed.count == TextFolding.foldingToASCII.count)
        #expect(found == listed)
    }

    @Test func aNarrowingNamesTheCharactersThatFoldIntoItsLiteral() throws {
        func narrowings(_ text: String) throws -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: try ContactFilter(text, customFields: []).narrowings.map { ($0.field.rawValue, $0.foldingCharacters) })
        }
        #expect(try narrowings("City = Oslo and Type = person") == ["City": ["\u{017F}"], "Type": ["\u{017F}"]])
        #expect(try narrowings("City = STRASSE") == ["City": ["\u{00DF}", "\u{017F}", "\u{1E9E}", "\u{FB05}", "\u{FB06}"]])
        #expect(try narrowings("City = Kirkenes") == ["City": ["\u{0131}", "\u{017F}", "\u{212A}"]])
        #expect(try narrowings("City = bergen") == ["City": []])
        // Not ASCII once folded, a number, an `or`: no narrowing.
        #expect(try narrowings("City = Tromsø").isEmpty)
        #expect(try narrowings("PostCode = 0150").isEmpty)
        #expect(try narrowings("City = Oslo or City = Bergen").isEmpty)
    }

    static let spellings: [(no: String, city: String)] = [
        ("A01", "Oslo"), ("A02", "OSLO"), ("A03", "oslo "), ("A04", "O\u{017F}lo"), ("A05", "O\u{017F}LO"),
        ("A06", "Osl\u{0301}o"), ("A07", "\u{FF2F}slo"), ("A08", "Os\tlo"), ("A09", "Tromsø"), ("A10", "TROMSØ"),
        ("A11", "Straße"), ("A12", "STRASSE"), ("A13", "Stra\u{1E9E}e"), ("A14", "Strasse\u{0007}"), ("A15", "\u{212A}irkenes"),
        ("A16", "K\u{0131}rkenes"), ("A17", "a\u{037E}b"), ("A18", "A;B"), ("A19", "\u{FB00}ord"), ("A20", "Fford"),
        ("A21", "\u{FF4F}slo"), ("A22", "ÖSLO"), ("A23", ""), ("A24", "Strasse"),
    ]

    private func fixture() throws -> Fixture {
        let fixture = try Fixture()
        var csv = "No,Type,Name,City\n"
        for (no, city) in Self.spellings {
            csv += "\(no),\(no.hasSuffix("2") ? "company" : "person"),Name \(no),\"\(city)\"\n"
        }
        try fixture.importContacts(csv)
        return fixture
    }

    @Test func anAddStepFindsWhatTheFilterFindsWithoutNarrowing() throws {
        let fixture = try fixture()
        let expressions: [(String, [String])] = [
            ("City = Oslo", ["A01", "A02", "A04", "A05"]),
            ("City = oslo and Type = PERSON", ["A01", "A04", "A05"]),
            ("City = strasse", ["A11", "A12", "A13", "A24"]),
            ("City = straße", ["A11", "A12", "A13", "A24"]),
            ("City = kirkenes", ["A15", "A16"]),
            ("City = \"a;b\"", ["A17", "A18"]),
            ("City = FFORD", ["A19", "A20"]),
            ("City = tromsø", ["A09", "A10"]),
            ("City = \"Os\tlo\"", ["A08"]),
            ("City = \"ｏslo\"", ["A07", "A21"]),
        ]
        for (expression, expected) in expressions {
            let segment = try fixture.createSegment()
            let report = try fixture.step(segment, .add, expression)
            #expect(try fixture.select(expression) == expected, "\(expression)")
            #expect(try fixture.contactsOn(segment) == expected, "\(expression)")
            #expect(report.added == expected.count, "\(expression)")
        }
    }

    @Test func theStoreLeavesOutWhatCannotMatch() throws {
        let fixture = try fixture()
        let filter = try ContactFilter("City = Oslo", customFields: [])
        var read: [String] = []
        try fixture.store.forEachContactBatch(narrowedBy: filter.narrowings, batch: 5, choosing: { batch, _ in batch }) { read += $0.map(\.no) }
        // `oslo `, the combining accent, fullwidth, control and `Tromsø` are not read; `ſ` (long s) is.
        #expect(read == ["A01", "A02", "A04", "A05"])
    }

    /// Within a write transaction the contacts are read on a second connection: the same batches.
    @Test func readingAheadGivesTheSameBatches() throws {
        let fixture = try fixture()
        let filter = try ContactFilter("City = Strasse", customFields: [])
        for size in [1, 2, 3, 100] {
            var alone: [[String]] = []
            try fixture.store.forEachContactBatch(narrowedBy: filter.narrowings, batch: size, choosing: { batch, _ in batch }) { alone.append($0.map(\.no)) }
            var ahead: [[String]] = []
            try fixture.store.transaction {
                #expect(try fixture.store.canReadBeside())
                try fixture.store.forEachContactBatch(narrowedBy: filter.narrowings, batch: size, choosing: { batch, _ in batch }) { ahead.append($0.map(\.no)) }
            }
            #expect(ahead == alone, "batch \(size)")
            // The four spellings of `strasse`, and `Oſlo` and `OſLO`, which hold a long s.
            #expect(alone.joined().sorted() == ["A04", "A05", "A11", "A12", "A13", "A24"])
        }
    }

    /// A failure in the caller's work stops the reader; the store goes on working.
    @Test func aFailureWhileReadingAheadStopsTheReader() throws {
        struct Stop: Error {}
        let fixture = try fixture()
        var batches = 0
        #expect(throws: Stop.self) {
            try fixture.store.transaction {
                try fixture.store.forEachContactBatch(narrowedBy: [], batch: 2, choosing: { batch, _ in batch }) { _ in
                    batches += 1
                    if batches == 3 { throw Stop() }
                }
            }
        }
        #expect(batches == 3)
        let segment = try fixture.createSegment()
        #expect(try fixture.step(segment, .add, "City = Oslo").added == 4)
    }
}
