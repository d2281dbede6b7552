import Relationship

/// `lettershop segment check NO [--from ADDRESS] [--out DIR] [--allow-unused-notes] [--json]`: the pre-flight report.
enum SegmentCheckCommand: Command {
    static let words = ["segment", "check"]
    static let abstract = """
        Check a segment before logging it: every problem that would stop log (errors) and everything that would \
        spoil a letter (warnings), per line. Exits 1 when log would refuse. A personal note the line's document has no \
        PersonalNote field for is an error, or a warning with --allow-unused-notes (as log and merge would take it).
        """
    static let usage = "segment check NO [--from ADDRESS] [--out DIR] [--allow-unused-notes] [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["from", "out", StoreAccess.option], flags: ["json", "allow-unused-notes"])

    static func run(_ arguments: Arguments) throws {
        let no = arguments.positionals[0]
        let (header, issues, lineCount, documentCount) = try StoreAccess.with(arguments) { store in
            let log = try SegmentLog(store: store, segment: no, options: .init(outputFolder: arguments.value("out"), from: arguments.value("from"),
                                                                               allowUnusedNotes: arguments.flag("allow-unused-notes")))
            return (log.letters.header, log.issues, log.letters.letterCount, log.letters.documentCount)
        }
        let ok = issues.errors.isEmpty
        if arguments.flag("json") {
            print(JSONValue.object([("ok", .bool(ok)), ("problems", .array(issues.map(InteractionJSON.issue)))]).serialized())
        } else {
            IssueLines.print(issues, segment: header.no)
            let counts = "\(Terminal.count(issues.errors.count, "error")), \(Terminal.count(issues.warnings.count, "warning"))"
            let what = documentCount == lineCount ? Terminal.count(lineCount, "letter")
                : "\(Terminal.count(lineCount, "interaction")), \(Terminal.count(documentCount, "letter"))"
            print(ok ? "segment \(header.no) is ready to log: \(what) (\(counts))"
                     : "segment \(header.no) cannot be logged: \(counts)")
        }
        if !ok { throw CommandFailure([]) }
    }
}
