import Relationship

/// `lettershop logged show N [--json]`.
enum LoggedShowCommand: Command {
    static let words = ["logged", "show"]
    static let abstract = "Show a logged segment and its interaction entries."
    static let usage = "logged show N [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["N"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "N")
        let (logged, entries) = try StoreAccess.with(arguments) { try InteractionLog(store: $0).show(number) }
        if arguments.flag("json") {
            print(JSONValue.object([
                ("logged", InteractionJSON.logged(logged, interactions: entries.count)),
                ("interactions", .array(entries.map(InteractionJSON.entry))),
            ]).serialized())
            return
        }
        print("logged segment \(logged.entryNo): segment \(SafeText.field(logged.segmentNo)), \(SafeText.field(logged.description))\(logged.canceled ? " (canceled)" : "")")
        print("created \(logged.creationDate) by \(logged.user), \(Terminal.count(entries.count, "interaction")), letters in \(logged.lettersFolder)")
        for entry in entries { print(InteractionLines.line(entry)) }
    }
}

/// Reading entry numbers from the command line.
enum LoggedNumber {
    static func parse(_ text: String, what: String) throws -> Int {
        guard let number = Int(text), number > 0 else { throw UsageError("\(what) must be a whole number from 1, not '\(text)'") }
        return number
    }
}

/// One interaction entry as a line of text.
enum InteractionLines {
    static func line(_ entry: InteractionEntry) -> String {
        [String(entry.entryNo), entry.date, entry.time, entry.contactNo, entry.interactionTemplate, entry.correspondenceType,
         entry.documentName, entry.loggedSegmentNo == 0 ? "single" : "logged \(entry.loggedSegmentNo)", entry.canceled ? "canceled" : "",
         entry.evaluation]
            .map(SafeText.field).joined(separator: "\t").trimmingTrailingTabs()
    }
}

private extension String {
    func trimmingTrailingTabs() -> String {
        var text = self
        while text.hasSuffix("\t") { text.removeLast() }
        return text
    }
}
