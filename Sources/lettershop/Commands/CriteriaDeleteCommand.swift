import Relationship

/// `lettershop criteria delete CODE`.
enum CriteriaDeleteCommand: Command {
    static let words = ["criteria", "delete"]
    static let abstract = "Delete saved criteria."
    static let usage = "criteria delete CODE \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["CODE"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        try StoreAccess.with(arguments) { try CriteriaLibrary(store: $0).delete(arguments.positionals[0]) }
        print("deleted criteria \(arguments.positionals[0])")
    }
}
