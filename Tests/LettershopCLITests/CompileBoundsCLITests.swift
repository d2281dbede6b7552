import Foundation
import LettershopTestSupport
import Testing

/// Compiling a template costs at most 64 MB + 8 × its uncompressed XML, and time linear in it:
/// measured on the built binary (peak resident memory of the child process, read by Python's
/// `resource` module).
@Suite("Compile memory and time bounds")
struct CompileBoundsCLITests {
    /// The peak resident set size, in bytes, of `lettershop arguments…`, and its exit status.
    func peakMemory(_ arguments: [String], in folder: TemporaryFolder) throws -> (bytes: Int, status: Int32) {
        let (status, output) = try Python.run("""
            import resource, subprocess, sys
            code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """, [CLIRunner.binary] + arguments)
        #expect(status == 0)
        let fields = output.split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        return (fields.last! * 1024, Int32(fields.first!))
    }

    static func fieldParagraph(_ index: Int) -> String {
        #"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD F\#(index % 40) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«F»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
    }

    @Test("a hostile template of many empty paragraphs and many fields stays within 64 MB + 8 × its XML")
    func memoryBound() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let body = String(repeating: "<w:p/>", count: 400_000) + (0..<6_000).map(Self.fieldParagraph).joined()
        let docx = DocxBuilder(body: body).build()
        try folder.write("big.docx", bytes: docx)
        let xmlBytes = body.utf8.count
        let (peak, status) = try peakMemory(["fields", folder.file("big.docx")], in: folder)
        #expect(status == 0)
        let bound = 64 << 20 + 8 * xmlBytes
        // Under a sanitizer (Scripts/sanitize.sh) the run is checked, not the bound: its shadow memory and
        // quarantine are the sanitizer's, not the binary's.
        #expect(Sanitizer.active || peak <= bound, "peak \(peak >> 20) MB over the bound \(bound >> 20) MB for \(xmlBytes >> 10) KiB of XML")
    }

    /// Merging also compiles the pieces of letter format 2 (the repeat search's tokens, one CRC
    /// table per stretch length): the same template merged for one record stays within the bound
    /// too (158 MB for this 3.7 MiB of XML when every stretch had its own CRC table and token array).
    @Test("a merge of one record of the same hostile template stays within 64 MB + 8 × its XML")
    func mergeMemoryBound() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let body = String(repeating: "<w:p/>", count: 400_000) + (0..<6_000).map(Self.fieldParagraph).joined()
        try folder.write("big.docx", bytes: DocxBuilder(body: body).build())
        try folder.write("data.csv", (0..<40).map { "F\($0)" }.joined(separator: ",") + "\n" + (0..<40).map { "value \($0)" }.joined(separator: ",") + "\n")
        let (peak, status) = try peakMemory(["merge", folder.file("big.docx"), "--data", folder.file("data.csv"), "--out", folder.file("out"), "--quiet"], in: folder)
        #expect(status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")).count == 1)
        let bound = 64 << 20 + 8 * body.utf8.count
        #expect(Sanitizer.active || peak <= bound, "peak \(peak >> 20) MB over the bound \(bound >> 20) MB for \(body.utf8.count >> 10) KiB of XML")
    }

    @Test("fields nested 12,000 deep are an error, not a crash")
    func deepFieldsAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let begin = #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> QUOTE "</w:instrText></w:r>"#
        let end = #"<w:r><w:instrText>"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        try folder.write("deep.docx", bytes: DocxBuilder(body: "<w:p>" + String(repeating: begin, count: 12_000) + String(repeating: end, count: 12_000) + "</w:p>").build())
        let result = try CLIRunner(workingDirectory: folder.path).run(["fields", folder.file("deep.docx")])
        #expect(result.status == 1)
        #expect(result.errorLines.contains { $0.hasPrefix("error: ") && $0.contains("nested deeper than 64") })
    }
}
