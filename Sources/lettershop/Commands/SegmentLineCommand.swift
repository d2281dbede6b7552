import Relationship

/// `lettershop segment line NO CONTACT …`: override fields of one line, or give it a personal note.
enum SegmentLineCommand: Command {
    static let words = ["segment", "line"]
    static let abstract = """
        Change one line of a segment: override its fields, set its personal note, or --clear FIELD so it follows the \
        header again. A letter edited by hand for the line: segment line export|attach|detach.
        """
    static let usage = """
        segment line NO CONTACT [--note TEXT | --note-file F] [--description TEXT] [--subject TEXT] \
        [--correspondence hard-copy|email] [--language LANG] [--template CODE] [--date DATE] [--salesperson CODE] \
        [--campaign NO] [--cost X] [--duration MIN] [--clear FIELD …] \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(
        positionals: ["NO", "CONTACT"],
        options: ["note", "note-file", "description", "subject", "correspondence", "language", "template", "date",
                  "salesperson", "campaign", "cost", "duration", "clear", StoreAccess.option],
        repeatable: ["clear"])

    static func run(_ arguments: Arguments) throws {
        var changes = SegmentEditor.LineChanges()
        var problems = UsageProblems()
        func set(_ field: LineField, _ assign: (inout LineValues) -> Void) {
            assign(&changes.values)
            changes.set.append(field)
        }
        if arguments.has("note") && arguments.has("note-file") { problems.add("give --note or --note-file, not both") }
        if let note = arguments.value("note") { set(.personalNote) { $0.personalNote = note } }
        if let value = arguments.value("description") { set(.description) { $0.description = value } }
        if let value = arguments.value("subject") { set(.subject) { $0.subject = value } }
        if let value = try problems.read({ try arguments.choice("correspondence", of: CorrespondenceType.self) }) {
            set(.correspondenceType) { $0.correspondenceType = value }
        }
        if let value = try problems.read({ try arguments.language("language") }) { set(.languageCode) { $0.languageCode = value } }
        if let value = arguments.value("template") { set(.interactionTemplate) { $0.interactionTemplate = value } }
        if let value = try problems.read({ try arguments.date("date") }) { set(.date) { $0.date = value } }
        if let value = arguments.value("salesperson") { set(.salespersonCode) { $0.salespersonCode = value } }
        if let value = arguments.value("campaign") { set(.campaignNo) { $0.campaignNo = value } }
        if let value = try problems.read({ try arguments.amount("cost") }) { set(.cost) { $0.cost = value } }
        if let value = try problems.read({ try arguments.amount("duration") }) { set(.duration) { $0.duration = value } }
        for name in arguments.allValues("clear") {
            guard let field = LineField.named(name) else {
                problems.add("--clear: unknown field '\(name)' (one of \(LineField.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            if changes.set.contains(field) || (field == .personalNote && arguments.has("note-file")) {
                problems.add("--clear \(field.rawValue) and a new value for it at once")
                continue
            }
            changes.clear.append(field)
        }
        if changes.set.isEmpty && changes.clear.isEmpty && !arguments.has("note-file") && problems.messages.isEmpty {
            problems.add("nothing to change (give a field option or --clear)")
        }
        try problems.check()
        if let path = arguments.value("note-file"), !arguments.has("note") {
            let note = String(decoding: try FileBytes.read(path), as: UTF8.self)
            set(.personalNote) { $0.personalNote = note }
        }
        let no = arguments.positionals[0], contact = arguments.positionals[1]
        let line = try StoreAccess.with(arguments) { try SegmentEditor(store: $0).editLine(no, contact: contact, changes: changes) }
        print("updated line \(line.lineNo) (\(contact)) of segment \(no)")
    }
}
