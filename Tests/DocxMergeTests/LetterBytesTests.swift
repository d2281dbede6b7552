import DocxMerge
import LettershopTestSupport
import Testing

/// A letter format's bytes never change: an interaction logged in a format is produced again from
/// its entry (`interactions document`) and must give the same bytes, so a change to what a format
/// writes is a new format. The sample letters' sizes and digests, per format and deflate level, are
/// pinned in `Golden/letter-bytes.txt`.
@Suite("Letter bytes per format")
struct LetterBytesTests {
    @Test func sampleLettersKeepTheirBytes() throws {
        let root = GoldenFile.projectRoot()
        var lines: [String] = []
        for name in ["letter-en", "letter-nb"] {
            let template = try MergeTemplate(path: root + "/Templates/\(name).docx")
            let csv = try CSVReader(path: root + "/Samples/letters.csv")
            var records: [[String]] = []
            while let record = try csv.next() { records.append(record.values) }
            for format in LetterFormat.allCases {
                for level in [1, 6, 9] {
                    let plan = try LetterPlan(template: template, columns: csv.header, compressionLevel: level, format: format)
                    let renderer = LetterRenderer(plan: plan)
                    for (index, values) in records.enumerated() {
                        let bytes = try renderer.render(values)
                        lines.append("\(name) format \(format.rawValue) level \(level) record \(index + 1): \(bytes.count) bytes, FNV-1a \(Self.digest(bytes))")
                    }
                }
            }
        }
        let actual = lines.joined(separator: "\n") + "\n"
        let expected = try #require(try GoldenFile.expected("letter-bytes.txt", actual: actual), "no Golden/letter-bytes.txt yet")
        #expect(actual == expected)
    }

    /// FNV-1a, 64 bits, in hex: enough to tell bytes apart here (not a security hash).
    static func digest(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
