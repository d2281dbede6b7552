import Relationship

/// `lettershop interactions cancel ENTRY [--undo]`.
enum InteractionsCancelCommand: Command {
    static let words = ["interactions", "cancel"]
    static let abstract = """
        Cancel one interaction entry; with --undo, make it active again. An entry of a canceled logged segment is \
        canceled with it: --undo is refused for it (un-cancel the logged segment instead).
        """
    static let usage = "interactions cancel ENTRY [--undo] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["ENTRY"], options: [StoreAccess.option], flags: ["undo"])

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "ENTRY")
        let undo = arguments.flag("undo")
        let outcome = try StoreAccess.with(arguments) { try InteractionLog(store: $0).cancelInteraction(number, undo: undo) }
        switch outcome {
        case .changed: print("\(undo ? "un-canceled" : "canceled") interaction entry \(number)")
        case .unchanged: print("interaction entry \(number) is already \(undo ? "active" : "canceled")")
        }
    }
}
