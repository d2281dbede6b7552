@testable import DocxMerge
import LettershopTestSupport
import Testing

/// Bad templates and bad data: each is refused with an error naming the part, field or record.
@Suite("Bad templates and data")
struct TemplateErrorTests {
    func compile(_ bytes: [UInt8], keepUnknown: Bool = false) throws -> MergeTemplate {
        try MergeTemplate(bytes: bytes, name: "bad.docx", options: .init(keepUnknownFields: keepUnknown))
    }

    func expectError(_ expected: (MergeError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as MergeError {
            #expect(expected(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func notAZip() {
        expectError({ if case .notAZip(file: "bad.docx", _) = $0 { return true } else { return false } }) {
            _ = try compile(Array("this is a text file, not a document".utf8))
        }
    }

    @Test func noDocumentPart() {
        let zip = StoredZip.archive([("[Content_Types].xml", Array("<Types/>".utf8)), ("word/styles.xml", Array("<x/>".utf8))])
        expectError({ $0 == .missingPart(file: "bad.docx", part: "word/document.xml") }) { _ = try compile(zip) }
        #expect(MergeError.missingPart(file: "bad.docx", part: "word/document.xml").description == "bad.docx: not a Word document (no word/document.xml)")
    }

    @Test func brokenXMLNamesPartAndLine() {
        var builder = DocxBuilder(body: "<w:p><w:r><w:t>fine</w:t></w:r></w:p>")
        builder.headers = ["<w:p>\n<w:r>\n<w:t>broken</w:r></w:p>"]
        expectError({
            if case let .brokenXML(file, part, line, message) = $0 {
                return file == "bad.docx" && part == "word/header1.xml" && line == 4 && message.contains("mismatch")
            }
            return false
        }) { _ = try compile(builder.build()) }
    }

    @Test("a DOCTYPE is refused, whatever it declares", arguments: [
        #"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>"#,
        #"<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        #"<!DOCTYPE w:document SYSTEM "http://example.com/evil.dtd">"#,
    ])
    func doctypeRefused(_ doctype: String) throws {
        let docx = DocxBuilder(body: "<w:p><w:r><w:t>&amp;</w:t></w:r></w:p>").build()
        let entries = try Letter(docx).archive.entries
        var rebuilt: [(String, [UInt8])] = []
        let archive = try TemplateArchive(bytes: docx, name: "x")
        for entry in entries {
            var bytes = try archive.contents(of: entry)
            if entry.name == "word/document.xml" {
                let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<w:document ", with: doctype + "<w:document ")
                bytes = Array(text.utf8)
            }
            rebuilt.append((entry.name, bytes))
        }
        expectError({ $0 == .doctypeRefused(file: "bad.docx", part: "word/document.xml") }) { _ = try compile(StoredZip.archive(rebuilt)) }
    }

    @Test func partDeclaredOverTheLimitIsRefusedBeforeInflating() throws {
        var zip = DocxBuilder(body: "<w:p/>").build()
        // Patch the uncompressed size of word/document.xml in its local and central headers to 300 MiB.
        let name = Array("word/document.xml".utf8)
        for signature: [UInt8] in [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x01, 0x02]] {
            var index = 0
            while index + 46 < zip.count {
                if Array(zip[index..<(index + 4)]) == signature {
                    let isCentral = signature[2] == 0x01
                    let nameStart = index + (isCentral ? 46 : 30)
                    let sizeAt = index + (isCentral ? 24 : 22)
                    if nameStart + name.count <= zip.count, Array(zip[nameStart..<(nameStart + name.count)]) == name {
                        let size = UInt32(300 << 20)
                        for byte in 0..<4 { zip[sizeAt + byte] = UInt8((size >> (8 * UInt32(byte))) & 0xFF) }
                    }
                }
                index += 1
            }
        }
        expectError({ $0 == .partTooLarge(file: "bad.docx", part: "word/document.xml", limit: 256 << 20) }) { _ = try compile(zip) }
    }

    @Test func inflatingStopsAtTheDeclaredSize() throws {
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: (256 << 20) + (1 << 20))
        var compressed: [UInt8] = []
        huge.withUnsafeBytes { _ = Deflater(level: 1).compress($0, appendingTo: &compressed) }
        let crc = huge.withUnsafeBytes { Checksum.crc32($0) }
        let others = DocxBuilder(body: "<w:p/>").entries().filter { $0.0 != "word/document.xml" }.map { RawZip.Entry.stored($0.0, $0.1) }
        let zip = RawZip.archive(others + [RawZip.Entry(name: "word/document.xml", data: compressed, method: 8, crc32: crc, size: 1000)])
        // Inflating stops at the declared size, long before the limit.
        expectError({
            guard case let .entryRefused(_, part, reason) = $0 else { return false }
            return part == "word/document.xml" && reason.contains("1000 bytes")
        }) { _ = try compile(zip) }
    }

    @Test func tooManyEntries() {
        let entries = (0...10_000).map { ("f\($0).txt", [UInt8]()) }
        expectError({ $0 == .tooManyEntries(file: "bad.docx", count: 10_001, limit: 10_000) }) { _ = try compile(StoredZip.archive(entries)) }
    }

