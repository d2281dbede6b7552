import Relationship

/// `lettershop interactions set ENTRY [--evaluation E] [--attempt-failed true|false]`.
enum InteractionsSetCommand: Command {
    static let words = ["interactions", "set"]
    static let abstract = """
        Change what may change of an interaction entry after logging: its evaluation (very-positive, positive, neutral, \
        negative, very-negative, or empty), whether the attempt failed, whether it is the contact's response to its \
        campaign. Everything else stays as logged.
        """
    static let usage = "interactions set ENTRY [--evaluation E] [--attempt-failed true|false] [--response true|false] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["ENTRY"], options: ["evaluation", "attempt-failed", "response", StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        var problems = UsageProblems()
        let number = try problems.read { try LoggedNumber.parse(arguments.positionals[0], what: "ENTRY") }
        var outcome = InteractionRecorder.Outcome()
        outcome.evaluation = try problems.read { try EvaluationOption.read(arguments) } ?? nil
        outcome.attemptFailed = try problems.read { try boolean(arguments, "attempt-failed") }
        outcome.campaignResponse = try problems.read { try boolean(arguments, "response") }
        if outcome.evaluation == nil, outcome.attemptFailed == nil, outcome.campaignResponse == nil, problems.messages.isEmpty {
            problems.add("nothing to change: give --evaluation, --attempt-failed or --response")
        }
        try problems.check()
        guard let number else { return }
        let entry = try StoreAccess.with(arguments) { try InteractionRecorder(store: $0).setOutcome(number, outcome) }
        print("interaction entry \(entry.entryNo): Evaluation \(entry.evaluation.isEmpty ? "(none)" : SafeText.field(entry.evaluation)), "
              + "AttemptFailed \(entry.attemptFailed), CampaignResponse \(entry.campaignResponse)")
    }

    /// A `true`/`false` option value (also `yes`/`no`, `1`/`0`).
    static func boolean(_ arguments: Arguments, _ name: String) throws -> Bool? {
        guard let text = arguments.value(name) else { return nil }
        guard !text.isEmpty, let value = BooleanText.parse(text) else {
            throw UsageError("--\(name) must be true or false, not '\(text)'")
        }
        return value
    }
}
