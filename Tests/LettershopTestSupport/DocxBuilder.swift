/// Builds small `.docx` packages in code from the XML of their parts, for tests.
///
/// ```swift
/// let docx = DocxBuilder(body: #"<w:p><w:fldSimple w:instr=" MERGEFIELD Name "/></w:p>"#).build()
/// ```
public struct DocxBuilder: Sendable {
    public static let wordNamespaces = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14""#

    /// The content of `w:body` (paragraphs and tables, without `w:sectPr`).
    public var body: String
    /// Content of `w:hdr` for header1.xml, header2.xml, …
    public var headers: [String] = []
    /// Content of `w:ftr` for footer1.xml, …
    public var footers: [String] = []
    /// Content of `w:footnotes` / `w:endnotes` (the `w:footnote` elements), if any.
    public var footnotes: String?
    public var endnotes: String?
    /// Content of `w:numbering` (`w:abstractNum` and `w:num` elements), if any.
    public var numbering: String?
    /// The document's default language in styles.xml.
    public var language: String = "en-US"
    /// Adds a `w:mailMerge` block (and its data-source relationship) to settings.xml.
    public var mailMerge = true
    /// Extra XML inside `w:mailMerge` (an `w:odso` with the address field mapping, as Word writes it).
    public var mailMergeExtra = ""
    /// Extra entries, name → bytes (an image, say).
    public var extraEntries: [(String, [UInt8])] = []
    /// Extra relationships of document.xml: id, type (the last part of its URI: `image`,
    /// `hyperlink`), target, and whether the target is outside the package.
    public var extraRelationships: [(id: String, type: String, target: String, external: Bool)] = []

    public init(body: String) { self.body = body }

    public func build() -> [UInt8] { StoredZip.archive(entries()) }

    /// The package's entries, name and content, in the order `build()` writes them.
    public func entries() -> [(String, [UInt8])] {
        var entries: [(String, [UInt8])] = []
        func add(_ name: String, _ text: String) { entries.append((name, Array(text.utf8))) }
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        var overrides = [
            ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
            ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
        ]
        var relationships = [
            ("rId1", "styles", "styles.xml"),
            ("rId2", "settings", "settings.xml"),
        ]
        var sectionReferences = ""
        for index in headers.indices {
            let id = "rIdH\(index + 1)"
            overrides.append(("/word/header\(index + 1).xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"))
            relationships.append((id, "header", "header\(index + 1).xml"))
            sectionReferences += #"<w:headerReference w:type="\#(index == 0 ? "default" : "first")" r:id="\#(id)"/>"#
        }
        for index in footers.indices {
            let id = "rIdF\(index + 1)"
            overrides.append(("/word/footer\(index + 1).xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"))
            relationships.append((id, "footer", "footer\(index + 1).xml"))
            sectionReferences += #"<w:footerReference w:type="\#(index == 0 ? "default" : "first")" r:id="\#(id)"/>"#
        }
        if footnotes != nil {
            overrides.append(("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"))
            relationships.append(("rIdFn", "footnotes", "footnotes.xml"))
        }
        if numbering != nil {
            overrides.append(("/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"))
            relationships.append(("rIdNum", "numbering", "numbering.xml"))
        }
        if endnotes != nil {
            overrides.append(("/word/endnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"))
            relationships.append(("rIdEn", "endnotes", "endnotes.xml"))
        }
        add("[Content_Types].xml", declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#
            + overrides.map { #"<Override PartName="\#($0.0)" ContentType="\#($0.1)"/>"# }.joined() + "</Types>")
        add("_rels/.rels", declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#)
        add("word/document.xml", declaration + "<w:document \(Self.wordNamespaces)><w:body>\(body)<w:sectPr>\(sectionReferences)<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>")
        add("word/_rels/document.xml.rels", declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + relationships.map { #"<Relationship Id="\#($0.0)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/\#($0.1)" Target="\#($0.2)"/>"# }.joined()
            + extraRelationships.map { #"<Relationship Id="\#($0.id)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/\#($0.type)" Target="\#($0.target)"\#($0.external ? #" TargetMode="External""# : "")/>"# }.joined()
            + "</Relationships>")
        add("word/styles.xml", declaration + "<w:styles \(Self.wordNamespaces)><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"\(language)\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style></w:styles>")
        if mailMerge {
            add("word/settings.xml", declaration + "<w:settings \(Self.wordNamespaces)><w:zoom w:percent=\"100\"/><w:mailMerge><w:mainDocumentType w:val=\"formLetters\"/><w:linkToQuery/><w:dataType w:val=\"textFile\"/><w:query w:val=\"SELECT * FROM C:\\Users\\author\\contacts.csv\"/><w:dataSource r:id=\"rId1\"/>\(mailMergeExtra)</w:mailMerge><w:defaultTabStop w:val=\"708\"/></w:settings>")
            add("word/_rels/settings.xml.rels", declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/mailMergeSource" Target="file:///C:\Users\author\contacts.csv" TargetMode="External"/></Relationships>"#)
        } else {
            add("word/settings.xml", declaration + "<w:settings \(Self.wordNamespaces)><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"708\"/></w:settings>")
        }
        for (index, header) in headers.enumerated() {
            add("word/header\(index + 1).xml", declaration + "<w:hdr \(Self.wordNamespaces)>\(header)</w:hdr>")
        }
        for (index, footer) in footers.enumerated() {
            add("word/footer\(index + 1).xml", declaration + "<w:ftr \(Self.wordNamespaces)>\(footer)</w:ftr>")
        }
        if let footnotes { add("word/footnotes.xml", declaration + "<w:footnotes \(Self.wordNamespaces)>\(footnotes)</w:footnotes>") }
        if let numbering { add("word/numbering.xml", declaration + "<w:numbering \(Self.wordNamespaces)>\(numbering)</w:numbering>") }
        if let endnotes { add("word/endnotes.xml", declaration + "<w:endnotes \(Self.wordNamespaces)>\(endnotes)</w:endnotes>") }
        entries += extraEntries
        return entries
    }
}

/// A zip archive with stored (uncompressed) entries: enough for test fixtures.
public enum StoredZip {
    public static func archive(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        for (name, data) in entries {
            let nameBytes = Array(name.utf8)
            let crc = crc32(data)
            let offset = out.count
            u32(0x04034b50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out)
            u16(nameBytes.count, &out); u16(0, &out); out += nameBytes; out += data
            u32(0x02014b50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0x21, &central); u32(crc, &central); u32(UInt32(data.count), &central)
            u32(UInt32(data.count), &central); u16(nameBytes.count, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(0, &central); u32(UInt32(offset), &central); central += nameBytes
        }
        let centralOffset = out.count
        out += central
        u32(0x06054b50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(UInt32(centralOffset), &out); u16(0, &out)
        return out
    }

    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