    @Test("navigation and prompting fields are refused, naming field and part", arguments: ["NEXT", "NEXTIF 1 = 1", "SKIPIF 1 = 1", #"ASK Q "Why?""#, #"FILLIN "Name?""#])
    func navigationFields(_ instruction: String) throws {
        var builder = DocxBuilder(body: paragraph(complexField("MERGEFIELD Name")))
        builder.footers = [paragraph(complexField(instruction, result: ""))]
        let keyword = String(instruction.prefix { $0 != " " })
        expectError({
            if case let .unsupportedField(_, part, shown, reason) = $0 { return part == "word/footer1.xml" && shown == instruction && reason.contains(keyword) }
            return false
        }) { _ = try compile(builder.build()) }
        _ = try compile(builder.build(), keepUnknown: true)
    }

    @Test("unknown switches and broken instructions are refused", arguments: [
        #"MERGEFIELD Name \z"#, #"MERGEFIELD Name \* CardText"#, #"MERGEFIELD First Name"#, "MERGEFIELD", #"MERGEFIELD Name \@"#,
    ])
    func badInstructions(_ instruction: String) {
        let docx = DocxBuilder(body: paragraph(simpleField(instruction))).build()
        expectError({ if case .unsupportedField(_, "word/document.xml", _, _) = $0 { return true } else { return false } }) { _ = try compile(docx) }
    }

    @Test func conditionWithoutComparisonIsRefused() {
        let docx = DocxBuilder(body: paragraph(
            #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>"# + complexField("MERGEFIELD A")
            + #"<w:r><w:instrText> "yes" "no" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#)).build()
        expectError({ if case .unsupportedField = $0 { return true } else { return false } }) { _ = try compile(docx) }
    }

    @Test func fieldSpanningParagraphsIsRefused() {
        let docx = DocxBuilder(body: #"<w:tbl><w:tr><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD A </w:instrText></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#).build()
        expectError({ if case let .unsupportedField(_, _, _, reason) = $0 { return reason.contains("paragraphs") } else { return false } }) { _ = try compile(docx) }
    }

    @Test func everyMissingFieldIsListed() throws {
        let docx = DocxBuilder(body: paragraph(complexField("MERGEFIELD First_Name") + simpleField("MERGEFIELD City") + text("{{ Zip Code }}") + complexField("MERGEFIELD Name"))).build()
        let template = try compile(docx)
        #expect(throws: MergeError.missingFields(["First_Name", "Zip Code"])) {
            _ = try LetterPlan(template: template, columns: ["city", "NAME"])
        }
        #expect(MergeError.missingFields(["A", "B"]).description == "the data has no columns for fields 'A', 'B'")
        _ = try LetterPlan(template: template, columns: ["first name", "City", "zipcode", "Name"])
    }

    @Test func forbiddenCharactersInValuesNameTheField() throws {
        let docx = DocxBuilder(body: paragraph(complexField("MERGEFIELD Note"))).build()
        let renderer = LetterRenderer(plan: try LetterPlan(template: try compile(docx), columns: ["Note"]))
        #expect(throws: MergeError.forbiddenCharacter(field: "Note", codePoint: 0x1B)) { _ = try renderer.render(["escape \u{1B}[31m"]) }
        #expect(MergeError.forbiddenCharacter(field: "Note", codePoint: 0x1B).description.contains("U+001B"))
        _ = try renderer.render(["tab\tand newline\n fine"])
    }

    @Test func unknownSwitchesAreLeftInPlaceWithKeepUnknown() throws {
        let docx = DocxBuilder(body: paragraph(complexField(#"MERGEFIELD Rank \* DollarText"#) + complexField("MERGEFIELD Name"))).build()
        let template = try compile(docx, keepUnknown: true)
        #expect(template.fieldNames == ["Name"])
        let xml = try Letter(LetterRenderer(plan: LetterPlan(template: template, columns: ["Name"])).render(["Kari"])).body
        #expect(xml.contains("MERGEFIELD Rank") && xml.contains("Kari"))
    }

    @Test func everyUnsupportedFieldIsListed() throws {
        var builder = DocxBuilder(body: paragraph(complexField("NEXT", result: "") + complexField(#"MERGEFIELD A \z"#)))
        builder.footers = [paragraph(complexField(#"ASK Q "?""#, result: ""))]
        do {
            _ = try compile(builder.build())
            Issue.record("no error")
        } catch let error as MergeError {
            #expect(error.lines.count == 3)
            #expect(error.lines.last?.contains("word/footer1.xml") == true)
        }
    }

    @Test("entries whose names leave the package are refused", arguments: ["../../evil.txt", "/etc/abs.txt", "word\\media\\x.png"])
    func unsafeEntryNames(_ name: String) {
        var builder = DocxBuilder(body: "<w:p/>")
        builder.extraEntries = [(name, [1, 2, 3])]
        expectError({ if case .entryRefused(_, name, _) = $0 { return true } else { return false } }) { _ = try compile(builder.build()) }
    }

    @Test func anyEntryDeclaredOverTheLimitIsRefused() throws {
        var builder = DocxBuilder(body: "<w:p/>")
        builder.extraEntries = [("word/media/huge.png", [1, 2, 3])]
        var zip = builder.build()
        // Patch the declared size of the last central directory entry (the image) to 300 MiB.
        let central = (0..<(zip.count - 4)).last { zip[$0] == 0x50 && zip[$0 + 1] == 0x4B && zip[$0 + 2] == 0x01 && zip[$0 + 3] == 0x02 }!
        let size = UInt32(300 << 20)
        for byte in 0..<4 { zip[central + 24 + byte] = UInt8((size >> (8 * UInt32(byte))) & 0xFF) }
        expectError({ $0 == .partTooLarge(file: "bad.docx", part: "word/media/huge.png", limit: 256 << 20) }) { _ = try compile(zip) }
    }
}
