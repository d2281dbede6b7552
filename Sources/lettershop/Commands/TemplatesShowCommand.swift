import Relationship

/// `lettershop templates show CODE [--json]`.
enum TemplatesShowCommand: Command {
    static let words = ["templates", "show"]
    static let abstract = "Show an interaction template: its fields, and every document version with the merge fields it uses."
    static let usage = "templates show CODE [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["CODE"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let (template, documents) = try StoreAccess.with(arguments) { try TemplateLibrary(store: $0).show(arguments.positionals[0]) }
        if arguments.flag("json") {
            let items = documents.map { RelationshipJSON.document($0.0, fields: $0.1) }
            print(JSONValue.object(RelationshipJSON.template(template) + [("documents", .array(items))]).serialized())
            return
        }
        for (key, value) in RelationshipJSON.template(template) {
            if case let .string(text) = value { print("\(key): \(SafeText.field(text))") } else { print("\(key): \(value.serialized(indent: nil))") }
        }
        for (document, fields) in documents {
            let language = document.language.isEmpty ? "any language" : document.language
            print("document \(language) version \(document.version) (\(document.addedAt)) sha256 \(document.sha256)")
            print("  fields: \(fields.map(SafeText.field).joined(separator: ", "))")
        }
    }
}
