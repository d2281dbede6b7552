import DocxMerge

#if canImport(Glibc)
import Glibc
#endif

/// The print-run options of `merge`, `segment merge` and `segment log`: `--format docx|pdf`,
/// `--combine FILE.docx|FILE.pdf`, `--soffice PATH`, `--quiet`.
struct PrintOptions {
    enum Format: String { case docx, pdf }

    static let options: Set<String> = ["format", "combine", "soffice"]
    static let flags: Set<String> = ["quiet"]
    static let usage = "[--combine FILE.docx|FILE.pdf] [--format docx|pdf] [--soffice PATH] [--quiet]"

    /// The format of the per-letter files.
    let format: Format
    /// The combined document asked for, and its format (from its extension).
    let combine: (path: String, format: Format)?
    let quiet: Bool
    private let sofficeOption: String?

    init(_ arguments: Arguments) throws {
        format = try arguments.choice("format", ["docx", "pdf"]).flatMap(Format.init) ?? .docx
        quiet = arguments.flag("quiet")
        sofficeOption = arguments.value("soffice")
        if let path = arguments.value("combine") {
            let lower = path.lowercased()
            guard lower.hasSuffix(".docx") || lower.hasSuffix(".pdf") else {
                throw UsageError("--combine takes a file name ending in .docx or .pdf, not '\(path)'")
            }
            combine = (path, lower.hasSuffix(".pdf") ? .pdf : .docx)
        } else {
            combine = nil
        }
    }

    /// Whether LibreOffice is needed.
    var needsOffice: Bool { format == .pdf || combine?.format == .pdf }

    /// A converter on `jobs` LibreOffice processes when PDF is wanted; nil otherwise.
    /// - Throws: when LibreOffice is missing (naming the package to install).
    func converter(jobs: Int) throws -> PDFConverter? {
        guard needsOffice else { return nil }
        return try PDFConverter(soffice: OfficeTools.soffice(explicit: sofficeOption), jobs: jobs)
    }

    /// Where the combiner writes: the `.docx` asked for, or a hidden one beside the `.pdf`, converted
    /// by `finishCombined`.
    var combinedDocument: String? {
        guard let combine else { return nil }
        guard combine.format == .pdf else { return combine.path }
        return Folder.parent(of: combine.path) + "/." + Folder.baseName(of: combine.path) + ".\(getpid()).docx"
    }

    /// Refuses a combined document that exists (unless `force`).
    func checkCombined(force: Bool) throws {
        if let combine, !force, access(combine.path, F_OK) == 0 {
            throw CommandFailure("\(combine.path): the file exists (use --force to replace it)")
        }
    }

    /// Converts the combined `.docx` to the `.pdf` asked for, removing the `.docx`.
    func finishCombined(with converter: PDFConverter?) throws {
        guard let combine, combine.format == .pdf, let converter, let docx = combinedDocument else { return }
        defer { unlink(docx) }
        let progress = ProgressBar(total: 1, label: "converting the combined document to PDF", quiet: quiet)
        defer { progress.finish() }
        try converter.convert(docx, to: combine.path)
    }

    /// Removes the hidden combined `.docx` after a failure.
    func discardCombined() {
        if let combine, combine.format == .pdf, let docx = combinedDocument { unlink(docx) }
    }

    /// Converts every `.docx` in `folder` to a PDF beside it; unless `keepDocx`, the `.docx` go.
    static func convertLetters(in folder: String, with converter: PDFConverter, keepDocx: Bool, quiet: Bool) throws {
        let documents = Folder.entries(of: folder).filter { $0.lowercased().hasSuffix(".docx") }.map { folder + "/" + $0 }
        let progress = ProgressBar(total: documents.count, label: "converting to PDF", quiet: quiet)
        defer { progress.finish() }
        try converter.convert(documents, into: folder, progress: progress.update)
        if !keepDocx { for document in documents { unlink(document) } }
    }
}
