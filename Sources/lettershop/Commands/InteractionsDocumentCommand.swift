import DocxMerge
import Relationship

#if canImport(Glibc)
import Glibc
#endif

/// `lettershop interactions document ENTRY --out FILE [--force]`.
enum InteractionsDocumentCommand: Command {
    static let words = ["interactions", "document"]
    static let abstract = """
        Produce the letter of an interaction entry again (the .docx; for an e-mail, the attached letter), byte for byte, \
        from the stored template version and values. Refuses if this Lettershop would write different bytes.
        """
    static let usage = "interactions document ENTRY --out FILE [--force] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["ENTRY"], options: ["out", StoreAccess.option], flags: ["force"])

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "ENTRY")
        guard let path = arguments.value("out") else { throw UsageError("missing --out FILE") }
        if let input = ProtectedInput.match(path, in: try StoreAccess.databaseFiles(arguments)) {
            throw CommandFailure("\(path): is \(input.role) (\(input.path)); an input is never an output")
        }
        if !arguments.flag("force"), access(path, F_OK) == 0 {
            throw CommandFailure("\(path): the file exists (use --force to replace it)")
        }
        let (entry, bytes) = try StoreAccess.with(arguments) { try InteractionLog(store: $0).document(number) }
        try FileBytes.writeAtomically(path, bytes)
        print("wrote the letter of interaction entry \(entry.entryNo) (\(entry.contactNo), SHA-256 \(entry.documentSHA256.prefix(12))…) to \(SafeText.field(path))")
    }
}
