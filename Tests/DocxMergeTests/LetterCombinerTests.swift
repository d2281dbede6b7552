@testable import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// The combined document, read back structurally: one section per letter, and every id that must be
/// unique in a document unique.
@Suite struct LetterCombinerTests {
    static let names = ["Ada", "Bo", "Cy"]

    /// A template with everything that carries ids: a bookmark, a drawing, a footnote, a numbered
    /// paragraph, a header with a field, and a section that continues (`w:type`).
    static func template() -> [UInt8] {
        var builder = DocxBuilder(body: """
            <w:p><w:bookmarkStart w:id="0" w:name="Greeting"/>\(text("Dear "))\(simpleField(" MERGEFIELD Name "))<w:bookmarkEnd w:id="0"/></w:p>\
            <w:p><w:r><w:drawing><wp:inline><wp:extent cx="10" cy="10"/><wp:docPr id="1" name="Shape 1"/></wp:inline></w:drawing></w:r></w:p>\
            <w:p>\(text("Note"))<w:r><w:footnoteReference w:id="1"/></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>\(text("First point"))</w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>\(text("Second point"))</w:p>\
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF Greeting </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            """)
        builder.headers = [paragraph(text("Ref: ") + simpleField(" MERGEFIELD Name "))]
        builder.footnotes = """
            <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
            <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
            <w:footnote w:id="1"><w:p>\(text("About "))\(simpleField(" MERGEFIELD Name "))</w:p></w:footnote>
            """
        builder.numbering = """
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            """
        return builder.build()
    }

    /// The three letters combined, read back.
    static func combined() throws -> Letter {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let template = try MergeTemplate(bytes: template(), name: "test.docx")
        let plan = try LetterPlan(template: template, columns: ["Name"])
        let combiner = try LetterCombiner(destination: folder.file("all.docx"), plans: [plan])
        let renderer = LetterRenderer(plan: plan)
        for (index, name) in names.enumerated() {
            try combiner.append(try combiner.prepare(index: index, plan: 0, parts: try renderer.renderParts([name])))
        }
        try combiner.commit()
        return try Letter(Array(try Data(contentsOf: URL(fileURLWithPath: folder.file("all.docx")))))
    }

