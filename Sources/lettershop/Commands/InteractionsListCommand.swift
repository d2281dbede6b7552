import Relationship

/// `lettershop interactions list [--contact C] [--segment NO] [--logged N] [--template CODE] [--json]`.
enum InteractionsListCommand: Command {
    static let words = ["interactions", "list"]
    static let abstract = "List interaction log entries (canceled ones included), filtered by contact, segment, logged segment or template."
    static let usage = "interactions list [--contact C] [--segment NO] [--logged N] [--template CODE] [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: ["contact", "segment", "logged", "template", StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let filter = InteractionFilter(contactNo: arguments.value("contact"), segmentNo: arguments.value("segment"),
                                       loggedSegmentNo: try arguments.value("logged").map { try LoggedNumber.parse($0, what: "--logged") },
                                       interactionTemplate: arguments.value("template"))
        let (entries, deliveries) = try StoreAccess.with(arguments) { store in
            let log = InteractionLog(store: store)
            let entries = try log.interactions(filter)
            return (entries, try log.deliveries(of: entries))
        }
        if arguments.flag("json") {
            print(JSONValue.array(entries.map { InteractionJSON.entry($0, delivery: deliveries[$0.entryNo]) }).serialized())
        } else {
            for entry in entries { print(InteractionLines.line(entry)) }
        }
    }
}
