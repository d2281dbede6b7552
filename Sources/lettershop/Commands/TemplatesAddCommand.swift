import DocxMerge
import Relationship

/// `lettershop templates add CODE --file DOC.docx …`.
enum TemplatesAddCommand: Command {
    static let words = ["templates", "add"]
    static let abstract = """
        Add an interaction template, or a document (a language, or a new version) to one; options given for an \
        existing template update it. Documents are stored in the database, versioned by SHA-256.
        """
    static let usage = """
        templates add CODE --file DOC.docx [--language LANG] [--description TEXT] [--correspondence hard-copy|email] \
        [--ignore-contact-correspondence] [--unit-cost X] [--unit-duration MIN] [--information-flow outbound|inbound] \
        [--initiated-by us|them] \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(
        positionals: ["CODE"],
        options: ["file", "language", "description", "correspondence", "unit-cost", "unit-duration", "information-flow",
                  "initiated-by", StoreAccess.option],
        flags: ["ignore-contact-correspondence"])

    static func run(_ arguments: Arguments) throws {
        guard let file = arguments.value("file") else { throw UsageError("missing --file DOC.docx") }
        let code = arguments.positionals[0]
        guard !code.isEmpty, code.count <= 20 else { throw UsageError("CODE must be 1 to 20 characters") }
        var changes = TemplateLibrary.Changes()
        changes.description = arguments.value("description")
        changes.correspondenceType = try arguments.choice("correspondence", of: CorrespondenceType.self)
        if arguments.flag("ignore-contact-correspondence") { changes.ignoreContactCorrespondenceType = true }
        changes.unitCost = try arguments.number("unit-cost")
        changes.unitDuration = try arguments.number("unit-duration")
        changes.informationFlow = try arguments.choice("information-flow", of: InformationFlow.self)
        changes.initiatedBy = try arguments.choice("initiated-by", of: InitiatedBy.self)
        let bytes = try FileBytes.read(file)
        let result = try StoreAccess.with(arguments) { store in
            try TemplateLibrary(store: store).add(code: code, document: bytes, fileName: file,
                                                   language: arguments.value("language") ?? "", changes: changes)
        }
        let language = result.document.language.isEmpty ? "any language" : result.document.language
        let what = result.created ? "added template" : "updated template"
        let version = result.addedVersion ? "document version \(result.document.version) for \(language)"
                                          : "document for \(language) unchanged (version \(result.document.version))"
        print("\(what) \(result.template.code): \(version)")
    }
}
