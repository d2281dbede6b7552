import Relationship

/// `lettershop logged cancel N [--undo]`.
enum LoggedCancelCommand: Command {
    static let words = ["logged", "cancel"]
    static let abstract = """
        Cancel a logged segment and all its interaction entries; with --undo, make it and all its entries active again.
        """
    static let usage = "logged cancel N [--undo] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["N"], options: [StoreAccess.option], flags: ["undo"])

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "N")
        let undo = arguments.flag("undo")
        let outcome = try StoreAccess.with(arguments) { try InteractionLog(store: $0).cancelLogged(number, undo: undo) }
        switch outcome {
        case let .changed(entries):
            print("\(undo ? "un-canceled" : "canceled") logged segment \(number) and \(Terminal.count(entries, "interaction"))")
        case .unchanged:
            print("logged segment \(number) is already \(undo ? "active" : "canceled")")
        }
    }
}
