#if canImport(Glibc)
import Glibc
#endif

/// One letter shown before a run: its `.docx` converted to PDF by LibreOffice and, for a `.png`,
/// one page drawn by poppler's `pdftoppm` (a `.pdf` with `page` is that page alone, by
/// `pdfseparate`).
public struct LetterPreview {
    /// Resolution of a PNG preview.
    public static let dotsPerInch = 110

    public let converter: PDFConverter

    public init(converter: PDFConverter) { self.converter = converter }

    /// Writes the preview of the letter `docx` to `output` (`.png` or `.pdf`); `page` from 1 (a PNG
    /// shows page 1 when nil).
    /// - Throws: `MergeError.io` when poppler-utils is missing, the page does not exist, or a tool fails.
    public func write(docx: [UInt8], page: Int?, to output: String) throws {
        let png = output.lowercased().hasSuffix(".png")
        let tools = png || page != nil ? try OfficeTools.poppler(png ? "pdftoppm" : "pdfseparate") : nil
        let work = Folder.parent(of: output) + "/.lettershop-preview-\(getpid())"
        Folder.removeTree(work)
        guard mkdir(work, 0o700) == 0 else {
            throw MergeError.io(path: work, message: "cannot create folder: \(String(cString: strerror(errno)))")
        }
        defer { Folder.removeTree(work) }
        try Folder.createFile(at: work + "/letter.docx", bytes: docx)
        try converter.convert([work + "/letter.docx"], into: work)
        unlink(work + "/letter.docx")
        let pdf = work + "/letter.pdf"
        let pages = Self.pageCount(try Folder.readFile(pdf))
        let wanted = page ?? 1
        guard wanted >= 1, pages == 0 || wanted <= pages else {
            throw MergeError.io(path: output, message: "--page \(wanted): the letter has \(pages == 1 ? "1 page" : "\(pages) pages")")
        }
        let produced: String
        if let tools, png {
            try run(tools, ["-png", "-r", String(Self.dotsPerInch), "-f", String(wanted), "-l", String(wanted), "-singlefile", pdf, work + "/page"],
                    log: work + "/tool.log")
            produced = work + "/page.png"
        } else if let tools, page != nil {
            try run(tools, ["-f", String(wanted), "-l", String(wanted), pdf, work + "/page.pdf"], log: work + "/tool.log")
            produced = work + "/page.pdf"
        } else {
            produced = pdf
        }
        var info = stat()
        guard stat(produced, &info) == 0, info.st_size > 0 else {
            throw MergeError.io(path: output, message: "\(Folder.baseName(of: tools ?? "soffice")) made no page \(wanted)"
                                + (ChildProcess.lastLine(of: work + "/tool.log").map { " (\($0))" } ?? ""))
        }
        guard rename(produced, output) == 0 else {
            throw MergeError.io(path: output, message: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    private func run(_ tool: String, _ arguments: [String], log: String) throws {
        let status = try ChildProcess.run(tool, arguments, log: log)
        guard status == 0 else {
            throw MergeError.io(path: Folder.baseName(of: tool), message: "failed (exit status \(status))"
                                + (ChildProcess.lastLine(of: log).map { ": \($0)" } ?? ""))
        }
    }

    /// The number of pages of a PDF as LibreOffice writes it (`/Type/Page` objects); 0 when unsure.
    static func pageCount(_ pdf: [UInt8]) -> Int {
        let pattern = Array("/Type/Page".utf8)
        var count = 0
        var index = 0
        while index + pattern.count < pdf.count {
            if pdf[index] == pattern[0], pdf[index..<(index + pattern.count)].elementsEqual(pattern), pdf[index + pattern.count] != UInt8(ascii: "s") {
                count += 1
            }
            index += 1
        }
        return count
    }
}
