import DocxMerge
import Foundation

/// Compile time of generated templates of 1,000, 10,000 and 100,000 paragraphs, fields and
/// placeholders: the time per thousand items stays flat when compiling is linear.
enum CompileScaling {
    static let sizes = [1_000, 10_000, 100_000]

    static func run() throws {
        print("compile scaling (best of 3; ms per 1,000 items should stay flat):")
        print("  kind           items     ms   ms/1k   XML KiB")
        for kind in ["paragraphs", "fields", "placeholders"] {
            for size in sizes {
                let xml = document(kind, size)
                let docx = StoredPackage.make(documentXML: xml)
                var best = Double.infinity
                for _ in 0..<3 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try MergeTemplate(bytes: docx, name: "\(kind)-\(size).docx")
                    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                print("  " + kind.padding(toLength: 12, withPad: " ", startingAt: 0)
                      + String(format: " %7d %7.1f %7.2f %9d", size, best, best / Double(size) * 1000, xml.count / 1024))
            }
        }
    }

    /// `document.xml` with `count` paragraphs of plain text, of one field each, or of one placeholder each.
    static func document(_ kind: String, _ count: Int) -> [UInt8] {
        var body = ""
        body.reserveCapacity(count * 200)
        for index in 0..<count {
            switch kind {
            case "fields":
                body += #"<w:p><w:r><w:t xml:space="preserve">Dear </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD Field\#(index % 50) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Field»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
            case "placeholders":
                body += "<w:p><w:r><w:t xml:space=\"preserve\">Dear {{Field\(index % 50)}}, thank you.</w:t></w:r></w:p>"
            default:
                body += "<w:p><w:r><w:t>A plain paragraph of an ordinary letter, number \(index).</w:t></w:r></w:p>"
            }
        }
        return Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + body + "<w:sectPr/></w:body></w:document>").utf8)
    }
}

/// A minimal package (content types, relationships, the document) as a zip of stored entries.
enum StoredPackage {
    static func make(documentXML: [UInt8]) -> [UInt8] {
        let contentTypes = Array(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.utf8)
        let rels = Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.utf8)
        return zip([("[Content_Types].xml", contentTypes), ("_rels/.rels", rels), ("word/document.xml", documentXML)])
    }

    static func zip(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) { to += (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        for (name, data) in entries {
            let crc = crc32(data)
            let offset = UInt32(out.count)
            let nameBytes = Array(name.utf8)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out); u16(nameBytes.count, &out); u16(0, &out)
            out += nameBytes + data
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u16(0x21, &central); u32(crc, &central); u32(UInt32(data.count), &central); u32(UInt32(data.count), &central)
            u16(nameBytes.count, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0, &central)
            u32(offset, &central); central += nameBytes
        }
        let centralOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }

    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
