// Shared by the fuzz targets: a package around a fuzzed document.xml, compiled and rendered.
import DocxMerge

/// A minimal Word package (content types, relationships, `word/document.xml`) as a zip of stored entries.
public enum FuzzPackage {
    public static func make(documentXML: [UInt8]) -> [UInt8] {
        let contentTypes = Array(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.utf8)
        let rels = Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.utf8)
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) { to += (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        let entries = [("[Content_Types].xml", contentTypes), ("_rels/.rels", rels), ("word/document.xml", documentXML)]
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

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// Compiles and, when it compiles, renders one record with every column set to a value.
    public static func compileAndRender(_ docx: [UInt8]) {
        guard let template = try? MergeTemplate(bytes: docx, name: "fuzz.docx") else { return }
        let columns = template.fieldNames
        guard let plan = try? LetterPlan(template: template, columns: columns, missing: .blank) else { return }
        _ = try? LetterRenderer(plan: plan).render(columns.map { "v<&>\($0)\n" })
    }
}
