import Relationship

/// `lettershop segment set NO …`: header changes, propagated to the lines that do not override them.
enum SegmentSetCommand: Command {
    static let words = ["segment", "set"]
    static let abstract = """
        Change a segment's header; every line that has not overridden a changed field follows it (a new template \
        also resets cost, duration, correspondence type and language).
        """
    static let usage = "segment set NO \(SegmentHeaderOptions.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: SegmentHeaderOptions.options, flags: SegmentHeaderOptions.flags)

    static func run(_ arguments: Arguments) throws {
        let changes = try SegmentHeaderOptions.changes(arguments)
        let (header, changed) = try StoreAccess.with(arguments) {
            try SegmentEditor(store: $0).set(arguments.positionals[0], changes: changes)
        }
        print("updated segment \(header.no) (\(Terminal.count(changed, "line")) changed)")
    }
}
