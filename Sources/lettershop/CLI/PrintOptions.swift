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

    /// Where the combiner writes: a hidden `.docx` beside the file asked for, which `publish` moves
    /// into place (for a `.pdf`, `finishCombined` converts it first).
    var combinedDocument: String? {
        combine.map { Self.hidden(beside: $0.path, ext: "docx") }
    }

    /// The hidden file published as the combined document: the `.docx`, or the PDF made from it.
    private var combinedStaged: String? {
        guard let combine else { return nil }
        return combine.format == .pdf ? Self.hidden(beside: combine.path, ext: "pdf") : combinedDocument
    }

    private static func hidden(beside path: String, ext: String) -> String {
        Folder.parent(of: path) + "/." + Folder.baseName(of: path) + ".\(getpid()).\(ext)"
    }

    /// Refuses a combined document that exists (unless `force`) or that is one of `inputs` (even
    /// with `force`), and registers its hidden files to be removed if a signal ends the run.
    func checkCombined(force: Bool, protecting inputs: [ProtectedInput]) throws {
        guard let combine else { return }
        if let input = ProtectedInput.match(combine.path, in: inputs) {
            throw CommandFailure("\(combine.path): is \(input.role) (\(input.path)); an input is never an output")
        }
        if !force, access(combine.path, F_OK) == 0 {
            throw CommandFailure("\(combine.path): the file exists (use --force to replace it)")
        }
        // Both names carry this process's number and are gone once published or discarded.
        for staged in [combinedDocument, combinedStaged].compactMap({ $0 }) { _ = Interruption.register(file: staged) }
    }

    /// Converts the combined `.docx` to the hidden PDF `publish` moves into place, removing the `.docx`.
    func finishCombined(with converter: PDFConverter?) throws {
        guard let combine, combine.format == .pdf, let converter, let docx = combinedDocument, let pdf = combinedStaged else { return }
        defer { unlink(docx) }
        let progress = ProgressBar(total: 1, label: "converting the combined document to PDF", quiet: quiet)
        defer { progress.finish() }
        try converter.convert(docx, to: pdf)
    }

    /// Moves the letters (`output`) and the combined document into place, together: a signal that
    /// came before is obeyed (nothing moved), one that comes during waits for both.
    func publish(_ output: OutputFolder?) throws {
        let moveCombined = {
            guard let combine, let staged = combinedStaged else { return }
            guard rename(staged, combine.path) == 0 else {
                throw CommandFailure("\(combine.path): cannot move the combined document into place: \(String(cString: strerror(errno)))")
            }
        }
        if let output {
            try output.commit(alongside: moveCombined)
        } else {
            try Interruption.critical {
                try Interruption.check()
                try moveCombined()
            }
        }
    }

    /// Renders the letters (`render` writes them into `output` and `combiner`, reporting progress),
    /// converts them to PDF when asked, and publishes the letters and the combined document together;
    /// on any failure nothing is left of either.
    func produce(into output: OutputFolder?, combiner: LetterCombiner?, converter: PDFConverter?, total: Int?,
                 render: (_ progress: @escaping (Int) -> Void) throws -> Void) throws {
        do {
            let progress = ProgressBar(total: total, label: "merging", quiet: quiet)
            try render(progress.update)
            progress.finish()
            if let output, let converter, format == .pdf {
                try Self.convertLetters(in: output.staging, with: converter, keepDocx: false, quiet: quiet)
            }
            try combiner?.commit()
            try finishCombined(with: converter)
            try publish(output)
        } catch {
            output?.discard()
            combiner?.discard()
            discardCombined()
            throw error
        }
    }

    /// Removes the hidden combined files after a failure.
    func discardCombined() {
        for staged in [combinedDocument, combinedStaged].compactMap({ $0 }) { unlink(staged) }
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
