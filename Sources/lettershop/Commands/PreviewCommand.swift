import DocxMerge

#if canImport(Glibc)
import Glibc
#endif

/// `lettershop preview TEMPLATE --data FILE.csv [--row N] [--page K] --out FILE.png|FILE.pdf`.
enum PreviewCommand: Command {
    static let words = ["preview"]
    static let abstract = """
        Show one letter before a merge: the letter of data row N (default 1) rendered through LibreOffice to PDF and, \
        for a .png, page K (default 1) drawn by pdftoppm (poppler-utils). A .pdf with --page is that page alone.
        """
    static let usage = """
        preview TEMPLATE.docx --data FILE.csv [--row N] [--page K] --out FILE.png|FILE.pdf [--missing error|blank|keep] \
        [--keep-unknown] [--delimiter C] [--soffice PATH] [--force]
        """
    static let spec = ArgumentSpec(positionals: ["TEMPLATE.docx"],
                                   options: ["data", "row", "page", "out", "missing", "delimiter", "soffice"],
                                   flags: ["keep-unknown", "force"])

    static func run(_ arguments: Arguments) throws {
        guard let dataPath = arguments.value("data") else { throw UsageError("missing --data FILE.csv") }
        let row = try arguments.integer("row", in: 1...Int.max) ?? 1
        let target = try PreviewTarget(arguments, protecting: [ProtectedInput(path: arguments.positionals[0], role: "the template"),
                                                               ProtectedInput(path: dataPath, role: "the data file")])
        let missing = try arguments.choice("missing", MissingFieldPolicy.allCases.map(\.rawValue)).flatMap(MissingFieldPolicy.init) ?? .error
        let delimiter = try BatchOptions.delimiter(arguments)
        let preview = LetterPreview(converter: try PDFConverter(soffice: OfficeTools.soffice(explicit: arguments.value("soffice")), jobs: 1))

        let template = try MergeTemplate(path: arguments.positionals[0], options: .init(keepUnknownFields: arguments.flag("keep-unknown")))
        let csv = try CSVReader(path: dataPath, delimiter: delimiter)
        let plan: LetterPlan
        do {
            plan = try LetterPlan(template: template, columns: csv.header, missing: missing)
        } catch MergeError.missingFields(let names) {
            throw CommandFailure(names.map { "\(dataPath): no column for the template's field '\($0)' (--missing blank or keep merges anyway)" })
        }
        var record: CSVRecord?
        for read in 0..<row {
            guard let next = try csv.next() else {
                throw CommandFailure("\(dataPath): --row \(row): the file has \(Terminal.count(read, "data row"))")
            }
            record = next
        }
        let docx: [UInt8]
        do {
            docx = try LetterRenderer(plan: plan).render(record!.values)
        } catch {
            throw CommandFailure("\(dataPath):\(record!.line): \(error)")
        }
        try preview.write(docx: docx, page: target.page, to: target.path)
        print("wrote the preview of row \(row)\(target.page.map { ", page \($0)," } ?? "") to \(SafeText.field(target.path))")
    }
}

/// `--out FILE.png|FILE.pdf [--page K] [--force]` of the preview commands.
struct PreviewTarget {
    let path: String
    let page: Int?

    /// `inputs`: the files the command reads, which the preview may never replace.
    init(_ arguments: Arguments, protecting inputs: [ProtectedInput]) throws {
        guard let path = arguments.value("out") else { throw UsageError("missing --out FILE.png|FILE.pdf") }
        let lower = path.lowercased()
        guard lower.hasSuffix(".png") || lower.hasSuffix(".pdf") else {
            throw UsageError("--out takes a file name ending in .png or .pdf, not '\(path)'")
        }
        if let input = ProtectedInput.match(path, in: inputs) {
            throw CommandFailure("\(path): is \(input.role) (\(input.path)); an input is never an output")
        }
        page = try arguments.integer("page", in: 1...100_000)
        self.path = path
        if !arguments.flag("force"), access(path, F_OK) == 0 {
            throw CommandFailure("\(path): the file exists (use --force to replace it)")
        }
    }
}
