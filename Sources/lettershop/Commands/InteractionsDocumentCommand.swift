import DocxMerge
import Relationship

#if canImport(Glibc)
import Glibc
#endif

/// `lettershop interactions document ENTRY --out FILE [--format docx|pdf] [--message] [--force]`.
enum InteractionsDocumentCommand: Command {
    static let words = ["interactions", "document"]
    static let abstract = """
        Produce the letter of an interaction entry again (the .docx; for an e-mail, the attached letter), byte for byte, \
        from the stored template version and values. Refuses if this Lettershop would write different bytes. \
        --format pdf converts it through LibreOffice (soffice on PATH, or --soffice PATH) and says whether the PDF is \
        the same bytes as the one logged (the same LibreOffice version and fonts give the same PDF). With --message, \
        an e-mail entry's whole message (.eml): the one last sent, else the one segment log wrote.
        """
    static let usage = "interactions document ENTRY --out FILE [--format docx|pdf] [--soffice PATH] [--message] [--force] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["ENTRY"], options: ["out", "format", "soffice", StoreAccess.option], flags: ["force", "message"])

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "ENTRY")
        guard let path = arguments.value("out") else { throw UsageError("missing --out FILE") }
        let message = arguments.flag("message")
        let pdf = try arguments.choice("format", ["docx", "pdf"]) == "pdf"
        // The letter is a Word document, for an e-mail too (its attachment), or its PDF: another name would lie about it.
        if message {
            if arguments.has("format") { throw UsageError("--message writes the whole e-mail; --format goes with the letter, not with --message") }
            guard path.lowercased().hasSuffix(".eml") else {
                throw UsageError("--out \(path): with --message the e-mail is written, so the file must end in .eml")
            }
        } else if pdf {
            guard path.lowercased().hasSuffix(".pdf") else {
                throw UsageError("--out \(path): with --format pdf the letter is written as PDF, so the file must end in .pdf")
            }
        } else if !path.lowercased().hasSuffix(".docx") {
            let hint = path.lowercased().hasSuffix(".eml") ? " (it writes the letter, the attachment of an e-mail; --message writes the e-mail)" : ""
            throw UsageError("--out \(path): the letter is a Word document, so the file must end in .docx\(hint)")
        }
        if let input = ProtectedInput.match(path, in: try StoreAccess.databaseFiles(arguments)) {
            throw CommandFailure("\(path): is \(input.role) (\(input.path)); an input is never an output")
        }
        if !arguments.flag("force"), access(path, F_OK) == 0 {
            throw CommandFailure("\(path): the file exists (use --force to replace it)")
        }
        if message {
            let pdf = LetterPDF(soffice: arguments.value("soffice"))
            let (entry, _, bytes) = try StoreAccess.with(arguments) {
                try InteractionLog(store: $0).message(number, pdf: { try pdf.convert($0, name: $1) })
            }
            try FileBytes.writeAtomically(path, bytes)
            print("wrote the message of interaction entry \(entry.entryNo) (\(entry.contactNo), SHA-256 \(SHA256.hex(bytes).prefix(12))…) to \(path)")
            return
        }
        let converter = pdf ? try PDFConverter(soffice: OfficeTools.soffice(explicit: arguments.value("soffice")), jobs: 1) : nil
        let (entry, bytes) = try StoreAccess.with(arguments) { try InteractionLog(store: $0).document(number) }
        guard let converter else {
            try FileBytes.writeAtomically(path, bytes)
            print("wrote the letter of interaction entry \(entry.entryNo) (\(entry.contactNo), SHA-256 \(entry.documentSHA256.prefix(12))…) to \(SafeText.field(path))")
            return
        }
        let docx = Folder.parent(of: path) + "/." + Folder.baseName(of: path) + ".\(getpid()).docx"
        let staged = Interruption.register(file: docx)
        defer {
            unlink(docx)
            Interruption.unregister(staged)
        }
        try FileBytes.writeAtomically(docx, bytes)
        try converter.convert(docx, to: path)
        let digest = SHA256.hex(try FileBytes.read(path))
        let comparison: String
        if entry.pdfSHA256.isEmpty {
            comparison = "no PDF was logged with it"
        } else if entry.pdfSHA256 == digest {
            comparison = "the same bytes as the PDF logged"
        } else {
            comparison = "not the same bytes as the PDF logged (\(entry.pdfSHA256.prefix(12))…): LibreOffice's version or fonts differ; the text is the letter's"
        }
        print("wrote the letter of interaction entry \(entry.entryNo) (\(entry.contactNo)) as PDF to \(SafeText.field(path)), SHA-256 \(digest.prefix(12))…: \(comparison)")
    }
}
