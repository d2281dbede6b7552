import Relationship

/// `lettershop templates list [--json]`.
enum TemplatesListCommand: Command {
    static let words = ["templates", "list"]
    static let abstract = "List the interaction templates and their current documents."
    static let usage = "templates list [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let templates = try StoreAccess.with(arguments) { try TemplateLibrary(store: $0).list() }
        if arguments.flag("json") {
            print(JSONValue.array(templates.map { template, documents in
                .object(RelationshipJSON.template(template)
                        + [("documents", .array(documents.current.map { RelationshipJSON.document($0, fields: nil) }))])
            }).serialized())
        } else {
            for (template, documents) in templates {
                let languages = documents.current.map { $0.language.isEmpty ? "*" : $0.language }.joined(separator: ", ")
                print([template.code, template.description, languages].map(SafeText.field).joined(separator: "\t"))
            }
        }
    }
}
