import Relationship

/// `lettershop segment show NO [--json]`: header, lines, steps.
enum SegmentShowCommand: Command {
    static let words = ["segment", "show"]
    static let abstract = "Show a segment: its header, its lines and its criteria steps."
    static let usage = "segment show NO [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let (header, lines, steps) = try StoreAccess.with(arguments) { try SegmentEditor(store: $0).show(arguments.positionals[0]) }
        if arguments.flag("json") {
            print(JSONValue.object([
                ("header", RelationshipJSON.header(header, lines: lines.count)),
                ("lines", .array(lines.map(RelationshipJSON.line))),
                ("steps", .array(steps.map(RelationshipJSON.step))),
            ]).serialized())
            return
        }
        print("segment \(SafeText.field(header.no)): \(SafeText.field(header.description))")
        print("template \(header.interactionTemplate.isEmpty ? "-" : header.interactionTemplate), date \(header.date), \(Terminal.count(lines.count, "line"))")
        for line in lines {
            let values = line.values
            let note = values.personalNote.isEmpty ? "" : "\tnote"
            print("\(line.lineNo)\t\(SafeText.field(line.contactNo))\t\(values.correspondenceType?.rawValue ?? "-")\t\(SafeText.field(values.languageCode))\(note)")
        }
        for step in steps {
            print("step \(step.stepNo): \(SafeText.field(step.definition.summary)) (+\(step.added) -\(step.removed))")
        }
    }
}
