@testable import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// Letter format 2 (precoded pieces joined with the values, one deflate block per rendered part)
/// against format 1 (each part deflated whole): the same parts byte for byte once inflated, valid
/// packages, CRCs right, and output no more than 3% larger for a letter (the sample letters), 6% for
/// the field-dense fixtures (50 fields in 8 KB of text, values printed several times).
@Suite("Letter formats 1 and 2")
struct LetterFormatTests {
    /// Renders `records` in both formats and checks every entry inflates to the same bytes.
    func compare(_ template: MergeTemplate, columns: [String], records: [[String]], missing: MissingFieldPolicy = .error,
                 level: Int = 6, sourceLocation: SourceLocation = #_sourceLocation) throws -> (whole: Int, spliced: Int) {
        let whole = LetterRenderer(plan: try LetterPlan(template: template, columns: columns, missing: missing, compressionLevel: level,
                                                        format: .wholeParts))
        let spliced = LetterRenderer(plan: try LetterPlan(template: template, columns: columns, missing: missing, compressionLevel: level,
                                                          format: .splicedPieces))
        var sizes = (whole: 0, spliced: 0)
        for (number, values) in records.enumerated() {
            let old = try Letter(whole.render(values), sourceLocation: sourceLocation)
            let new = try Letter(spliced.render(values), sourceLocation: sourceLocation)
            #expect(new.names == old.names, sourceLocation: sourceLocation)
            for name in old.names {
                let expected = try old.archive.contents(of: old.archive.entry(named: name)!)
                let actual = try new.archive.contents(of: new.archive.entry(named: name)!)
                #expect(actual == expected, "record \(number + 1): \(name) differs", sourceLocation: sourceLocation)
            }
            sizes.whole += old.bytes.count
            sizes.spliced += new.bytes.count
        }
        return sizes
    }

    @Test("the Word-shaped fixtures and sample letters: every record, every part the same")
    func fixtures() throws {
        let root = GoldenFile.projectRoot()
        let cases = [("word-split-fields", GoldenFile.fixture("word-split-fields.docx"), GoldenFile.fixture("word-split-fields.csv"), 1.06),
                     ("word-switches", GoldenFile.fixture("word-switches.docx"), GoldenFile.fixture("word-switches.csv"), 1.06),
                     ("word-mailings", GoldenFile.fixture("word-mailings.docx"), GoldenFile.fixture("word-mailings.csv"), 1.06),
                     ("letter-en", root + "/Templates/letter-en.docx", root + "/Samples/letters.csv", 1.03),
                     ("letter-nb", root + "/Templates/letter-nb.docx", root + "/Samples/letters.csv", 1.03)]
        for (name, template, data, bound) in cases {
            let csv = try CSVReader(path: data)
            var records: [[String]] = []
            while let record = try csv.next() { records.append(record.values) }
            let sizes = try compare(try MergeTemplate(path: template), columns: csv.header, records: records)
            #expect(Double(sizes.spliced) <= Double(sizes.whole) * bound, "\(name): \(sizes.spliced) bytes against \(sizes.whole)")
        }
    }

    @Test("blank paragraphs, IF regions, line breaks, tabs, paragraph marks, kept fields, empty values and levels 1 and 9")
    func conditionalContent() throws {
        let field = { (name: String) in #"<w:fldSimple w:instr=" MERGEFIELD \#(name) "><w:r><w:rPr><w:b/></w:rPr><w:t>«\#(name)»</w:t></w:r></w:fldSimple>"# }
        let complexIf = #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>"#
            + field("Kind") + #"<w:r><w:instrText xml:space="preserve"> = "A" "</w:instrText></w:r><w:r><w:rPr><w:i/></w:rPr><w:instrText>Dear </w:instrText></w:r>"#
            + field("Name") + #"<w:r><w:instrText xml:space="preserve">" "Hello" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        let body = "<w:p><w:r><w:t>Start of the letter, repeated text that later paragraphs repeat.</w:t></w:r></w:p>"
            + "<w:p>\(field("Line1"))</w:p><w:p>\(field("Line2"))</w:p>"
            + "<w:p>\(complexIf)</w:p>"
            + "<w:p><w:r><w:t>Start of the letter, repeated text that later paragraphs repeat.</w:t></w:r>\(field("Note"))</w:p>"
            + "<w:p>\(field("Unknown"))<w:r><w:t>Start of the letter, repeated text.</w:t></w:r></w:p>"
        let template = try MergeTemplate(bytes: DocxBuilder(body: body).build(), name: "test.docx")
        let columns = ["Line1", "Line2", "Kind", "Name", "Note"]
        let records = [
            ["Street 1", "", "A", "Ann", "one\ntwo\r\nthree\tfour"],
            ["", "", "B", "", ""],
            ["Øvre gate <5> & co", "Postboks 7", "A", "Bjørn", String(repeating: "Start of the letter, repeated text. ", count: 2_000)],
            ["", "x", "A", "", "\u{2029}after a paragraph mark"],
        ]
        for level in [1, 6, 9] {
            _ = try compare(template, columns: columns, records: records, missing: .keep, level: level)
        }
    }

    @Test("a value longer than deflate's window: repeats over it are written as literals")
    func longValues() throws {
        let text = "<w:p><w:r><w:t>Text the part repeats after the value, text the part repeats after the value.</w:t></w:r></w:p>"
        let body = text + #"<w:p><w:fldSimple w:instr=" MERGEFIELD Note "><w:r><w:t>«Note»</w:t></w:r></w:fldSimple></w:p>"# + text + text
        let template = try MergeTemplate(bytes: DocxBuilder(body: body).build(), name: "test.docx")
        let long = (0..<40_000).map { String(UnicodeScalar(UInt8(65 + $0 % 26))) }.joined()
        _ = try compare(template, columns: ["Note"], records: [[long], ["short"], [""], [long + long]])
    }

    @Test("the format is named by the engine version logged, and unknown versions are not taken for known ones")
    func engineVersions() {
        #expect(LetterFormat(engineVersion: LetterFormat.wholeParts.engineVersion) == .wholeParts)
        #expect(LetterFormat(engineVersion: "docxmerge/1 libdeflate/1.14") == .wholeParts)
        #expect(LetterFormat(engineVersion: "docxmerge/2 libdeflate/1.14") == .splicedPieces)
        #expect(LetterFormat(engineVersion: "docxmerge/12 libdeflate/1.14") == nil)
        #expect(LetterFormat(engineVersion: "something else") == nil)
        #expect(MergeEngine.version == LetterFormat.current.engineVersion)
        #expect(MergeEngine.version.hasPrefix("docxmerge/2 "))
    }
}
