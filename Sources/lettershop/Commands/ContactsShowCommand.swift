import Relationship

/// `lettershop contacts show NO [--json]`.
enum ContactsShowCommand: Command {
    static let words = ["contacts", "show"]
    static let abstract = "Show one contact, custom fields included, with its opt-outs and their history and its mailing groups."
    static let usage = "contacts show NO [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let (contact, fields, history, groups) = try StoreAccess.with(arguments) { store in
            let (contact, fields) = try ContactBook(store: store).show(arguments.positionals[0])
            return (contact, fields, try OptOutRegister(store: store).history(contact.no), try MailingGroups(store: store).groups(of: contact.no))
        }
        let current = OptOutJSON.current(history)
        if arguments.flag("json") {
            guard case var .object(pairs) = RelationshipJSON.contact(contact, customFields: fields) else { return }
            pairs.append(("OptOutEmail", .bool(current[.email] ?? false)))
            pairs.append(("OptOutHardCopy", .bool(current[.hardCopy] ?? false)))
            pairs.append(("OptOutHistory", .array(history.map(OptOutJSON.record))))
            pairs.append(("MailingGroups", .array(groups.map(JSONValue.string))))
            print(JSONValue.object(pairs).serialized())
        } else {
            for field in ContactField.allCases { print("\(field.rawValue): \(SafeText.field(contact[field]))") }
            for field in fields { print("\(SafeText.field(field.name)): \(SafeText.field(contact.custom[field.key] ?? ""))") }
            print("OptOutEmail: \(current[.email] ?? false)")
            print("OptOutHardCopy: \(current[.hardCopy] ?? false)")
            print("MailingGroups: \(SafeText.field(groups.joined(separator: ", ")))")
            for record in history {
                let what = record.optedOut ? "opted out of" : "opted in to"
                let reason = record.reason.isEmpty ? "" : ": \(SafeText.field(record.reason))"
                print("  \(record.date) \(what) \(record.channel.rawValue) (recorded by \(SafeText.field(record.user)))\(reason)")
            }
        }
    }
}

/// The JSON of opt-out records.
enum OptOutJSON {
    static func record(_ record: OptOutRecord) -> JSONValue {
        .object([
            ("EntryNo", .int(record.entryNo)),
            ("Channel", .string(record.channel.rawValue)),
            ("OptedOut", .bool(record.optedOut)),
            ("Date", .string(record.date)),
            ("Reason", .string(record.reason)),
            ("User", .string(record.user)),
        ])
    }

    /// Whether each channel is opted out, from a history in record order (the last record decides).
    static func current(_ history: [OptOutRecord]) -> [CorrespondenceType: Bool] {
        var state: [CorrespondenceType: Bool] = [:]
        for record in history { state[record.channel] = record.optedOut }
        return state
    }
}
