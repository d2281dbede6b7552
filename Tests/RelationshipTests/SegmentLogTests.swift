import DocxMerge
import Foundation
import LettershopTestSupport
@testable import Relationship
import Testing

/// `segment log` writing the letters inside its transaction and recording each batch's entries
/// while the next batch is rendered.
@Suite struct SegmentLogTests {
    /// A segment of `count` persons, every third Norwegian, on template `LETTER` (ContactNo, Name,
    /// City), which has an English and a Norwegian document.
    private func segment(_ fixture: Fixture, count: Int) throws -> String {
        var csv = "No,Type,Name,City,LanguageCode\n"
        for index in 1...count { csv += "P\(1000 + index),person,Person \(index),City \(index % 7),\(index % 3 == 0 ? "nb" : "en")\n" }
        try fixture.importContacts(csv)
        try fixture.addTemplate("LETTER", languages: ["en", "nb"], fields: ["ContactNo", "Name", "City"])
        let segment = try fixture.createSegment { $0.interactionTemplate = "LETTER" }
        try fixture.step(segment, .add, "Type = person")
        return segment
    }

    /// Entries recorded batch by batch (500 letters: several render batches, several read batches)
    /// name each letter written, in line order, with its file's digest; rendered on the calling
    /// thread (1 job) or on others.
    @Test(arguments: [1, 2, 3])
    func everyBatchIsRecordedWithItsLetters(jobs: Int) throws {
        let fixture = try Fixture()
        let segment = try segment(fixture, count: 500)
        let folder = fixture.folder.file("letters")
        var reported: [Int] = []
        let log = try SegmentLog(store: fixture.store, segment: segment, options: .init(outputFolder: folder, jobs: jobs))
        #expect(log.issues.errors.isEmpty, "\(log.issues.errors.map(\.text))")
        let result = try log.run(progress: { reported.append($0) })
        #expect(result.interactions == 500)
        #expect(reported.last == 500 && reported == reported.sorted())
        let entries = try fixture.store.interactions(InteractionFilter(loggedSegmentNo: result.logged.entryNo))
        #expect(entries.count == 500)
        #expect(entries.map(\.lineNo) == entries.map(\.lineNo).sorted())
        #expect(Set(entries.map(\.contactNo)).count == 500)
        // Each line's letter from its language's document.
        let templates = Dictionary(grouping: entries, by: \.languageCode).mapValues { Set($0.map(\.templateSHA256)) }
        #expect(templates.keys.sorted() == ["en", "nb"])
        #expect(templates.values.allSatisfy { $0.count == 1 } && Set(templates.values.flatMap { $0 }).count == 2)
        for entry in entries {
            #expect(entry.documentName == "\(entry.contactNo).docx")
            let bytes = try Folder.readFile(folder + "/" + entry.documentName)
            #expect(SHA256.hex(bytes) == entry.documentSHA256, "\(entry.documentName)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 500)
        #expect(try fixture.store.segment(segment) == nil)
        #expect(try fixture.store.stagings().isEmpty)
    }

    /// Two templates, each with an English and a Norwegian document, in one segment (every fifth
    /// line on the second by its own override): each letter comes from its own template's document
    /// for its language, the four documents worked out once each for the run.
    @Test func eachLineGetsItsTemplatesDocumentForItsLanguage() throws {
        let fixture = try Fixture()
        let segment = try segment(fixture, count: 60)
        try fixture.addTemplate("NOTICE", languages: ["en", "nb"], fields: ["ContactNo", "City"])
        let editor = SegmentEditor(store: fixture.store)
        var override = SegmentEditor.LineChanges()
        override.values.interactionTemplate = "NOTICE"
        override.set = [.interactionTemplate]
        let noticed = try fixture.lines(segment).enumerated().filter { $0.offset % 5 == 0 }.map(\.element.contactNo)
        for contact in noticed { _ = try editor.editLine(segment, contact: contact, changes: override) }
        let log = try SegmentLog(store: fixture.store, segment: segment, options: .init(outputFolder: fixture.folder.file("letters"), jobs: 2))
        #expect(log.issues.errors.isEmpty, "\(log.issues.errors.map(\.text))")
        let result = try log.run()
        let entries = try fixture.store.interactions(InteractionFilter(loggedSegmentNo: result.logged.entryNo))
        #expect(entries.count == 60)
        let documents = Dictionary(grouping: entries) { "\($0.interactionTemplate) \($0.languageCode)" }.mapValues { Set($0.map(\.templateSHA256)) }
        #expect(documents.keys.sorted() == ["LETTER en", "LETTER nb", "NOTICE en", "NOTICE nb"])
        #expect(documents.values.allSatisfy { $0.count == 1 } && Set(documents.values.flatMap { $0 }).count == 4)
        #expect(Set(entries.filter { $0.interactionTemplate == "NOTICE" }.map(\.contactNo)) == Set(noticed))
    }

    /// A contact changed between the checks and the log: the letters written are not the ones
    /// checked, so nothing is logged, the segment stays open and no folder is left.
    @Test func aContactChangedAfterTheChecksLogsNothing() throws {
        let fixture = try Fixture()
        let segment = try segment(fixture, count: 300)
        let folder = fixture.folder.file("letters")
        let log = try SegmentLog(store: fixture.store, segment: segment, options: .init(outputFolder: folder, jobs: 2))
        #expect(log.issues.errors.isEmpty)
        try fixture.importContacts("No,Name\nP1250,Someone Else\n", name: "changed.csv")
        let error = #expect(throws: RelationshipError.self) { try log.run() }
        #expect(error.map { "\($0)" }?.contains("changed while the letters were written; nothing logged") == true, "\(String(describing: error))")
        #expect(try fixture.store.segment(segment) != nil)
        #expect(try fixture.store.lines(of: segment).count == 300)
        #expect(try fixture.store.loggedSegments().isEmpty)
        #expect(try fixture.store.interactions(InteractionFilter()).isEmpty)
        #expect(try fixture.store.stagings().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).filter { $0 != "test.sqlite" && !$0.hasPrefix("test.sqlite-") } == [])
    }

    private struct Refused: Error {}

    /// A durable transaction's commit runs inside `committing`: when that throws instead of
    /// committing, nothing of the transaction is kept; when it commits, everything is.
    @Test func theCommitRunsInsideItsWrapper() throws {
        let fixture = try Fixture()
        var order: [String] = []
        #expect(throws: Refused.self) {
            try fixture.store.durableTransaction(committing: { _ in
                order.append("refused")
                throw Refused()
            }) {
                order.append("body")
                return try fixture.createSegment()
            }
        }
        #expect(order == ["body", "refused"])
        #expect(try fixture.store.segments().isEmpty)
        let no = try fixture.store.durableTransaction(committing: { commit in
            order.append("before")
            try commit()
            order.append("after")
        }) { try fixture.createSegment() }
        #expect(order == ["body", "refused", "before", "after"])
        #expect(try fixture.store.segment(no) != nil)
    }
}
