@testable import DocxMerge
import LettershopTestSupport
import Testing

/// The HTML body of an e-mail made from a letter.
@Suite struct LetterHTMLTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]

    /// A letter with formatting, a link, both kinds of list, a table and a picture.
    static func letter() -> [UInt8] {
        let body = """
            <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="C00000"/><w:sz w:val="32"/></w:rPr><w:t>Title &amp; more</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Dear </w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>Åse</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>&lt;x&gt;</w:t></w:r><w:r><w:br/><w:t>next</w:t></w:r></w:p>
            <w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>our site</w:t></w:r></w:hyperlink><w:hyperlink r:id="rIdBad"><w:r><w:t>bad</w:t></w:r></w:hyperlink></w:p>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.com/field" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>field link</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>bullet one</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>bullet two</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>step one</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="476250"/><wp:docPr id="1" name="Picture 1" descr="Logo"/><a:graphic><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
            <w:p><w:r><w:delText>deleted</w:delText></w:r></w:p>
            """
        var builder = DocxBuilder(body: body)
        builder.extraRelationships = [("rIdLink", "hyperlink", "https://example.com/?a=1&amp;b=2", true),
                                      ("rIdBad", "hyperlink", "javascript:alert(1)", true), ("rIdImg", "image", "media/logo.png", false)]
        let numbering = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:numbering \(DocxBuilder.wordNamespaces)>\
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>\
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>\
            </w:numbering>
            """
        builder.extraEntries = [("word/media/logo.png", png), ("word/numbering.xml", Array(numbering.utf8))]
        return builder.build()
    }

    @Test func convertsTheLetter() throws {
        let html = try LetterHTML(docx: Self.letter(), name: "letter.docx", contentIDSuffix: "m1@example.com")
        let text = html.text
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains(#"<p style="margin: 0 0 8pt 0; text-align: center"><span style="color: #C00000; font-size: 16pt"><b>Title &amp; more</b></span></p>"#))
        #expect(text.contains("<i>Dear </i><u>Åse</u>&lt;x&gt;<br>next"))
        #expect(text.contains(#"<a href="https://example.com/?a=1&amp;b=2">our site</a>bad"#))
        #expect(!text.contains("javascript"))
        #expect(text.contains(#"<a href="https://example.com/field">field link</a>"#))
        #expect(text.contains("<ul>\n<li>bullet one</li>\n<li>bullet two</li>\n</ul>\n<ol>\n<li>step one</li>\n</ol>"))
        #expect(text.contains(#"<td colspan="2""#) && text.contains(">\n<p style=\"margin: 0 0 8pt 0\">a</p>\n</td>"))
        #expect(text.contains(#"<img src="cid:image1.m1@example.com" width="100" height="50" alt="Logo">"#))
        #expect(!text.contains("deleted"))
        #expect(html.images == [LetterHTML.Image(contentID: "image1.m1@example.com", contentType: "image/png", fileName: "logo.png", bytes: Self.png)])
    }
}
