import DocxMerge
import Relationship

#if canImport(Glibc)
import Glibc
#endif

/// `lettershop segment line export NO CONTACT --out FILE.docx [--force]`.
enum SegmentLineExportCommand: Command {
    static let words = ["segment", "line", "export"]
    static let abstract = """
        Write the letter of one line as merge and log would write it (the letter edited by hand when one is attached, \
        else the merged one), to edit it in Word and attach it again.
        """
    static let usage = "segment line export NO CONTACT --out FILE.docx [--force] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO", "CONTACT"], options: ["out", StoreAccess.option], flags: ["force"])

    static func run(_ arguments: Arguments) throws {
        guard let path = arguments.value("out") else { throw UsageError("missing --out FILE.docx") }
        guard path.lowercased().hasSuffix(".docx") else { throw UsageError("--out \(path): the letter is a Word document, so the file must end in .docx") }
        if let input = ProtectedInput.match(path, in: try StoreAccess.databaseFiles(arguments)) {
            throw CommandFailure("\(path): is \(input.role) (\(input.path)); an input is never an output")
        }
        if !arguments.flag("force"), access(path, F_OK) == 0 {
            throw CommandFailure("\(path): the file exists (use --force to replace it)")
        }
        let (no, contact) = (arguments.positionals[0], arguments.positionals[1])
        let letter = try StoreAccess.with(arguments) { try EditedLetters(store: $0).export(segment: no, contact: contact) }
        try FileBytes.writeAtomically(path, letter.bytes)
        print("wrote the \(letter.edited ? "letter edited by hand" : "merged letter") of \(contact) on segment \(SafeText.field(no)) to \(SafeText.field(path))")
    }
}

/// `lettershop segment line attach NO CONTACT FILE.docx`.
enum SegmentLineAttachCommand: Command {
    static let words = ["segment", "line", "attach"]
    static let abstract = """
        Make an edited Word document the letter of one line: it is checked as a template is, stored in the database by \
        its SHA-256, and from then on merge and log write it byte for byte instead of merging (the interaction entry \
        records EditedByHand); detach goes back to merging.
        """
    static let usage = "segment line attach NO CONTACT FILE.docx \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO", "CONTACT", "FILE.docx"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let (no, contact, file) = (arguments.positionals[0], arguments.positionals[1], arguments.positionals[2])
        let bytes = try FileBytes.read(file)
        let sha = try StoreAccess.with(arguments) {
            try EditedLetters(store: $0).attach(segment: no, contact: contact, bytes: bytes, fileName: file)
        }
        print("attached \(file) as the letter of \(contact) on segment \(no) (SHA-256 \(sha.prefix(12))…)")
    }
}

/// `lettershop segment line detach NO CONTACT`.
enum SegmentLineDetachCommand: Command {
    static let words = ["segment", "line", "detach"]
    static let abstract = "Drop the letter edited by hand of one line: the line's letter is merged again."
    static let usage = "segment line detach NO CONTACT \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO", "CONTACT"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let (no, contact) = (arguments.positionals[0], arguments.positionals[1])
        let detached = try StoreAccess.with(arguments) { try EditedLetters(store: $0).detach(segment: no, contact: contact) }
        print(detached ? "detached the letter of \(contact) on segment \(no): it is merged again"
                       : "the line of \(contact) on segment \(no) has no letter attached; nothing changed")
    }
}
