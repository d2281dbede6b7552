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
                let docx = MinimalPackage.make(documentXML: xml)
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
