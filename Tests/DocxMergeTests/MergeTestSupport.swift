@testable import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// Renders records through the public API and reads the letters back, for the engine's tests.
struct Merge {
    let template: MergeTemplate
    let renderer: LetterRenderer
    let columns: [String]

    init(_ docx: [UInt8], columns: [String], missing: MissingFieldPolicy = .error, keepUnknown: Bool = false, level: Int = 6) throws {
        template = try MergeTemplate(bytes: docx, name: "test.docx", options: .init(keepUnknownFields: keepUnknown))
        renderer = LetterRenderer(plan: try LetterPlan(template: template, columns: columns, missing: missing, compressionLevel: level))
        self.columns = columns
    }

    init(path: String, columns: [String], missing: MissingFieldPolicy = .error) throws {
        template = try MergeTemplate(path: path)
        renderer = LetterRenderer(plan: try LetterPlan(template: template, columns: columns, missing: missing))
        self.columns = columns
    }

    /// The letter for one record, as a package to read parts from.
    func letter(_ values: [String]) throws -> Letter {
        try Letter(renderer.render(values))
    }

    /// The letter's `word/document.xml` body for one record (values by column name).
    func body(_ record: [String: String]) throws -> String {
        try letter(columns.map { record[$0] ?? "" }).body
    }
}

/// A rendered `.docx`, read back with libzip.
struct Letter {
    let bytes: [UInt8]
    let archive: TemplateArchive

    /// Reads a letter back, checking its structure first (`LetterStructure`).
    init(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(LetterStructure.problems(in: bytes) == [], sourceLocation: sourceLocation)
        self.bytes = bytes
        archive = try TemplateArchive(bytes: bytes, name: "letter.docx")
    }

    var names: [String] { archive.entries.map(\.name) }

    func part(_ name: String) throws -> String {
        guard let entry = archive.entry(named: name) else { throw MergeError.missingPart(file: "letter", part: name) }
        return String(decoding: try archive.contents(of: entry), as: UTF8.self)
    }

    /// `word/document.xml` between `<w:body>` and `<w:sectPr`, the part tests look at.
    var body: String {
        get throws {
            let xml = try part("word/document.xml")
            guard let start = xml.range(of: "<w:body>"), let end = xml.range(of: "<w:sectPr") else { return xml }
            return String(xml[start.upperBound..<end.lowerBound])
        }
    }

    /// Every XML part parses with libxml2.
    func checkWellFormed() throws {
        for entry in archive.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
            _ = try XMLPartParser(file: "letter", part: entry.name).parse(archive.contents(of: entry))
        }
    }
}

/// Checks `actual` against the golden file `name`; records an issue showing both when they differ.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let expected = try GoldenFile.expected(name, actual: actual) else {
        Issue.record("no golden file \(name) (run with LETTERSHOP_UPDATE_GOLDEN=1 and review it)", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
}

/// A paragraph with text, as Word writes it.
func paragraph(_ content: String) -> String { "<w:p>\(content)</w:p>" }

/// A run of plain text.
func text(_ value: String) -> String { #"<w:r><w:t xml:space="preserve">\#(value)</w:t></w:r>"# }

/// A complex MERGEFIELD as Word writes it: begin, instruction, separate, «Name» result, end.
func complexField(_ instruction: String, result: String = "«Field»", properties: String = "") -> String {
    #"<w:r>\#(properties)<w:fldChar w:fldCharType="begin"/></w:r><w:r>\#(properties)<w:instrText xml:space="preserve"> \#(instruction) </w:instrText></w:r><w:r>\#(properties)<w:fldChar w:fldCharType="separate"/></w:r><w:r>\#(properties)<w:t>\#(result)</w:t></w:r><w:r>\#(properties)<w:fldChar w:fldCharType="end"/></w:r>"#
}

/// A `w:fldSimple` field.
func simpleField(_ instruction: String, result: String = "«Field»", properties: String = "") -> String {
    #"<w:fldSimple w:instr=" \#(instruction.replacingOccurrences(of: "\"", with: "&quot;")) "><w:r>\#(properties)<w:t>\#(result)</w:t></w:r></w:fldSimple>"#
}
