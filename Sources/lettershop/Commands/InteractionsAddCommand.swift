import Relationship

/// `lettershop interactions add CONTACT --template CODE …`: one interaction for one contact.
enum InteractionsAddCommand: Command {
    static let words = ["interactions", "add"]
    static let abstract = """
        Record one interaction for one contact (a phone call, a meeting, a visit) with a template that has no Word \
        document. Description, cost, duration, flow and initiator default to the template's, the date to today. \
        With --campaign it belongs to that campaign; --response marks it as the contact's response to it.
        """
    static let usage = """
        interactions add CONTACT --template CODE [--description TEXT] [--subject TEXT] [--date DATE] [--cost X] \
        [--duration MIN] [--evaluation E] [--attempt-failed] [--note TEXT] [--campaign NO [--response]] \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["CONTACT"],
                                   options: ["template", "description", "subject", "date", "cost", "duration", "evaluation", "note",
                                             "campaign", StoreAccess.option],
                                   flags: ["attempt-failed", "response"])

    static func run(_ arguments: Arguments) throws {
        var problems = UsageProblems()
        guard let template = arguments.value("template") else { throw UsageError("missing --template CODE") }
        var single = InteractionRecorder.Single(contactNo: arguments.positionals[0], template: template)
        single.description = arguments.value("description")
        single.subject = arguments.value("subject")
        single.date = try problems.read { try arguments.date("date") }
        single.cost = try problems.read { try arguments.amount("cost") }
        single.duration = try problems.read { try arguments.amount("duration") }
        single.evaluation = try problems.read { try EvaluationOption.read(arguments) } ?? nil
        single.attemptFailed = arguments.flag("attempt-failed")
        single.note = arguments.value("note") ?? ""
        single.campaignNo = arguments.value("campaign")
        single.campaignResponse = arguments.flag("response")
        try problems.check()
        let entry = try StoreAccess.with(arguments) { try InteractionRecorder(store: $0).record(single) }
        print("recorded interaction entry \(entry.entryNo) (\(entry.contactNo), \(entry.interactionTemplate), \(entry.date))")
    }
}

/// `--evaluation`: one of `Evaluation`'s values, or empty for none.
enum EvaluationOption {
    /// nil when not given; `.some(nil)` for an empty value.
    static func read(_ arguments: Arguments) throws -> Evaluation?? {
        guard let text = arguments.value("evaluation") else { return nil }
        if text.isEmpty { return .some(nil) }
        guard let evaluation = Evaluation(rawValue: text) else {
            throw UsageError("--evaluation must be \(Evaluation.allCases.map(\.rawValue).joined(separator: ", ")) or empty, not '\(text)'")
        }
        return .some(evaluation)
    }
}
