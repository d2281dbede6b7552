import Relationship

/// `lettershop segment remove NO --contact C [--contact C …]`.
enum SegmentRemoveCommand: Command {
    static let words = ["segment", "remove"]
    static let abstract = "Remove contacts from a segment by number (recorded as a step, so undo puts them back)."
    static let usage = "segment remove NO --contact C [--contact C …] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["contact", StoreAccess.option], repeatable: ["contact"])

    static func run(_ arguments: Arguments) throws {
        var contacts: [String] = []
        for no in arguments.allValues("contact") where !contacts.contains(no) { contacts.append(no) }
        guard !contacts.isEmpty else { throw UsageError("missing --contact C") }
        let definition = StepDefinition(action: .removeContacts, contacts: contacts)
        let report = try StoreAccess.with(arguments) { try SegmentSteps(store: $0).run(definition, on: arguments.positionals[0]) }
        print(StepMessage.removal(report))
    }
}
