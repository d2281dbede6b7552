import Relationship

/// `lettershop segment undo NO`: reverts the last step exactly.
enum SegmentUndoCommand: Command {
    static let words = ["segment", "undo"]
    static let abstract = """
        Undo a segment's last step: the lines it added are removed, the lines it removed come back exactly as they \
        were (line numbers, overrides, notes).
        """
    static let usage = "segment undo NO \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        let report = try StoreAccess.with(arguments) { try SegmentSteps(store: $0).undo(arguments.positionals[0]) }
        var effect: [String] = []
        if report.deleted > 0 { effect.append("removed \(Terminal.count(report.deleted, "contact"))") }
        if report.restored > 0 { effect.append("restored \(Terminal.count(report.restored, "contact"))") }
        if report.skippedPrivacyBlocked > 0 { effect.append("skipped \(report.skippedPrivacyBlocked) privacy-blocked") }
        let what = effect.isEmpty ? "it had changed nothing" : effect.joined(separator: ", ")
        print("undid step \(report.step.stepNo): \(report.step.definition.summary) (\(what); segment \(report.segment) has \(Terminal.count(report.lineCount, "line")))")
    }
}
