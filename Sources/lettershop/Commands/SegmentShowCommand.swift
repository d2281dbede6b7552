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
        print("segment \(header.no): \(header.description)")
        print("template \(header.interactionTemplate.isEmpty ? "-" : header.interactionTemplate), date \(header.date), \(Terminal.count(lines.count, "line"))")
        for (name, value) in headerFields(header) { print("\(name): \(value)") }
        for line in lines {
            let values = line.values
            let note = values.personalNote.isEmpty ? "" : "\tnote"
            print("\(line.lineNo)\t\(line.contactNo)\t\(values.correspondenceType?.rawValue ?? "-")\t\(values.languageCode)\(note)")
        }
        for step in steps {
            print("step \(step.stepNo): \(step.definition.summary) (+\(step.added) -\(step.removed))")
        }
    }

    /// Every header field besides the number, description, template and date, as `name: value`.
    private static func headerFields(_ header: SegmentHeader) -> [(String, String)] {
        let amount = { (value: Double) in value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }
        return [
            ("Subject", header.subject),
            ("CorrespondenceType", header.correspondenceType?.rawValue ?? ""),
            ("IgnoreContactCorrespondenceType", String(header.ignoreContactCorrespondenceType)),
            ("LanguageCode", header.languageCode),
            ("SalespersonCode", header.salespersonCode),
            ("CampaignNo", header.campaignNo),
            ("CampaignTarget", String(header.campaignTarget)),
            ("UnitCost", amount(header.unitCost)),
            ("UnitDuration", amount(header.unitDuration)),
            ("InformationFlow", header.informationFlow.rawValue),
            ("InitiatedBy", header.initiatedBy.rawValue),
        ]
    }
}
