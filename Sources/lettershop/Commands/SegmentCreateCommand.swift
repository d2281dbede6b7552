import Relationship

/// `lettershop segment create [NO] --description TEXT …`: prints the segment's number last.
enum SegmentCreateCommand: Command {
    static let words = ["segment", "create"]
    static let abstract = "Create an open segment (numbered SM00001, SM00002, … unless NO is given); prints its number."
    static let usage = "segment create [NO] --description TEXT \(SegmentHeaderOptions.usageAfterDescription)"
    static let spec = ArgumentSpec(positionals: ["NO"], optionalPositionals: 1,
                                   options: SegmentHeaderOptions.options, flags: SegmentHeaderOptions.flags)

    static func run(_ arguments: Arguments) throws {
        var problems = UsageProblems()
        if arguments.value("description") == nil { problems.add("missing --description TEXT") }
        if let no = arguments.positional(0), no.isEmpty || no.count > 20 { problems.add("NO must be 1 to 20 characters") }
        let changes = try SegmentHeaderOptions.changes(arguments, problems: &problems)
        let header = try StoreAccess.with(arguments) { try SegmentEditor(store: $0).create(no: arguments.positional(0), changes: changes) }
        print("created segment \(header.no)")
    }
}
