import Relationship

/// `lettershop segment show NO [--json]`: header, lines, steps.
enum SegmentShowCommand: Command {
    static let words = ["segment", "show"]
    static let abstract = "Show a segment: its header, its lines and its criteria steps."
    static let usage = "segment show NO [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let (header, lines, steps, edited) = try StoreAccess.with(arguments) { store in
            let (header, lines, steps) = try SegmentEditor(store: store).show(arguments.positionals[0])
            return (header, lines, steps, try EditedLetters(store: store).attached(segment: header.no))
        }
        if arguments.flag("json") {
            print(JSONValue.object([
                ("header", RelationshipJSON.header(header, lines: lines.count)),
                ("lines", .array(lines.map { line in
                    guard case var .object(pairs) = RelationshipJSON.line(line) else { return RelationshipJSON.line(line) }
                    pairs.append(("EditedByHand", .bool(edited[line.contactNo] != nil)))
                    pairs.append(("EditedDocumentSHA256", .string(edited[line.contactNo] ?? "")))
                    return .object(pairs)
                })),
                ("steps", .array(steps.map(RelationshipJSON.step))),
            ]).serialized())
            return
        }
        print("segment \(SafeText.field(header.no)): \(SafeText.field(header.description))")
        print("template \(header.interactionTemplate.isEmpty ? "-" : SafeText.field(header.interactionTemplate)), date \(header.date), \(Terminal.count(lines.count, "line"))")
        for (name, value) in headerFields(header) { print("\(name): \(SafeText.field(value))") }
        for line in lines {
            let values = line.values
            let note = values.personalNote.isEmpty ? "" : "\tnote"
            let mark = edited[line.contactNo] == nil ? "" : "\tedited by hand"
            print("\(line.lineNo)\t\(SafeText.field(line.contactNo))\t\(values.correspondenceType?.rawValue ?? "-")\t\(SafeText.field(values.languageCode))\(note)\(mark)")
        }
        for step in steps {
            print("step \(step.stepNo): \(SafeText.field(step.definition.summary)) (+\(step.added) -\(step.removed))")
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
