import Relationship

/// `lettershop criteria show CODE [--json]`.
enum CriteriaShowCommand: Command {
    static let words = ["criteria", "show"]
    static let abstract = "Show saved criteria and their steps."
    static let usage = "criteria show CODE [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["CODE"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let criteria = try StoreAccess.with(arguments) { try CriteriaLibrary(store: $0).show(arguments.positionals[0]) }
        if arguments.flag("json") {
            print(CriteriaJSON.criteria(criteria).serialized())
        } else {
            print("criteria \(SafeText.field(criteria.code)): \(SafeText.field(criteria.description))")
            for (index, step) in criteria.steps.enumerated() { print("step \(index + 1): \(SafeText.field(step.summary))") }
        }
    }
}
