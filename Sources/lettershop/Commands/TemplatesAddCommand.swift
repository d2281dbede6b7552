import DocxMerge
import Relationship

/// `lettershop templates add CODE --file DOC.docx …`.
enum TemplatesAddCommand: Command {
    static let words = ["templates", "add"]
    static let abstract = """
        Add an interaction template, or a document (a language, or a new version) to one; options given for an \
        existing template update it. Documents are stored in the database, versioned by SHA-256. Without --file \
        the template has no document (a phone call, a meeting, a visit): logging it records interactions and writes no file.
        """
    static let usage = """
        templates add CODE [--file DOC.docx [--language LANG]] [--description TEXT] [--correspondence hard-copy|email] \
        [--ignore-contact-correspondence] [--unit-cost X] [--unit-duration MIN] [--information-flow outbound|inbound] \
        [--initiated-by us|them] \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(
        positionals: ["CODE"],
        options: ["file", "language", "description", "correspondence", "unit-cost", "unit-duration", "information-flow",
                  "initiated-by", StoreAccess.option],
        flags: ["ignore-contact-correspondence"])

    static func run(_ arguments: Arguments) throws {
        var problems = UsageProblems()
        let file = arguments.value("file")
        if file == nil, arguments.has("language") { problems.add("--language needs --file DOC.docx (the document of that language)") }
        let code = arguments.positionals[0]
        if code.isEmpty || code.count > 20 { problems.add("CODE must be 1 to 20 characters") }
        var changes = TemplateLibrary.Changes()
        changes.description = arguments.value("description")
        changes.correspondenceType = try problems.read { try arguments.choice("correspondence", of: CorrespondenceType.self) }
        if arguments.flag("ignore-contact-correspondence") { changes.ignoreContactCorrespondenceType = true }
        changes.unitCost = try problems.read { try arguments.amount("unit-cost") }
        changes.unitDuration = try problems.read { try arguments.amount("unit-duration") }
        changes.informationFlow = try problems.read { try arguments.choice("information-flow", of: InformationFlow.self) }
        changes.initiatedBy = try problems.read { try arguments.choice("initiated-by", of: InitiatedBy.self) }
        let language = try problems.read { try arguments.language("language") } ?? ""
        try problems.check()
        guard let file else {
            let saved = try StoreAccess.with(arguments) { try TemplateLibrary(store: $0).save(code: code, changes: changes) }
            print("\(saved.created ? "added" : "updated") template \(saved.template.code)")
            return
        }
        let bytes = try FileBytes.read(file)
        let result = try StoreAccess.with(arguments) { store in
            try TemplateLibrary(store: store).add(code: code, document: bytes, fileName: file, language: language, changes: changes)
        }
        let languageName = result.document.language.isEmpty ? "any language" : result.document.language
        let what = result.created ? "added template" : "updated template"
        let version: String
        if result.addedVersion {
            version = "document version \(result.document.version) for \(languageName)"
        } else if result.document.version == result.currentVersion {
            version = "document for \(languageName) unchanged (version \(result.document.version))"
        } else {
            version = "document for \(languageName) unchanged: the same as version \(result.document.version) "
                + "(the current version is \(result.currentVersion))"
        }
        print("\(what) \(result.template.code): \(version)")
    }
}
