import DocxMerge
import LettershopTestSupport
import Testing

/// Each field shape, switch and rendering rule on a small template built in code, compared with
/// committed expected XML.
@Suite("Field shapes and rendering rules against golden files")
struct FieldShapeTests {
    @Test func simpleFieldKeepsItsFormatting() throws {
        let docx = DocxBuilder(body: paragraph(text("To: ") + simpleField(#"MERGEFIELD Company \* Upper \* MERGEFORMAT"#, properties: "<w:rPr><w:b/><w:color w:val=\"FF0000\"/></w:rPr>"))).build()
        let merge = try Merge(docx, columns: ["Company"])
        try expectGolden(try merge.body(["Company": "Bjørn & Søn"]), "shapes/simple-field.xml")
    }

    @Test func complexFieldSplitEveryWayWordSplitsIt() throws {
        let body = paragraph(text("Dear ")
            + #"<w:r><w:rPr><w:i/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:i/></w:rPr><w:instrText xml:space="preserve"> MERGE</w:instrText></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:instrText>FIELD First</w:instrText></w:r><w:proofErr w:type="spellEnd"/><w:r/><w:r><w:rPr><w:i/></w:rPr></w:r><w:bookmarkStart w:id="3" w:name="Mark"/><w:r><w:rPr><w:i/></w:rPr><w:instrText xml:space="preserve">Name \* MERGEFORMAT </w:instrText></w:r><w:bookmarkEnd w:id="3"/><w:r><w:rPr><w:i/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:i/><w:noProof/></w:rPr><w:t>«FirstName»</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>"#
            + text(", welcome."))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["FirstName"])
        let xml = try merge.body(["FirstName": "Åse"])
        #expect(xml.contains("Åse") && !xml.contains("instrText") && !xml.contains("fldChar") && !xml.contains("proofErr"))
        try expectGolden(xml, "shapes/complex-split.xml")
    }

    @Test func fieldCharactersSharingRunsWithText() throws {
        let body = paragraph(#"<w:r><w:t xml:space="preserve">Hello </w:t><w:fldChar w:fldCharType="begin"/><w:instrText> MERGEFIELD Name </w:instrText><w:fldChar w:fldCharType="separate"/><w:t>«Name»</w:t><w:fldChar w:fldCharType="end"/><w:t xml:space="preserve"> there</w:t></w:r>"#)
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Name"])
        try expectGolden(try merge.body(["Name": "Kari"]), "shapes/shared-run.xml")
    }

    @Test func placeholdersSplitOverRuns() throws {
        let body = paragraph(#"<w:r><w:t xml:space="preserve">Dear {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>{ First</w:t></w:r><w:r><w:t xml:space="preserve"> Name }</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>}, from {{City}} and {{ Country }}!</w:t></w:r>"#)
            + paragraph(#"<w:r><w:rPr><w:i/></w:rPr><w:t>{{</w:t></w:r><w:r><w:t>Note</w:t></w:r><w:r><w:t>}}</w:t></w:r>"#)
            + paragraph(text("Not a placeholder: { {x} } and {{}}"))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["first_name", "City", "Country", "Note"])
        let xml = try merge.body(["first_name": "Ola", "City": "Oslo", "Country": "Norge", "Note": "Hi"])
        #expect(!xml.contains("{{ ") && xml.contains("Not a placeholder: { {x} } and {{}}"))
        try expectGolden(xml, "shapes/placeholders.xml")
    }

    @Test func switches() throws {
        let rows: [(String, String)] = [
            (#"MERGEFIELD Date \@ "dddd d. MMMM yyyy""#, "nb-NO"),
            (#"MERGEFIELD Date \@ "MMMM d, yyyy h:mm AM/PM""#, "en-US"),
            (#"MERGEFIELD Date \@ dd.MM.yy"#, "de-DE"),
            (#"MERGEFIELD Date \@ "ddd d MMM""#, "fr-FR"),
            (##"MERGEFIELD Amount \# "#,##0.00""##, "en-US"),
            (##"MERGEFIELD Amount \# "# ##0,00""##, "nb-NO"),
            (##"MERGEFIELD Amount \# 0"##, "en-US"),
            (#"MERGEFIELD Name \* Upper"#, "en-US"),
            (#"MERGEFIELD Name \* Lower"#, "en-US"),
            (#"MERGEFIELD Name \* FirstCap"#, "en-US"),
            (#"MERGEFIELD Name \* Caps"#, "en-US"),
            (#"MERGEFIELD Name \b "Attn: " \f " (VIP)" \* Upper"#, "en-US"),
            (#"MERGEFIELD Empty \b "Attn: " \f " (VIP)""#, "en-US"),
            (#"MERGEFIELD Name \@ "yyyy""#, "en-US"),
            (##"MERGEFIELD Name \# "0.00""##, "en-US"),
        ]
        let body = rows.map { paragraph(text("[") + complexField($0.0, properties: "<w:rPr><w:lang w:val=\"\($0.1)\"/></w:rPr>") + text("]")) }.joined()
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Date", "Amount", "Name", "Empty"])
        let xml = try merge.body(["Date": "2026-03-07T00:30", "Amount": "-1234567.005", "Name": "åse van der berg", "Empty": ""])
        for expected in ["lørdag 7. mars 2026", "March 7, 2026 12:30 AM", "07.03.26", "-1,234,567.01", "-1\u{A0}234\u{A0}567,01",
                         "ÅSE VAN DER BERG", "Åse van der berg", "Åse Van Der Berg", "Attn: ÅSE VAN DER BERG (VIP)", "[</w:t>"] {
            #expect(xml.contains(expected), "missing \(expected)")
        }
        try expectGolden(xml, "shapes/switches.xml")
    }

    @Test func conditions() throws {
        func ifField(_ inner: String, _ rest: String) -> String {
            #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>"#
                + complexField(inner).replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«x»</w:instrText>")
                + #"<w:r><w:instrText xml:space="preserve"> \#(rest.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>old result</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        }
        let nestedInText = #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>"#
            + complexField("MERGEFIELD Title").replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«x»</w:instrText>")
            + #"<w:r><w:instrText xml:space="preserve"> &lt;&gt; "" "Dear </w:instrText></w:r>"#
            + complexField("MERGEFIELD Title").replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«x»</w:instrText>")
            + #"<w:r><w:instrText xml:space="preserve"> </w:instrText></w:r>"#
            + complexField("MERGEFIELD Surname \\* Upper").replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«x»</w:instrText>")
            + #"<w:r><w:instrText xml:space="preserve">," "Dear customer," </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Dear customer,</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        let body = paragraph(ifField("MERGEFIELD Amount", #"> 1000 "large" "small""#))
            + paragraph(ifField("MERGEFIELD Amount", #"= 950.0 "equal" "different""#))
            + paragraph(ifField("MERGEFIELD City", #"= "Os*" "Oslo area" "elsewhere""#))
            + paragraph(ifField("MERGEFIELD City", #"= "oslo" "same case" "case differs""#))
            + paragraph(ifField("MERGEFIELD City", #"<> "B?rgen" "not Bergen""#))
            + paragraph(nestedInText)
            + paragraph(ifField("MERGEFIELD Amount", #">= 2000 "x" "y" \* Upper"#))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Amount", "City", "Title", "Surname"])
        let withTitle = try merge.body(["Amount": "950", "City": "Oslo", "Title": "Dr", "Surname": "Berg"])
        for expected in ["small", "equal", "Oslo area", "case differs", "not Bergen", "Dear Dr BERG,", ">Y<"] {
            #expect(withTitle.contains(expected), "missing \(expected)")
        }
        #expect(!withTitle.contains("old result"))
        let withoutTitle = try merge.body(["Amount": "1000.5", "City": "Bergen", "Title": "", "Surname": "Berg"])
        for expected in ["large", "different", "elsewhere", "Dear customer,"] {
            #expect(withoutTitle.contains(expected), "missing \(expected)")
        }
        #expect(!withoutTitle.contains("not Bergen"))
        try expectGolden(withTitle, "shapes/conditions-1.xml")
        try expectGolden(withoutTitle, "shapes/conditions-2.xml")
        #expect(merge.template.fields.map(\.kind) == [.condition, .condition, .condition, .condition, .condition, .condition, .condition, .condition, .condition])
    }

    @Test func escapingBreaksTabsAndSpaces() throws {
        let body = paragraph(text("Note: ") + complexField("MERGEFIELD Note", properties: "<w:rPr><w:i/></w:rPr>"))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Note"])
        let value = "  <b>&amp;</b> \"quoted\" 'apos' ]]> end\nline two\r\nline three\tafter tab\rline four  "
        let xml = try merge.body(["Note": value])
        #expect(xml.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(xml.components(separatedBy: "<w:br/>").count == 4)
        #expect(xml.contains("<w:tab/>"))
        try expectGolden(xml, "shapes/escaping.xml")
    }

    @Test func blankLinesAreSuppressedLikeWord() throws {
        let address = ["Name", "Address", "Address2", "City"].map { paragraph(complexField("MERGEFIELD \($0)")) }.joined()
        let twoFields = paragraph(complexField("MERGEFIELD PostCode") + text(" ") + complexField("MERGEFIELD City"))
        let withTab = paragraph(#"<w:r><w:tab/></w:r>"# + complexField("MERGEFIELD Address2"))
        let withText = paragraph(text("Ref: ") + complexField("MERGEFIELD Address2"))
        let bookmarked = paragraph(#"<w:bookmarkStart w:id="5" w:name="b"/>"# + complexField("MERGEFIELD Address2") + #"<w:bookmarkEnd w:id="5"/>"#)
        let cell = #"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p>"# + paragraph(complexField("MERGEFIELD Address2")) + "</w:tc></w:tr></w:tbl>"
        let body = address + twoFields + withTab + withText + bookmarked + cell + paragraph(text("End"))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Name", "Address", "Address2", "City", "PostCode"])
        let xml = try merge.body(["Name": "Kari", "Address": "Gate 1", "Address2": "", "City": "", "PostCode": ""])
        #expect(xml.components(separatedBy: "<w:p>").count - 1 == 7, "kept: Name, Address, tab, text, the cell's two, End")
        try expectGolden(xml, "shapes/blank-lines.xml")
        let full = try merge.body(["Name": "Kari", "Address": "Gate 1", "Address2": "c/o Per", "City": "Oslo", "PostCode": "0150"])
        #expect(full.components(separatedBy: "<w:p>").count - 1 == 11)
    }

    @Test func fieldsThatAreNotAboutTheDataStay() throws {
        let body = paragraph(complexField("PAGE", result: "1") + complexField(#"DATE \@ "d.M.yyyy""#, result: "1.1.2026"))
            + paragraph(complexField(#"IF 1 = 1 "yes" "no""#, result: "yes"))
            + paragraph(complexField(#"HYPERLINK "https://example.com""#, result: "link") + complexField("", result: "empty"))
            + paragraph(complexField("MERGEFIELD Name"))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Name"])
        let xml = try merge.body(["Name": "Kari"])
        for kept in ["PAGE", "DATE", "IF 1 = 1", "HYPERLINK", "empty"] { #expect(xml.contains(kept)) }
        #expect(!xml.contains("MERGEFIELD"))
        try expectGolden(xml, "shapes/other-fields.xml")
    }

    @Test func missingFieldsKeptOrBlank() throws {
        let body = paragraph(text("A: ") + complexField("MERGEFIELD Known") + text(" B: ") + complexField("MERGEFIELD Unknown", result: "«Unknown»")
                             + text(" C: ") + simpleField("MERGEFIELD Other", result: "«Other»") + text(" D: {{Placeholder}}"))
        let docx = DocxBuilder(body: body).build()
        let keep = try Merge(docx, columns: ["Known"], missing: .keep)
        let kept = try keep.body(["Known": "yes"])
        #expect(kept.contains("MERGEFIELD Unknown") && kept.contains("«Unknown»") && kept.contains("MERGEFIELD Other") && kept.contains("{{Placeholder}}"))
        try expectGolden(kept, "shapes/missing-keep.xml")
        let blank = try Merge(docx, columns: ["Known"], missing: .blank)
        let blanked = try blank.body(["Known": "yes"])
        #expect(!blanked.contains("Unknown") && !blanked.contains("Other") && !blanked.contains("Placeholder"))
        try expectGolden(blanked, "shapes/missing-blank.xml")
    }

    @Test func keepUnknownLeavesNavigationFields() throws {
        let body = paragraph(complexField("MERGEFIELD Name") + complexField("NEXT", result: "") + complexField(#"ASK Q "Question?""#, result: ""))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Name"], keepUnknown: true)
        let xml = try merge.body(["Name": "Kari"])
        #expect(xml.contains("NEXT") && xml.contains("ASK") && xml.contains("Kari"))
        try expectGolden(xml, "shapes/keep-unknown.xml")
    }

    @Test func everyTextPart() throws {
        var builder = DocxBuilder(body: paragraph(complexField("MERGEFIELD Body")))
        builder.headers = [paragraph(complexField("MERGEFIELD Header")), paragraph(simpleField("MERGEFIELD Header2"))]
        builder.footers = [paragraph(text("{{Footer}}") + complexField("PAGE", result: "1"))]
        builder.footnotes = #"<w:footnote w:id="1"><w:p><w:r><w:t>Note: </w:t></w:r>"# + complexField("MERGEFIELD Footnote") + "</w:p></w:footnote>"
        builder.endnotes = #"<w:endnote w:id="1"><w:p>"# + simpleField("MERGEFIELD Endnote") + "</w:p></w:endnote>"
        let merge = try Merge(builder.build(), columns: ["Body", "Header", "Header2", "Footer", "Footnote", "Endnote"])
        #expect(merge.template.fieldNames == ["Body", "Header", "Header2", "Footer", "Footnote", "Endnote"])
        let letter = try merge.letter(["b", "h", "h2", "f", "fn", "en"])
        try letter.checkWellFormed()
        for (part, value) in [("word/document.xml", "b"), ("word/header1.xml", "h"), ("word/header2.xml", "h2"), ("word/footer1.xml", "f"),
                              ("word/footnotes.xml", "fn"), ("word/endnotes.xml", "en")] {
            #expect(try letter.part(part).contains(#"<w:t xml:space="preserve">\#(value)</w:t>"#), "\(part)")
        }
        #expect(try letter.part("word/footer1.xml").contains("PAGE"))
    }

    @Test func conditionOverTwoParagraphsPrintsAnOptionalLine() throws {
        // { IF { MERGEFIELD Address2 } <> "" "{ MERGEFIELD Address2 }¶" "" }{ MERGEFIELD PostCode } { MERGEFIELD City }
        let nested = { (name: String) in complexField("MERGEFIELD \(name)").replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«\(name)»</w:instrText>") }
        let body = paragraph(complexField("MERGEFIELD Address"))
            + #"<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>"#
            + nested("Address2") + #"<w:r><w:instrText xml:space="preserve"> &lt;&gt; "" "</w:instrText></w:r>"# + nested("Address2") + "</w:p>"
            + #"<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:instrText xml:space="preserve">" "" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Address2»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
            + complexField("MERGEFIELD PostCode") + text(" ") + complexField("MERGEFIELD City") + "</w:p>"
            + paragraph(text("End"))
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Address", "Address2", "PostCode", "City"])
        let with = try merge.body(["Address": "Gate 1", "Address2": "c/o Per", "PostCode": "0150", "City": "Oslo"])
        #expect(with.components(separatedBy: "<w:p>").count - 1 == 4)
        #expect(with.contains(#"c/o Per</w:t></w:r></w:p><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t"#))
        try expectGolden(with, "shapes/if-over-paragraphs-1.xml")
        let without = try merge.body(["Address": "Gate 1", "Address2": "", "PostCode": "0150", "City": "Oslo"])
        #expect(without.components(separatedBy: "<w:p>").count - 1 == 3)
        try expectGolden(without, "shapes/if-over-paragraphs-2.xml")
        try Letter(try merge.renderer.render(["Gate 1", "c/o Per", "0150", "Oslo"])).checkWellFormed()
    }

    @Test func fieldsInsideOtherFieldsAreMerged() throws {
        // { HYPERLINK "mailto:{ MERGEFIELD Email }" } with the display text a merge field too.
        let nested = complexField("MERGEFIELD Email").replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«Email»</w:instrText>")
        let body = paragraph(text("Write to ")
            + #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:</w:instrText></w:r>"#
            + nested + #"<w:r><w:instrText xml:space="preserve">" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
            + complexField("MERGEFIELD Name", properties: #"<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>"#)
            + #"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#)
        let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Email", "Name"])
        #expect(merge.template.fieldNames == ["Email", "Name"])
        let xml = try merge.body(["Email": "kari@example.no", "Name": "Kari & Co"])
        #expect(xml.contains(#"HYPERLINK "mailto:</w:instrText></w:r><w:r><w:instrText xml:space="preserve">kari@example.no</w:instrText></w:r>"#))
        #expect(xml.contains("Kari &amp; Co") && !xml.contains("MERGEFIELD"))
        try expectGolden(xml, "shapes/nested-in-hyperlink.xml")
    }
}
