@testable import DocxMerge
import Dispatch
import LettershopTestSupport
import Testing

/// The letter as a package: deterministic bytes, untouched parts copied still compressed, Word's
/// mail-merge settings removed, and rendering that never touches what has no field.
@Suite("Letters as packages")
struct PackageOutputTests {
    static let root = GoldenFile.projectRoot()

    func sampleMerge(level: Int = 6) throws -> (Merge, [String]) {
        let csv = try CSVReader(path: Self.root + "/Samples/letters.csv")
        let record = try #require(try csv.next())
        let template = try MergeTemplate(path: Self.root + "/Templates/letter-en.docx")
        let plan = try LetterPlan(template: template, columns: csv.header, compressionLevel: level)
        return (Merge(template: template, renderer: LetterRenderer(plan: plan), columns: csv.header), record.values)
    }

    @Test func theSameRecordGivesTheSameBytes() throws {
        let (merge, values) = try sampleMerge()
        let first = try merge.renderer.render(values)
        let second = try merge.renderer.render(values)
        let other = LetterRenderer(plan: merge.renderer.plan)
        #expect(first == second)
        #expect(first == (try other.render(values)))
        var changed = values
        changed[1] = "Another Company AS"
        #expect(try merge.renderer.render(changed) != first)
        #expect(try merge.renderer.render(values) == first)
    }

    @Test func untouchedPartsAreCopiedStillCompressed() throws {
        let (merge, values) = try sampleMerge()
        let template = try TemplateArchive(path: Self.root + "/Templates/letter-en.docx")
        let letter = try Letter(merge.renderer.render(values))
        #expect(letter.names == template.entries.map(\.name), "the template's entry order")
        let rendered: Set = ["word/document.xml", "word/header1.xml", "word/footer1.xml", "word/settings.xml", "word/_rels/settings.xml.rels"]
        for entry in template.entries where !rendered.contains(entry.name) {
            let copied = try #require(letter.archive.entry(named: entry.name))
            #expect(try letter.archive.storedBytes(of: copied) == (try template.storedBytes(of: entry)), "\(entry.name)")
            #expect(copied.method == entry.method && copied.crc32 == entry.crc32)
        }
        // Only the parts with fields are rendered per record; the rest are prepared once.
        let perRecord = merge.renderer.plan.preparedEntries.compactMap { entry -> String? in
            if case let .rendered(name, _) = entry { return String(decoding: name, as: UTF8.self) }
            return nil
        }
        #expect(perRecord == ["word/document.xml", "word/header1.xml", "word/footer1.xml"])
    }

    @Test func mailMergeSettingsAndTheirRelationshipsAreRemoved() throws {
        let (merge, values) = try sampleMerge()
        let letter = try Letter(merge.renderer.render(values))
        let settings = try letter.part("word/settings.xml")
        #expect(!settings.contains("mailMerge") && !settings.contains("dataSource") && settings.contains("w:defaultTabStop"))
        let rels = try letter.part("word/_rels/settings.xml.rels")
        #expect(!rels.contains("mailMergeSource") && !rels.contains("Users") && rels.contains("<Relationships"))
        try letter.checkWellFormed()
    }

    @Test func aTemplateWithoutMailMergeKeepsItsSettingsAsTheyAre() throws {
        var builder = DocxBuilder(body: paragraph(complexField("MERGEFIELD Name")))
        builder.mailMerge = false
        let docx = builder.build()
        let merge = try Merge(docx, columns: ["Name"])
        let letter = try merge.letter(["Kari"])
        let template = try TemplateArchive(bytes: docx, name: "t")
        #expect(try letter.archive.storedBytes(of: letter.archive.entry(named: "word/settings.xml")!)
                == (try template.storedBytes(of: template.entry(named: "word/settings.xml")!)))
    }

    @Test("compression levels give valid letters", arguments: [0, 1, 9])
    func compressionLevels(_ level: Int) throws {
        let (merge, values) = try sampleMerge(level: level)
        let letter = try Letter(merge.renderer.render(values))
        try letter.checkWellFormed()
        let document = try #require(letter.archive.entry(named: "word/document.xml"))
        #expect(document.method == (level == 0 ? 0 : 8))
        #expect(try letter.part("word/document.xml").contains("FJORDVIK ARKITEKTER AS"))
    }

    @Test func parallelRenderingGivesTheSameDocuments() throws {
        let csv = try CSVReader(path: Self.root + "/Samples/letters.csv")
        var records: [[String]] = []
        while let record = try csv.next() { records.append(record.values) }
        let plan = try LetterPlan(template: try MergeTemplate(path: Self.root + "/Templates/letter-nb.docx"), columns: csv.header)
        let serial = Collected(count: records.count)
        let parallel = Collected(count: records.count)
        try ParallelRenderer(jobs: 1).render(records, plan: plan) { serial.set($0, $1) }
        try ParallelRenderer(jobs: 4).render(records, plan: plan) { parallel.set($0, $1) }
        #expect(serial.documents == parallel.documents)
        #expect(serial.documents.allSatisfy { !$0.isEmpty })
        #expect(serial.documents.flatMap { LetterStructure.problems(in: $0) } == [])
    }

    @Test func theFirstFailingRecordIsReported() throws {
        let plan = try LetterPlan(template: try MergeTemplate(bytes: DocxBuilder(body: paragraph(complexField("MERGEFIELD A"))).build(), name: "t"), columns: ["A"])
        let records = (0..<50).map { [$0 == 17 || $0 == 33 ? "bad\u{1}" : "ok \($0)"] }
        do {
            try ParallelRenderer(jobs: 3).render(records, plan: plan) { _, _ in }
            Issue.record("no error")
        } catch let failure as RecordFailure {
            #expect(failure.index == 17)
        }
    }

    @Test func aWordTemplateBecomesADocument() throws {
        let docx = DocxBuilder(body: paragraph(complexField("MERGEFIELD Name"))).build()
        let archive = try TemplateArchive(bytes: docx, name: "t")
        var entries: [(String, [UInt8])] = []
        for entry in archive.entries {
            var bytes = try archive.contents(of: entry)
            if entry.name == "[Content_Types].xml" {
                bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(
                    of: "wordprocessingml.document.main+xml", with: "wordprocessingml.template.main+xml").utf8)
            }
            entries.append((entry.name, bytes))
        }
        let dotx = StoredZip.archive(entries)
        let letter = try Merge(dotx, columns: ["Name"]).letter(["Kari"])
        let types = try letter.part("[Content_Types].xml")
        #expect(types.contains("wordprocessingml.document.main+xml") && !types.contains("template.main"))
        // A document's content types are copied as they are.
        let plain = try Merge(docx, columns: ["Name"]).letter(["Kari"])
        #expect(try plain.archive.storedBytes(of: plain.archive.entry(named: "[Content_Types].xml")!)
                == (try archive.storedBytes(of: archive.entry(named: "[Content_Types].xml")!)))
    }
}

extension Merge {
    init(template: MergeTemplate, renderer: LetterRenderer, columns: [String]) {
        self.template = template
        self.renderer = renderer
        self.columns = columns
    }
}

/// Documents delivered from several threads, by index.
final class Collected: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private(set) var documents: [[UInt8]]
    init(count: Int) { documents = Array(repeating: [], count: count) }

    func set(_ index: Int, _ document: [UInt8]) {
        lock.wait()
        documents[index] = document
        lock.signal()
    }
}
