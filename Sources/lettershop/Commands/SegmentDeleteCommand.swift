import Relationship

/// `lettershop segment delete NO`.
enum SegmentDeleteCommand: Command {
    static let words = ["segment", "delete"]
    static let abstract = "Delete an open segment with its lines and steps."
    static let usage = "segment delete NO \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        try StoreAccess.with(arguments) { try SegmentEditor(store: $0).delete(arguments.positionals[0]) }
        print("deleted segment \(arguments.positionals[0])")
    }
}
