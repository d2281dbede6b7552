@testable import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// `IF` fields as Word writes them: fields inside the condition and the texts (complex and
/// `w:fldSimple`), IF inside IF, and texts holding pictures, formatting, hyperlinks and paragraphs.
@Suite("Fields inside IF and what the chosen text holds")
struct ConditionalContentTests: WordFieldMarkup {
    static let picture = #"<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="Picture 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#

    func merge(_ body: String, columns: [String], keepUnknown: Bool = false) throws -> Merge {
        try Merge(DocxBuilder(body: body).build(), columns: columns, keepUnknown: keepUnknown)
    }

    /// The visible text of each paragraph.
    func paragraphs(_ body: String) -> [String] {
        body.components(separatedBy: "</w:p>").dropLast().map { paragraph in
            paragraph.components(separatedBy: "<w:t").dropFirst().map { piece -> String in
                guard piece.hasPrefix(">") || piece.hasPrefix(" ") else { return "" }
                let text = piece[piece.index(after: piece.firstIndex(of: ">")!)...]
                return String(text.prefix { $0 != "<" })
            }.joined()
        }
    }

    @Test("a w:fldSimple MERGEFIELD inside an IF (Word's way of inserting a field into an IF) is read, and IF inside IF works")
    func simpleFieldsInsideIf() throws {
        // { IF { MERGEFIELD fieldname } <> "one" "{ IF <fldSimple fieldname> = "two" "two" "more: <fldSimple fieldname>" }" "- one -" }
        let inner = Self.begin() + Self.instr(" IF ") + Self.simpleNested("fieldname") + Self.instr(#" = "two" "two" "more: "#)
            + Self.simpleNested("fieldname") + Self.instr(#"" \* MERGEFORMAT "#) + Self.separate() + Self.result("more: x") + Self.end()
        let body = paragraph(Self.begin() + Self.instr(" IF ") + Self.nested("fieldname") + Self.instr(#" &lt;&gt; "one" ""#) + inner
            + Self.instr(#"" "- one -" \* MERGEFORMAT "#) + Self.separate() + Self.result("more: x") + Self.end())
        let merge = try merge(body, columns: ["fieldname"])
        #expect(paragraphs(try merge.body(["fieldname": "one"])) == ["- one -"])
        #expect(paragraphs(try merge.body(["fieldname": "two"])) == ["two"])
        #expect(paragraphs(try merge.body(["fieldname": "three"])) == ["more: three"])
        #expect(!(try merge.body(["fieldname": "three"])).contains("«"), "a nested field's cached result never reaches the letter")
    }

    @Test("the chosen text keeps its picture and its formatting; the other text leaves nothing")
    func pictureAndFormattingInBranch() throws {
        let bold = "<w:rPr><w:b/></w:rPr>"
        let body = paragraph(#"<w:r><w:t xml:space="preserve">Dear member, </w:t></w:r>"# + Self.begin() + Self.instr(" IF ") + Self.nested("Level")
            + Self.instr(#" = "Gold" "You are "#) + Self.instr("gold", bold) + Self.instr(" ") + Self.picture + Self.instr(#"" "Thank you" "#)
            + Self.separate() + Self.result("Thank you") + Self.end() + #"<w:r><w:t>.</w:t></w:r>"#)
        let merge = try merge(body, columns: ["Level"])
        let gold = try merge.body(["Level": "Gold"])
        #expect(paragraphs(gold) == ["Dear member, You are gold ."])
        #expect(gold.contains("<w:drawing>") && gold.contains("rIdLogo"))
        #expect(gold.contains("<w:b/><w:instrText") == false && gold.contains(#"<w:b/></w:rPr><w:t xml:space="preserve">gold</w:t>"#))
        #expect(!gold.contains("instrText") && !gold.contains("fldChar"))
        let other = try merge.body(["Level": "Silver"])
        #expect(paragraphs(other) == ["Dear member, Thank you."])
        #expect(!other.contains("<w:drawing>"))
        let letter = try merge.letter(["Silver"])
        try letter.checkWellFormed()
    }

    @Test("a text over several paragraphs keeps them; the text not chosen leaves no paragraph behind")
    func paragraphsInBranch() throws {
        let body = paragraph(#"<w:r><w:t>Before</w:t></w:r>"#)
            + #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr>"# + Self.begin() + Self.instr(" IF ") + Self.nested("Show") + Self.instr(#" = "yes" "First line"#) + "</w:p>"
            + #"<w:p><w:pPr><w:jc w:val="right"/></w:pPr>"# + Self.instr(#"Second line" "" \* MERGEFORMAT "#) + Self.separate() + Self.result("First line") + "</w:p>"
            + paragraph(Self.result("Second line") + Self.end())
            + paragraph(#"<w:r><w:t>After</w:t></w:r>"#)
        let merge = try merge(body, columns: ["Show"])
        #expect(paragraphs(try merge.body(["Show": "yes"])) == ["Before", "First line", "Second line", "After"])
        #expect(paragraphs(try merge.body(["Show": "no"])) == ["Before", "", "After"])
        try merge.letter(["yes"]).checkWellFormed()
        try merge.letter(["no"]).checkWellFormed()
    }

    @Test("fields in a chosen text are merged, with their own formatting")
    func fieldsInRichBranch() throws {
        let italic = "<w:rPr><w:i/></w:rPr>"
        let body = paragraph(Self.begin() + Self.instr(" IF ") + Self.nested("Country") + Self.instr(#" &lt;&gt; "NO" "Shipping to "#)
            + Self.instr("abroad: ", italic) + Self.nested("Country") + Self.instr(#"" "Free shipping" "#) + Self.separate() + Self.result("x") + Self.end())
        let merge = try merge(body, columns: ["Country"])
        #expect(paragraphs(try merge.body(["Country": "SE"])) == ["Shipping to abroad: SE"])
        #expect(paragraphs(try merge.body(["Country": "NO"])) == ["Free shipping"])
        #expect(merge.template.fieldNames == ["Country"])
    }

    @Test("a field begun and never ended, or ended and never begun, is an error naming the part and the paragraph")
    func unbalancedFields() throws {
        #expect { _ = try merge(paragraph(Self.begin() + Self.instr(" MERGEFIELD Name ")), columns: ["Name"]) } throws: { error in
            "\(error)".contains("word/document.xml") && "\(error)".contains("paragraph 1") && "\(error)".contains("has no end")
        }
        #expect { _ = try merge(paragraph(text("x")) + paragraph(Self.end()), columns: ["Name"]) } throws: { error in
            "\(error)".contains("paragraph 2") && "\(error)".contains("no field begun")
        }
    }

    @Test("fields nested deeper than the limit are refused, not a crash")
    func deepNesting() throws {
        let depth = 12_000
        let body = paragraph(String(repeating: Self.begin() + Self.instr(" IF 1 = 1 \""), count: depth) + String(repeating: Self.instr("\" ") + Self.end(), count: depth))
        #expect { _ = try merge(body, columns: []) } throws: { "\($0)".contains("nested deeper than 64") }
    }

    @Test("NEXT is reported once, with its paragraph; --keep-unknown says what it left")
    func navigationFieldsReportedOnce() throws {
        let body = paragraph(text("a")) + paragraph(Self.begin() + Self.instr(" NEXT ") + Self.separate() + Self.end())
            + paragraph(Self.begin() + Self.instr(" IF ") + Self.nested("A") + Self.instr(#" = "1" "x "#) + Self.picture + Self.instr(#"" "y" "#) + Self.separate() + Self.end())
        #expect { _ = try merge(body, columns: ["A"]) } throws: { error in
            let lines = (error as? MergeError)?.lines ?? []
            return lines.count == 1 && lines[0].contains("NEXT") && lines[0].contains("paragraph 2")
        }
        let kept = try merge(body, columns: ["A"], keepUnknown: true)
        #expect(kept.template.warnings.count == 1 && kept.template.warnings[0].contains("NEXT"))
    }
}

/// The part reader keeps every namespace declaration as written (a declaration's value lives in the
/// reader's buffer, which is reused: it must be read, not cached by address).
@Suite("Namespace declarations survive the part reader")
struct NamespaceDeclarationTests {
    @Test("thousands of distinct declarations, in paragraphs with and without fields, all come back")
    func everyDeclarationKept() throws {
        let body = (0..<3_000).map { index in
            let field = index % 3 == 0 ? "<w:r><w:t>{{Name}}</w:t></w:r>" : "<w:r><w:t>text</w:t></w:r>"
            return #"<w:p>\#(field)<w:r><x\#(index):mark xmlns:x\#(index)="urn:example:\#(index)" v="\#(index)"/></w:r></w:p>"#
        }.joined()
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Name"])
        let letter = try merge.letter(["Ann"])
        try letter.checkWellFormed()
        let xml = try letter.part("word/document.xml")
        for index in stride(from: 0, to: 3_000, by: 1) {
            #expect(xml.contains(#"xmlns:x\#(index)="urn:example:\#(index)""#), "declaration \(index) lost")
        }
    }
}
