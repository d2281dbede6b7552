/// A minimal Word package around one `word/document.xml` (content types, the package relationship and
/// the document, stored), or a package of given parts, for the benchmark and the fuzz targets that generate
/// or mutate a document or a package's parts.
package enum MinimalPackage {
    package static func make(documentXML: [UInt8]) -> [UInt8] {
        let contentTypes = Array(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.utf8)
        let relationships = Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.utf8)
        return make(parts: [("[Content_Types].xml", contentTypes), ("_rels/.rels", relationships), ("word/document.xml", documentXML)])
    }

    /// A package of the given parts, in order, stored, each with its right CRC-32.
    package static func make(parts: [(name: String, data: [UInt8])]) -> [UInt8] {
        var writer = ZipWriter()
        for (name, data) in parts {
            writer.appendEntry(name: Array(name.utf8), method: 0) { out in
                out += data
                return (data.withUnsafeBytes { Checksum.crc32($0) }, data.count)
            }
        }
        writer.finish()
        return writer.bytes
    }
}
