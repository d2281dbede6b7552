import DocxMerge

/// `lettershop fields TEMPLATE.docx [--json]`: the merge fields a template uses.
enum FieldsCommand: Command {
    static let words = ["fields"]
    static let abstract = "List the merge fields a Word template uses, each name once, in order of first appearance."
    static let usage = "fields TEMPLATE.docx [--json] [--keep-unknown]"
    static let spec = ArgumentSpec(positionals: ["TEMPLATE.docx"], flags: ["json", "keep-unknown"])

    static func run(_ arguments: Arguments) throws {
        let template = try MergeTemplate(path: arguments.positionals[0],
                                         options: .init(keepUnknownFields: arguments.flag("keep-unknown")))
        if arguments.flag("json") {
            let items = template.fields.map { field in
                JSONValue.object([
                    ("name", .string(field.name)),
                    ("part", .string(field.part)),
                    ("kind", .string(field.kind.rawValue)),
                    ("switches", .array(field.switches.map(JSONValue.string))),
                ])
            }
            print(JSONValue.array(items).serialized())
        } else {
            for name in template.fieldNames { print(SafeText.field(name)) }
        }
    }
}
