import DocxMerge
import Relationship

/// `lettershop segment preview NO [--line N] [--page K] --out FILE.png|FILE.pdf`.
enum SegmentPreviewCommand: Command {
    static let words = ["segment", "preview"]
    static let abstract = """
        Show one letter of a segment before logging it: the letter of line N (its LineNo; default the first line with a \
        letter) rendered through LibreOffice to PDF and, for a .png, page K (default 1) drawn by pdftoppm (poppler-utils).
        """
    static let usage = "segment preview NO [--line N] [--page K] --out FILE.png|FILE.pdf [--soffice PATH] [--force] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["line", "page", "out", "soffice", StoreAccess.option], flags: ["force"])

    static func run(_ arguments: Arguments) throws {
        let line = try arguments.integer("line", in: 1...Int.max)
        let target = try PreviewTarget(arguments, protecting: try StoreAccess.databaseFiles(arguments))
        let preview = LetterPreview(converter: try PDFConverter(soffice: OfficeTools.soffice(explicit: arguments.value("soffice")), jobs: 1))
        let (letter, docx) = try StoreAccess.with(arguments) { store in
            try SegmentLetters(store: store, segment: arguments.positionals[0]).document(lineNo: line)
        }
        try preview.write(docx: docx, page: target.page, to: target.path)
        print("wrote the preview of line \(letter.lineNo) (\(letter.contactNo))\(target.page.map { ", page \($0)," } ?? "") to \(SafeText.field(target.path))")
    }
}
