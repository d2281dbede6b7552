import Relationship

/// `lettershop contacts delete NO`.
enum ContactsDeleteCommand: Command {
    static let words = ["contacts", "delete"]
    static let abstract = "Delete a contact; refused while it is on an open segment or has interaction entries."
    static let usage = "contacts delete NO \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let no = arguments.positionals[0]
        try StoreAccess.with(arguments) { try ContactBook(store: $0).delete(no) }
        print("deleted contact \(no)")
    }
}
