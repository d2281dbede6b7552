import Relationship

/// `lettershop logged follow-up N [--segment NO]`.
enum LoggedFollowUpCommand: Command {
    static let words = ["logged", "follow-up"]
    static let abstract = """
        Open a follow-up segment on a logged segment: same template and campaign, the same contacts (less the ones \
        privacy-blocked since). Prints the new segment's number.
        """
    static let usage = "logged follow-up N [--segment NO] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["N"], options: ["segment", StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "N")
        let (header, report) = try StoreAccess.with(arguments) {
            try InteractionLog(store: $0).followUp(number, segment: arguments.value("segment"))
        }
        print(StepMessage.text(report))
        print("opened follow-up segment \(header.no)")
    }
}
