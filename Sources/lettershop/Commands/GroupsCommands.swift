import Relationship

/// `lettershop groups create CODE [--description T]`.
enum GroupsCreateCommand: Command {
    static let words = ["groups", "create"]
    static let abstract = "Create a mailing group: a code contacts belong to (contacts group add), which criteria select by (group(CODE))."
    static let usage = "groups create CODE [--description TEXT] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["CODE"], options: ["description", StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let group = MailingGroup(code: arguments.positionals[0], description: arguments.value("description") ?? "")
        try StoreAccess.with(arguments) { try MailingGroups(store: $0).create(group) }
        print("created mailing group \(group.code)")
    }
}

/// `lettershop groups list [--json]`.
enum GroupsListCommand: Command {
    static let words = ["groups", "list"]
    static let abstract = "List the mailing groups and how many contacts each has."
    static let usage = "groups list [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let groups = try StoreAccess.with(arguments) { try MailingGroups(store: $0).list() }
        if arguments.flag("json") {
            print(JSONValue.array(groups.map {
                .object([("Code", .string($0.group.code)), ("Description", .string($0.group.description)), ("NoOfContacts", .int($0.contacts))])
            }).serialized())
        } else {
            for (group, contacts) in groups { print("\(SafeText.field(group.code))\t\(SafeText.field(group.description))\t\(Terminal.count(contacts, "contact"))") }
        }
    }
}

/// `lettershop groups delete CODE [--force]`.
enum GroupsDeleteCommand: Command {
    static let words = ["groups", "delete"]
    static let abstract = "Delete a mailing group; one that contacts belong to needs --force, which removes them from it."
    static let usage = "groups delete CODE [--force] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["CODE"], options: [StoreAccess.option], flags: ["force"])

    static func run(_ arguments: Arguments) throws {
        let code = arguments.positionals[0]
        let (deleted, removed) = try StoreAccess.with(arguments) { try MailingGroups(store: $0).delete(code, force: arguments.flag("force")) }
        print("deleted mailing group \(deleted)" + (removed > 0 ? " (removed \(Terminal.count(removed, "contact")) from it)" : ""))
    }
}

/// `lettershop contacts group add NO GROUP`.
enum ContactsGroupAddCommand: Command {
    static let words = ["contacts", "group", "add"]
    static let abstract = "Add a contact to a mailing group."
    static let usage = "contacts group add NO GROUP \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO", "GROUP"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let (no, group) = (arguments.positionals[0], arguments.positionals[1])
        let added = try StoreAccess.with(arguments) { try MailingGroups(store: $0).add(no, to: group) }
        print(added ? "added contact \(no) to mailing group \(group)" : "contact \(no) belongs to mailing group \(group) already")
    }
}

/// `lettershop contacts group remove NO GROUP`.
enum ContactsGroupRemoveCommand: Command {
    static let words = ["contacts", "group", "remove"]
    static let abstract = "Remove a contact from a mailing group."
    static let usage = "contacts group remove NO GROUP \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO", "GROUP"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let (no, group) = (arguments.positionals[0], arguments.positionals[1])
        let removed = try StoreAccess.with(arguments) { try MailingGroups(store: $0).remove(no, from: group) }
        print(removed ? "removed contact \(no) from mailing group \(group)" : "contact \(no) does not belong to mailing group \(group)")
    }
}
