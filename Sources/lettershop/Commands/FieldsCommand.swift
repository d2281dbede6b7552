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
        for warning in template.warnings { Terminal.warning(warning) }
        if arguments.flag("json") {
            let items = template.fields.map { field in
                var pairs: [(String, JSONValue)] = [
                    ("name", .string(field.name)),
                    ("part", .string(field.part)),
                    ("kind", .string(field.kind.rawValue)),
                    ("switches", .array(field.switches.map(JSONValue.string))),
                ]
                if field.kind.isMailingsBlock {
                    // Each address field the block reads → the column it reads first, and every column it tries.
                    pairs.append(("tokens", .object(field.tokens.map { ($0.field, .string($0.columns.first ?? "")) })))
                    pairs.append(("candidates", .object(field.tokens.map { ($0.field, .array($0.columns.map(JSONValue.string))) })))
                }
                return JSONValue.object(pairs)
            }
            print(JSONValue.array(items).serialized())
        } else {
            for name in template.fieldNames { print(SafeText.field(name)) }
        }
    }
}
