@testable import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// The HTML body of letters over a corpus of templates (the samples, Word-made fixtures, and
/// templates with `IF` regions, suppressed blank lines, lists, tables, links and pictures), each
/// with records that exercise escaping, line breaks, empty values and both sides of every `IF`.
@Suite("HTML of merged letters, per letter and compiled once per template")
struct TemplateHTMLTests: WordFieldMarkup {
    struct Case: CustomStringConvertible {
        let name: String
        let docx: [UInt8]
        let columns: [String]
        let records: [[String]]
        var description: String { name }
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7]
    static let gif: [UInt8] = Array("GIF89a-pixels".utf8)

    static func picture(_ id: String, descr: String) -> String {
        #"<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="1" name="Picture 1" descr="\#(descr)"/><a:graphic><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="\#(id)"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    }
    static func listItem(_ numID: Int, level: Int = 0, _ content: String) -> String {
        #"<w:p><w:pPr><w:numPr><w:ilvl w:val="\#(level)"/><w:numId w:val="\#(numID)"/></w:numPr></w:pPr>\#(content)</w:p>"#
    }
    static let numbering = """
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>\
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        """

    /// `IF`s whose texts are regions: over paragraphs, with a picture, formatting, fields, a link.
    static func branches() -> Case {
        let bold = "<w:rPr><w:b/></w:rPr>"
        let italic = "<w:rPr><w:i/></w:rPr>"
        var body = paragraph(text("Before"))
            + #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr>"# + begin() + instr(" IF ") + nested("Show") + instr(#" = "yes" "First line"#) + "</w:p>"
            + #"<w:p><w:pPr><w:jc w:val="right"/></w:pPr>"# + instr(#"Second line" "" \* MERGEFORMAT "#) + separate() + result("First line") + "</w:p>"
            + paragraph(result("Second line") + end())
        body += paragraph(text("Dear member, ") + begin() + instr(" IF ") + nested("Level")
            + instr(#" = "Gold" "You are "#) + instr("gold", bold) + instr(" ") + picture("rIdLogo", descr: "Gold &amp; &lt;logo&gt; &quot;q&quot;") + instr(#"" "Thank you" "#)
            + separate() + result("Thank you") + end() + text("."))
        body += paragraph(begin() + instr(" IF ") + nested("Country") + instr(#" &lt;&gt; "NO" "Shipping to "#)
            + instr("abroad: ", italic) + nested("Country") + instr(#"" "Free shipping" "#) + separate() + result("x") + end())
        let inner = begin() + instr(" IF ") + simpleNested("Level") + instr(#" = "Silver" "silver" "more: "#)
            + simpleNested("Country") + instr(#"" \* MERGEFORMAT "#) + separate() + result("more: x") + end()
        body += paragraph(begin() + instr(" IF ") + nested("Level") + instr(#" &lt;&gt; "Gold" ""#) + inner
            + instr(#"" "- gold -" \* MERGEFORMAT "#) + separate() + result("more: x") + end())
        // A region from a list item into a plain paragraph, and one inside a hyperlink.
        body += listItem(1, begin() + instr(" IF ") + nested("Show") + instr(#" = "yes" "Listed "#) + picture("rIdSmall", descr: "dot") + instr(" item"))
            + #"<w:p><w:pPr><w:jc w:val="right"/></w:pPr>"# + instr(#"continued" "Not listed" \* MERGEFORMAT "#) + separate() + result("x") + end() + text(" tail") + "</w:p>"
        body += paragraph(#"<w:hyperlink r:id="rIdSite">"# + text("Visit ") + begin() + instr(" IF ") + nested("Level") + instr(#" = "Gold" "the "#)
            + instr("gold", bold) + instr(#" lounge" "us" "#) + separate() + result("us") + end() + "</w:hyperlink>" + text(" today"))
        body += paragraph(picture("rIdLogo", descr: "again") + text("After"))
        var builder = DocxBuilder(body: body)
        builder.numbering = numbering
        builder.extraRelationships = [("rIdLogo", "image", "media/logo.png", false), ("rIdSmall", "image", "media/dot.gif", false),
                                      ("rIdSite", "hyperlink", "https://example.com/lounge?a=1&amp;b=&quot;2&quot;", true)]
        builder.extraEntries = [("word/media/logo.png", png), ("word/media/dot.gif", gif)]
        return Case(name: "branches", docx: builder.build(), columns: ["Show", "Level", "Country"], records: [
            ["yes", "Gold", "NO"], ["no", "Silver", "SE"], ["", "Bronze", "DK & <FI>"], ["yes", "Silver", ""], ["no", "Gold", "line\none"],
        ])
    }

    /// Blank lines suppressed, escaping, breaks and tabs, an `IF` over two paragraphs, a link built
    /// from a field, formatted fields.
    static func shapes() -> Case {
        let address = ["Name", "Address", "Address2", "City"].map { paragraph(complexField("MERGEFIELD \($0)")) }.joined()
        let twoFields = paragraph(complexField("MERGEFIELD PostCode") + text(" ") + complexField("MERGEFIELD City"))
        let withTab = paragraph(#"<w:r><w:tab/></w:r>"# + complexField("MERGEFIELD Address2"))
        let withText = paragraph(text("Ref: ") + complexField("MERGEFIELD Address2"))
        let bookmarked = paragraph(#"<w:bookmarkStart w:id="5" w:name="b"/>"# + complexField("MERGEFIELD Address2") + #"<w:bookmarkEnd w:id="5"/>"#)
        let cell = #"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p>"# + paragraph(complexField("MERGEFIELD Address2")) + "</w:tc>"
            + #"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>"# + paragraph(complexField("MERGEFIELD Note", properties: #"<w:rPr><w:color w:val="1F4E79"/><w:sz w:val="21"/></w:rPr>"#)) + "</w:tc></w:tr></w:tbl>"
        let note = paragraph(text("Note: ") + complexField("MERGEFIELD Note", properties: "<w:rPr><w:i/></w:rPr>"))
        let nestedField = { (name: String) in complexField("MERGEFIELD \(name)").replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«\(name)»</w:instrText>") }
        let overParagraphs = #"<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>"#
            + nestedField("Address2") + #"<w:r><w:instrText xml:space="preserve"> &lt;&gt; "" "</w:instrText></w:r>"# + nestedField("Address2") + "</w:p>"
            + #"<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:instrText xml:space="preserve">" "" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Address2»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
            + complexField("MERGEFIELD PostCode") + text(" ") + complexField("MERGEFIELD City") + "</w:p>"
        let mailto = paragraph(text("Write to ")
            + #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:</w:instrText></w:r>"#
            + nestedField("Email") + #"<w:r><w:instrText xml:space="preserve">" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
            + complexField("MERGEFIELD Name", properties: #"<w:rPr><w:rStyle w:val="Hyperlink"/><w:u w:val="single"/></w:rPr>"#)
            + #"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#)
        let simpleLink = paragraph(#"<w:fldSimple w:instr=" HYPERLINK &quot;https://example.com/s&quot; "><w:r><w:t>simple link</w:t></w:r></w:fldSimple>"#
            + simpleField("MERGEFIELD Name", properties: "<w:rPr><w:b/><w:highlight w:val=\"yellow\"/></w:rPr>") + text(" {{Email}}"))
        let body = address + twoFields + withTab + withText + bookmarked + cell + note + overParagraphs + mailto + simpleLink + paragraph(text("End"))
        let columns = ["Name", "Address", "Address2", "City", "PostCode", "Note", "Email"]
        return Case(name: "shapes", docx: DocxBuilder(body: body).build(), columns: columns, records: [
            ["Kari", "Gate 1", "", "", "", "", "kari@example.no"],
            ["Kari & Co", "Gate 1", "c/o Per", "Oslo", "0150", "  <b>&amp;</b> \"quoted\" 'apos' ]]> end\nline two\r\nline three\tafter tab\rline four  ", "a\"b@example.no"],
            ["", "", "   ", "", "", "\t", ""],
            ["Åse Ødegård", "Storgata 5\nOppgang B", "Postboks 12", "Tromsø", "9008", "Ønsker – «hilsen»", "åse@example.no"],
        ])
    }

    /// Lists and tables around fields, a field in a relationship hyperlink, a list item suppressed
    /// when blank, and formatting of every kind on a field.
    static func listsAndTables() -> Case {
        let formatted = #"<w:rPr><w:b/><w:i/><w:u w:val="single"/><w:strike/><w:vertAlign w:val="superscript"/><w:color w:val="00B050"/><w:sz w:val="28"/></w:rPr>"#
        var body = paragraph(text("Items for ") + complexField("MERGEFIELD Name", properties: formatted))
        body += listItem(1, text("first: ") + complexField("MERGEFIELD Item1"))
        body += listItem(1, complexField("MERGEFIELD Item2"))
        body += listItem(1, level: 1, complexField("MERGEFIELD Item3"))
        body += listItem(2, text("numbered ") + complexField("MERGEFIELD Item1"))
        body += listItem(2, complexField("MERGEFIELD Item2"))
        body += paragraph(#"<w:hyperlink r:id="rIdSite">"# + text("see ") + complexField("MERGEFIELD Name") + "</w:hyperlink>")
        body += #"<w:tbl><w:tr><w:tc>"# + listItem(1, complexField("MERGEFIELD Item1")) + listItem(1, complexField("MERGEFIELD Item2")) + "</w:tc><w:tc>"
            + paragraph(complexField("MERGEFIELD Item3")) + "</w:tc></w:tr><w:tr><w:tc>" + paragraph(text("x")) + "</w:tc><w:tc>"
            + #"<w:tbl><w:tr><w:tc>"# + paragraph(complexField("MERGEFIELD Name")) + "</w:tc></w:tr></w:tbl>" + paragraph("") + "</w:tc></w:tr></w:tbl>"
        body += listItem(2, text("after table ") + complexField("MERGEFIELD Item3"))
        body += #"<w:sdt><w:sdtPr/><w:sdtContent>"# + paragraph(complexField("MERGEFIELD Item2")) + "</w:sdtContent></w:sdt>"
        body += paragraph(#"<w:r><w:t xml:space="preserve">tab</w:t><w:tab/><w:t>bed</w:t><w:noBreakHyphen/><w:br w:type="page"/><w:cr/></w:r>"#)
        body += paragraph("")
        var builder = DocxBuilder(body: body)
        builder.numbering = numbering
        builder.extraRelationships = [("rIdSite", "hyperlink", "https://example.com/items", true)]
        return Case(name: "lists-tables", docx: builder.build(), columns: ["Name", "Item1", "Item2", "Item3"], records: [
            ["Kari", "one", "two", "three"], ["Per <3", "", "", ""], ["", "a & b", "", "c\nd"], ["Åse", "x\ty", "z", ""],
        ])
    }

    static func csvCase(_ name: String, template: String, csv: String, limit: Int) throws -> Case {
        let reader = try CSVReader(path: csv)
        var records: [[String]] = []
        while let record = try reader.next(), records.count < limit { records.append(record.values) }
        return Case(name: name, docx: Array(try Data(contentsOf: URL(fileURLWithPath: template))), columns: reader.header, records: records)
    }

    static func cases() throws -> [Case] {
        let root = GoldenFile.projectRoot()
        var cases = [branches(), shapes(), listsAndTables(),
                     Case(name: "rich", docx: LetterHTMLTests.letter(), columns: [], records: [[]])]
        for name in ["letter-en", "letter-nb"] {
            cases.append(try csvCase(name, template: root + "/Templates/\(name).docx", csv: root + "/Samples/letters.csv", limit: 6))
        }
        for name in ["word-mailings", "word-split-fields", "word-switches"] {
            cases.append(try csvCase(name, template: GoldenFile.fixture("\(name).docx"), csv: GoldenFile.fixture("\(name).csv"), limit: 3))
        }
        return cases
    }

    @Test("each letter's HTML is the reviewed one")
    func perLetter() throws {
        for item in try Self.cases() {
            let merge = try Merge(item.docx, columns: item.columns)
            for (index, record) in item.records.enumerated() {
                let html = try LetterHTML(docx: merge.renderer.render(record), name: "letter.docx", contentIDSuffix: "m\(index)@example.com")
                var text = html.text
                for image in html.images { text += "\n<!-- \(image.contentID) \(image.contentType) \(image.fileName) \(image.bytes.count) bytes -->" }
                try expectGolden(text, "html/\(item.name)/record\(index + 1).html")
            }
        }
    }

    @Test("compiled once per template: each letter's HTML is the reviewed one, from the values alone")
    func compiledOnce() throws {
        for item in try Self.cases() {
            let merge = try Merge(item.docx, columns: item.columns)
            guard case let .compiled(html) = TemplateHTML.compile(merge.template) else {
                Issue.record("\(item.name): not compiled")
                continue
            }
            for (index, record) in item.records.enumerated() {
                let compiled = try merge.renderer.html(record, html: html, contentIDSuffix: "m\(index)@example.com")
                guard let compiled else {
                    Issue.record("\(item.name) record \(index + 1): no compiled HTML")
                    continue
                }
                var text = compiled.text
                for image in compiled.images { text += "\n<!-- \(image.contentID) \(image.contentType) \(image.fileName) \(image.bytes.count) bytes -->" }
                try expectGolden(text, "html/\(item.name)/record\(index + 1).html")
            }
        }
    }

    /// Values that stress escaping, breaks, blanks and both sides of each `IF`.
    static let trickyValues = ["", " ", "yes", "no", "Gold", "Silver", "NO", "SE", "Kari & <Co> \"q\" 'a'", "a\nb", "a\r\nb\rc", "\t", "x\ty",
                               "Åse Ødegård – «hilsen» 😀", "]]> &amp;", "https://example.com/?a=1&b=2", "mailto:kari@example.no", "\n", "  two  spaces  "]

    @Test("for hundreds of generated records, the compiled HTML equals converting the letter")
    func compiledEqualsPerLetter() throws {
        var generator = SystemRandomNumberGenerator()
        for item in try Self.cases() where !item.columns.isEmpty {
            let merge = try Merge(item.docx, columns: item.columns)
            guard case let .compiled(html) = TemplateHTML.compile(merge.template) else {
                Issue.record("\(item.name): not compiled")
                continue
            }
            for round in 0..<60 {
                let record = item.columns.map { _ in Self.trickyValues.randomElement(using: &generator)! }
                let document = try merge.renderer.render(record)
                let compiled = try merge.renderer.html(record, html: html, contentIDSuffix: "r\(round)@example.com")
                let perLetter = try LetterHTML(docx: document, name: "letter.docx", contentIDSuffix: "r\(round)@example.com")
                #expect(compiled?.text == perLetter.text, "\(item.name): \(record)")
                #expect(compiled?.images == perLetter.images, "\(item.name): \(record)")
            }
        }
    }

    @Test("a template whose body already holds the compiler's marks is converted letter by letter, and still right")
    func markedTemplateFallsBack() throws {
        let body = paragraph(text("Hello ") + complexField("MERGEFIELD Name")) + "<?lettershop-html slot 0?>" + paragraph(text("End"))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Name"])
        guard case let .perLetter(reason) = TemplateHTML.compile(merge.template) else {
            Issue.record("compiled although the body holds a mark")
            return
        }
        #expect(reason.contains("marks"))
        let html = try LetterHTML(docx: merge.renderer.render(["Kari"]), name: "letter.docx", contentIDSuffix: "m@example.com")
        #expect(html.text.contains("Hello Kari"))
    }

    @Test("an IF region in a text box, which the HTML leaves out, makes the template's letters converted one by one")
    func regionInATextBoxFallsBack() throws {
        let bold = "<w:rPr><w:b/></w:rPr>"
        let region = paragraph(Self.begin() + Self.instr(" IF ") + Self.nested("Level") + Self.instr(#" = "Gold" "You are "#) + Self.instr("gold", bold)
            + Self.instr(#"" "Thank you" "#) + Self.separate() + Self.result("Thank you") + Self.end())
        let textBox = #"<w:r><w:drawing><wp:anchor><wp:extent cx="914400" cy="457200"/><wp:docPr id="2" name="Text Box 2"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"#
            + region + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
        let merge = try Merge(DocxBuilder(body: paragraph(text("Hello ") + complexField("MERGEFIELD Level") + textBox)).build(), columns: ["Level"])
        guard case let .perLetter(reason) = TemplateHTML.compile(merge.template) else {
            Issue.record("compiled although a region lies in a text box")
            return
        }
        #expect(reason.contains("text box"))
        let html = try LetterHTML(docx: merge.renderer.render(["Gold"]), name: "letter.docx", contentIDSuffix: "m@example.com")
        #expect(html.text.contains("Hello Gold") && !html.text.contains("You are"))
    }

    @Test("an address block's lines, paragraphs in the letter, are paragraphs in the compiled HTML too")
    func addressBlockParagraphs() throws {
        let docx = Array(try Data(contentsOf: URL(fileURLWithPath: GoldenFile.fixture("word-mailings.docx"))))
        let csv = try CSVReader(path: GoldenFile.fixture("word-mailings.csv"))
        let merge = try Merge(docx, columns: csv.header)
        guard case let .compiled(html) = TemplateHTML.compile(merge.template), let record = try csv.next() else {
            Issue.record("not compiled")
            return
        }
        let document = try merge.renderer.render(record.values)
        let compiled = try merge.renderer.html(record.values, html: html, contentIDSuffix: "m@example.com")
        #expect(merge.template.slots.contains { $0.paragraphBreak != nil })
        #expect(compiled?.text == (try LetterHTML(docx: document, name: "letter.docx", contentIDSuffix: "m@example.com")).text)
    }
}
