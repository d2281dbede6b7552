@testable import DocxMerge
import Testing

/// LibreOffice's PDFs differ from one conversion to the next only in the creation time and the
/// identifiers made from it; normalised, two conversions are the same bytes.
@Suite struct PDFNormalizerTests {
    static func pdf(date: String, id: String, checksum: String) -> [UInt8] {
        Array("""
            %PDF-1.6
            1 0 obj
            <</Creator<FEFF005700720069007400650072>
            /Producer<FEFF004C0069006200720065004F0066006600690063006500200037002E0034>
            /CreationDate(D:\(date)Z')>>
            endobj
            trailer
            <</Size 2/Root 1 0 R
            /Info 1 0 R
            /ID [ <\(id)>
            <\(id)> ]
            /DocChecksum /\(checksum)
            >>
            startxref
            0
            %%EOF

            """.utf8)
    }

    @Test func twoConversionsBecomeTheSameBytes() {
        var first = Self.pdf(date: "20261204144101", id: "76B0206ECA8C7FB87ACA5EBD2A1470DA", checksum: "48FA47EA5B9BAB06CCA67EF9998991FB")
        var second = Self.pdf(date: "20270101090909", id: "0123456789ABCDEF0123456789ABCDEF", checksum: "FEDCBA9876543210FEDCBA9876543210")
        let size = first.count
        PDFNormalizer.normalize(&first)
        PDFNormalizer.normalize(&second)
        #expect(first == second)
        #expect(first.count == size)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("/CreationDate(D:19800101000000Z')"))
        #expect(!text.contains("76B0206E"))
    }

    @Test func differentContentKeepsDifferentIdentifiers() {
        var first = Self.pdf(date: "20261204144101", id: "76B0206ECA8C7FB87ACA5EBD2A1470DA", checksum: "48FA47EA5B9BAB06CCA67EF9998991FB")
        var other = first
        other[other.startIndex + 30] = UInt8(ascii: "X")
        PDFNormalizer.normalize(&first)
        PDFNormalizer.normalize(&other)
        #expect(first.count == other.count)
        let ids = [first, other].map { String(decoding: $0, as: UTF8.self).split(separator: "/ID [ <")[1].prefix(32) }
        #expect(ids[0] != ids[1])
    }
}