    static func values(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    @Test func everyPartParsesAndEachLetterHasItsSection() throws {
        let letter = try Self.combined()
        try letter.checkWellFormed()
        let document = try letter.part("word/document.xml")
        #expect(document.components(separatedBy: "<w:sectPr").count - 1 == 3)
        #expect(document.components(separatedBy: "<w:pgNumType w:start=\"1\"/>").count - 1 == 3)
        // The letters in order, the last section's properties the body's last element.
        let positions = Self.names.map { document.range(of: ">\($0)<")!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(document.hasSuffix("</w:sectPr></w:body></w:document>"))
    }

    @Test func headersArePerLetterWithFreshRelationships() throws {
        let letter = try Self.combined()
        let document = try letter.part("word/document.xml")
        let rels = try letter.part("word/_rels/document.xml.rels")
        let ids = try Self.values(#"Id="([^"]+)""#, in: rels)
        #expect(Set(ids).count == ids.count)
        let references = try Self.values(#"<w:headerReference [^>]*r:id="([^"]+)""#, in: document)
        #expect(references.count == 3 && Set(references).count == 3)
        let types = try letter.part("[Content_Types].xml")
        for (index, reference) in references.enumerated() {
            let target = try #require(try Self.values(#"Id="\#(reference)" [^>]*Target="([^"]+)""#, in: rels).first)
            #expect(try letter.part("word/" + target).contains(">\(Self.names[index])<"))
            #expect(types.contains("PartName=\"/word/\(target)\""))
        }
        #expect(!types.contains("PartName=\"/word/header1.xml\""))
        for id in try Self.values(#"r:(?:id|embed)="([^"]+)""#, in: document) { #expect(ids.contains(id)) }
    }

    @Test func idsAreUnique() throws {
        let letter = try Self.combined()
        let document = try letter.part("word/document.xml")
        let drawings = try Self.values(#"<wp:docPr id="(\d+)""#, in: document)
        #expect(drawings.count == 3 && Set(drawings).count == 3)
        let bookmarkIDs = try Self.values(#"<w:bookmarkStart w:id="(\d+)""#, in: document)
        let bookmarkNames = try Self.values(#"<w:bookmarkStart [^>]*w:name="([^"]+)""#, in: document)
        #expect(bookmarkIDs.count == 3 && Set(bookmarkIDs).count == 3 && Set(bookmarkNames).count == 3)
        #expect(Set(try Self.values(#"<w:bookmarkEnd w:id="(\d+)""#, in: document)) == Set(bookmarkIDs))
        // Each letter's PAGEREF names its own bookmark.
        #expect(Set(try Self.values(#"PAGEREF (\S+)"#, in: document)) == Set(bookmarkNames))
        let footnotes = try letter.part("word/footnotes.xml")
        let references = try Self.values(#"<w:footnoteReference w:id="(-?\d+)""#, in: document)
        let notes = try Self.values(#"<w:footnote (?:w:id="(-?\d+)")"#, in: footnotes)
        #expect(references.count == 3 && Set(references).count == 3 && Set(references).isSubset(of: Set(notes)))
        #expect(footnotes.components(separatedBy: "w:type=\"separator\"").count - 1 == 1)
        for name in Self.names { #expect(footnotes.contains(">\(name)<")) }
    }

    @Test func everyLetterHasItsOwnListThatRestarts() throws {
        let letter = try Self.combined()
        let document = try letter.part("word/document.xml")
        let numbering = try letter.part("word/numbering.xml")
        let used = try Self.values(#"<w:numId w:val="(\d+)""#, in: document)
        #expect(used.count == 6 && Set(used).count == 3)
        for id in Set(used) {
            let instance = try #require(try Self.values(#"(<w:num w:numId="\#(id)".*?</w:num>)"#, in: numbering).first)
            #expect(instance.contains("<w:abstractNumId w:val=\"0\"/>"))
            #expect(instance.contains("<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>"))
        }
    }

    @Test func oneRenderingGivesTheLetterAndItsParts() throws {
        let renderer = LetterRenderer(plan: try LetterPlan(template: try MergeTemplate(bytes: Self.template(), name: "test.docx"),
                                                           columns: ["Name"]))
        let both = try renderer.renderWithParts(["Ada"])
        #expect(both.document == (try renderer.render(["Ada"])))
        #expect(both.parts == (try renderer.renderParts(["Ada"])))
        #expect(Set(both.parts.keys) == ["word/document.xml", "word/header1.xml", "word/footnotes.xml"])
    }

    /// Letters of a template without a header after letters of one with a header: each gets empty
    /// headers and footers of its own rather than inheriting the one before; letters of the first
    /// template are left as they are.
    @Test func aTemplateWithoutHeadersDoesNotInheritTheLetterBefore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let withHeader = try LetterPlan(template: try MergeTemplate(bytes: Self.template(), name: "a.docx"), columns: ["Name"])
        let plain = try LetterPlan(template: try MergeTemplate(bytes: DocxBuilder(body: paragraph(simpleField(" MERGEFIELD Name "))).build(),
                                                               name: "b.docx"), columns: ["Name"])
        let combiner = try LetterCombiner(destination: folder.file("all.docx"), plans: [withHeader, plain])
        for (index, plan) in [0, 1, 0].enumerated() {
            let parts = try LetterRenderer(plan: plan == 0 ? withHeader : plain).renderParts([Self.names[index]])
            try combiner.append(try combiner.prepare(index: index, plan: plan, parts: parts))
        }
        try combiner.commit()
        let letter = try Letter(Array(try Data(contentsOf: URL(fileURLWithPath: folder.file("all.docx")))))
        try letter.checkWellFormed()
        let document = try letter.part("word/document.xml")
        let sections = try Self.values(#"(<w:sectPr>.*?</w:sectPr>)"#, in: document)
        #expect(sections.count == 3)
        #expect(!sections[0].contains("LettershopEmpty"))
        for type in ["default", "first", "even"] {
            #expect(sections[1].contains("<w:headerReference w:type=\"\(type)\" r:id=\"LettershopEmptyHeader\"/>"))
            #expect(sections[1].contains("<w:footerReference w:type=\"\(type)\" r:id=\"LettershopEmptyFooter\"/>"))
        }
        #expect(sections[2].contains("<w:headerReference w:type=\"default\" r:id=\"L3_rIdH1\"/>"))
        #expect(!sections[2].contains("LettershopEmptyHeader\"/><w:headerReference w:type=\"default\""))
        #expect(try letter.part("word/lettershop-empty-header.xml").contains("<w:p/>"))
        #expect(try letter.part("word/_rels/document.xml.rels").contains("Target=\"lettershop-empty-footer.xml\""))
    }

    @Test func aLetterWithMoreIDsThanItMayHaveIsAnError() throws {
        var ids = LetterIDs(index: 0)
        for _ in 1..<LetterIDs.stride { _ = try ids.drawing() }
        #expect(throws: MergeError.self) { try ids.drawing() }
    }

    @Test func nothingIsLeftWhenDiscarded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let plan = try LetterPlan(template: try MergeTemplate(bytes: Self.template(), name: "test.docx"), columns: ["Name"])
        let combiner = try LetterCombiner(destination: folder.file("all.docx"), plans: [plan])
        try combiner.append(try combiner.prepare(index: 0, plan: 0, parts: LetterRenderer(plan: plan).renderParts(["Ada"])))
        combiner.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(throws: MergeError.self) { try LetterCombiner(destination: folder.file("missing/all.docx"), plans: [plan]) }
    }
}
