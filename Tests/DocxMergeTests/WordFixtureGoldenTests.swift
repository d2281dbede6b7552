import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// Templates laid out as Word writes them, merged with their records and compared part by part with
/// the committed expected XML.
@Suite("Word-shaped templates against golden files")
struct WordFixtureGoldenTests {
    static let cases: [(template: String, parts: [String])] = [
        ("word-split-fields", ["word/document.xml", "word/header1.xml", "word/footer1.xml", "word/footnotes.xml", "word/endnotes.xml"]),
        ("word-switches", ["word/document.xml"]),
        ("word-mailings", ["word/document.xml", "word/header1.xml"]),
    ]

    @Test("every record of every fixture", arguments: cases.map(\.template))
    func fixture(_ name: String) throws {
        let parts = Self.cases.first { $0.template == name }!.parts
        let csv = try CSVReader(path: GoldenFile.fixture("\(name).csv"))
        let merge = try Merge(path: GoldenFile.fixture("\(name).docx"), columns: csv.header)
        var number = 0
        while let record = try csv.next() {
            number += 1
            let letter = try merge.letter(record.values)
            try letter.checkWellFormed()
            for part in parts {
                let xml = try letter.part(part)
                #expect(!xml.contains("MERGEFIELD"), "\(part) of record \(number) still holds a MERGEFIELD")
                #expect(!xml.contains("«") && !xml.contains("{{"), "\(part) of record \(number) still holds a field result or placeholder")
                try expectGolden(xml, "\(name)/record\(number)/\(part.replacingOccurrences(of: "/", with: "_"))")
            }
        }
        #expect(number == 3)
    }

    @Test("the sample letters, English and Norwegian", arguments: ["letter-en", "letter-nb"])
    func sampleLetter(_ name: String) throws {
        let root = GoldenFile.projectRoot()
        let csv = try CSVReader(path: root + "/Samples/letters.csv")
        let merge = try Merge(path: root + "/Templates/\(name).docx", columns: csv.header)
        var records: [CSVRecord] = []
        while let record = try csv.next() { records.append(record) }
        // The first record, and the first with a multi-line personal note and an empty Address2.
        let noteColumn = csv.header.firstIndex(of: "PersonalNote")!
        let picked = [records[0], records.first { $0.values[noteColumn].contains("\n") }!]
        for (index, record) in picked.enumerated() {
            let letter = try merge.letter(record.values)
            try letter.checkWellFormed()
            for part in ["word/document.xml", "word/header1.xml", "word/footer1.xml"] {
                let xml = try letter.part(part)
                #expect(!xml.contains("MERGEFIELD") && !xml.contains("«"))
                try expectGolden(xml, "\(name)/record\(index + 1)/\(part.replacingOccurrences(of: "/", with: "_"))")
            }
            let settings = try letter.part("word/settings.xml")
            #expect(!settings.contains("mailMerge"))
            #expect(!(try letter.part("word/_rels/settings.xml.rels")).contains("letters.csv"))
        }
    }

    /// The Mailings fixture's letters as LibreOffice reads them: each opens, and its text is the
    /// letter Word's merge gives (address block lines, greeting, the chosen IF texts).
    @Test("LibreOffice opens every Mailings letter and shows the merged text")
    func mailingsThroughLibreOffice() throws {
        guard let soffice = LibreOfficeText.soffice else {
            Issue.record("soffice is not installed (install-dependencies.sh --with-office)")
            return
        }
        let csv = try CSVReader(path: GoldenFile.fixture("word-mailings.csv"))
        let merge = try Merge(path: GoldenFile.fixture("word-mailings.docx"), columns: csv.header)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mailings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        while let record = try csv.next() {
            let path = folder.appendingPathComponent("record\(files.count + 1).docx").path
            try Data(try merge.renderer.render(record.values)).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let texts = try LibreOfficeText.text(of: files, soffice: soffice, in: folder.path)
        for (index, text) in texts.enumerated() {
            try expectGolden(text, "word-mailings/record\(index + 1)/libreoffice.txt")
        }
    }
}
