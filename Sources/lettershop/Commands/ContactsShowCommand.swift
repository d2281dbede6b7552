import Relationship

/// `lettershop contacts show NO [--json]`.
enum ContactsShowCommand: Command {
    static let words = ["contacts", "show"]
    static let abstract = "Show one contact, custom fields included."
    static let usage = "contacts show NO [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let (contact, fields) = try StoreAccess.with(arguments) { try ContactBook(store: $0).show(arguments.positionals[0]) }
        if arguments.flag("json") {
            print(RelationshipJSON.contact(contact, customFields: fields).serialized())
        } else {
            for field in ContactField.allCases { print("\(field.rawValue): \(SafeText.field(contact[field]))") }
            for field in fields { print("\(SafeText.field(field.name)): \(SafeText.field(contact.custom[field.key] ?? ""))") }
        }
    }
}
