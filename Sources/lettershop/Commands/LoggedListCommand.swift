import Relationship

/// `lettershop logged list [--json]`.
enum LoggedListCommand: Command {
    static let words = ["logged", "list"]
    static let abstract = "List the logged segments: number, segment, date, user, interactions, and whether canceled."
    static let usage = "logged list [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let list = try StoreAccess.with(arguments) { try InteractionLog(store: $0).loggedSegments() }
        if arguments.flag("json") {
            print(JSONValue.array(list.map { InteractionJSON.logged($0.logged, interactions: $0.interactions) }).serialized())
            return
        }
        for (logged, count) in list {
            let canceled = logged.canceled ? "\tcanceled" : ""
            print("\(logged.entryNo)\t\(SafeText.field(logged.segmentNo))\t\(logged.creationDate)\t\(SafeText.field(logged.user))\t\(Terminal.count(count, "interaction"))\t\(SafeText.field(logged.description))\(canceled)")
        }
    }
}
