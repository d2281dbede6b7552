import Relationship

/// `lettershop segment list [--json]`.
enum SegmentListCommand: Command {
    static let words = ["segment", "list"]
    static let abstract = "List the open segments."
    static let usage = "segment list [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let segments = try StoreAccess.with(arguments) { try SegmentEditor(store: $0).list() }
        if arguments.flag("json") {
            print(JSONValue.array(segments.map { RelationshipJSON.header($0.header, lines: $0.lines) }).serialized())
        } else {
            for (header, lines) in segments {
                print("\(SafeText.field(header.no))\t\(SafeText.field(header.description))\t\(Terminal.count(lines, "line"))")
            }
        }
    }
}
