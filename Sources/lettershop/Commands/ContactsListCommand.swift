import Relationship

/// `lettershop contacts list [--where EXPR] [--json]`.
enum ContactsListCommand: Command {
    static let words = ["contacts", "list"]
    static let abstract = "List contacts, all of them or those matching a --where expression."
    static let details = FilterHelp.text
    static let usage = "contacts list [--where EXPR] [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: ["where", StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let (contacts, fields) = try StoreAccess.with(arguments) { try ContactBook(store: $0).list(where: arguments.value("where")) }
        if arguments.flag("json") {
            print(JSONValue.array(contacts.map { RelationshipJSON.contact($0, customFields: fields) }).serialized())
        } else {
            for contact in contacts {
                print([contact.no, contact[.type], contact[.name], contact[.city]].map(SafeText.field).joined(separator: "\t"))
            }
        }
    }
}
