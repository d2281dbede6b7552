import Relationship

/// `lettershop criteria list [--json]`.
enum CriteriaListCommand: Command {
    static let words = ["criteria", "list"]
    static let abstract = "List the saved criteria."
    static let usage = "criteria list [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let list = try StoreAccess.with(arguments) { try CriteriaLibrary(store: $0).list() }
        if arguments.flag("json") {
            print(JSONValue.array(list.map(CriteriaJSON.criteria)).serialized())
        } else {
            for criteria in list {
                print("\(SafeText.field(criteria.code))\t\(SafeText.field(criteria.description))\t\(Terminal.count(criteria.steps.count, "step"))")
            }
        }
    }
}

/// `{"Code", "Description", "steps": [...]}`.
enum CriteriaJSON {
    static func criteria(_ criteria: SavedCriteria) -> JSONValue {
        .object([
            ("Code", .string(criteria.code)),
            ("Description", .string(criteria.description)),
            ("steps", .array(criteria.steps.enumerated().map { RelationshipJSON.definition($1, number: $0 + 1) })),
        ])
    }
}
