import Dispatch
import DocxMerge

#if canImport(Glibc)
import Glibc
#endif

/// The PDF an e-mail attaches (`--attach pdf`): the one `segment log --format pdf` logged beside the
/// letter while it is still there with the logged SHA-256, else the letter converted through
/// LibreOffice (`PDFConverter`, whose PDFs are reproducible).
public final class LetterPDF: @unchecked Sendable {
    private let sofficeOption: String?
    /// One conversion at a time: the converter has one LibreOffice profile.
    private let lock = DispatchSemaphore(value: 1)
    private var converter: Result<PDFConverter, any Error>?

    /// - Parameter soffice: `--soffice PATH`, or nil for `soffice` on `$PATH`; looked for when the
    ///   first letter is converted, so a run that only uses logged PDFs needs no LibreOffice.
    public init(soffice: String?) {
        sofficeOption = soffice
    }

    /// The PDF logged for `entry` in the letters' `folder`, if it is there with the logged SHA-256.
    static func logged(_ entry: InteractionEntry, folder: String) -> [UInt8]? {
        guard !entry.pdfSHA256.isEmpty, !folder.isEmpty, !entry.documentName.isEmpty else { return nil }
        guard let bytes = try? Folder.readFile(folder + "/" + PDFConverter.pdfName(for: entry.documentName)),
              SHA256.hex(bytes) == entry.pdfSHA256 else { return nil }
        return bytes
    }

    /// `docx`, the letter of document `name`, as PDF.
    /// - Throws: `MergeError` when LibreOffice is missing (naming the package to install) or cannot
    ///   convert the letter.
    public func convert(_ docx: [UInt8], name: String) throws -> [UInt8] {
        lock.wait()
        defer { lock.signal() }
        if converter == nil {
            converter = Result { try PDFConverter(soffice: OfficeTools.soffice(explicit: sofficeOption), jobs: 1) }
        }
        let converter = try converter!.get()
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/lettershop-mail-pdf-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw MergeError.io(path: base, message: "cannot create a folder to convert the letter in: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        var stem = Folder.baseName(of: name)
        if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
        let document = folder + "/" + (stem.isEmpty ? "letter" : stem) + ".docx"
        let output = folder + "/" + PDFConverter.pdfName(for: document)
        defer {
            unlink(document)
            unlink(output)
            rmdir(folder)
        }
        try Folder.createFile(at: document, bytes: docx)
        try converter.convert(document, to: output)
        return try Folder.readFile(output)
    }
}
