import Relationship

/// The header options `segment create` and `segment set` share.
enum SegmentHeaderOptions {
    static let options: Set<String> = ["description", "template", "subject", "correspondence", "language", "salesperson",
                                       "campaign", "date", "unit-cost", "unit-duration", "information-flow", "initiated-by",
                                       StoreAccess.option]
    static let flags: Set<String> = ["ignore-contact-correspondence", "no-ignore-contact-correspondence", "campaign-target",
                                     "no-campaign-target"]
    /// The options after `--description`, which `segment create` requires and `segment set` does not.
    static let usageAfterDescription = """
        [--template CODE] [--subject TEXT] [--correspondence hard-copy|email] \
        [--ignore-contact-correspondence | --no-ignore-contact-correspondence] [--language LANG] [--salesperson CODE] \
        [--campaign NO] [--campaign-target | --no-campaign-target] [--date DATE] [--unit-cost X] [--unit-duration MIN] [--information-flow outbound|inbound] \
        [--initiated-by us|them] \(StoreAccess.usage)
        """
    static let usage = "[--description TEXT] " + usageAfterDescription

    /// The header changes the options ask for; every bad value is reported.
    static func changes(_ arguments: Arguments) throws -> SegmentEditor.HeaderChanges {
        var problems = UsageProblems()
        return try changes(arguments, problems: &problems)
    }

    /// The header changes the options ask for; every bad value is reported, with the `problems` the
    /// command found before.
    static func changes(_ arguments: Arguments, problems: inout UsageProblems) throws -> SegmentEditor.HeaderChanges {
        var changes = SegmentEditor.HeaderChanges()
        changes.description = arguments.value("description")
        changes.interactionTemplate = arguments.value("template")
        changes.subject = arguments.value("subject")
        changes.correspondenceType = try problems.read { try arguments.choice("correspondence", of: CorrespondenceType.self) }
        if arguments.flag("ignore-contact-correspondence") { changes.ignoreContactCorrespondenceType = true }
        if arguments.flag("no-ignore-contact-correspondence") { changes.ignoreContactCorrespondenceType = false }
        changes.languageCode = try problems.read { try arguments.language("language") }
        changes.salespersonCode = arguments.value("salesperson")
        changes.campaignNo = arguments.value("campaign")
        if arguments.flag("campaign-target") { changes.campaignTarget = true }
        if arguments.flag("no-campaign-target") { changes.campaignTarget = false }
        changes.date = try problems.read { try arguments.date("date") }
        changes.unitCost = try problems.read { try arguments.amount("unit-cost") }
        changes.unitDuration = try problems.read { try arguments.amount("unit-duration") }
        changes.informationFlow = try problems.read { try arguments.choice("information-flow", of: InformationFlow.self) }
        changes.initiatedBy = try problems.read { try arguments.choice("initiated-by", of: InitiatedBy.self) }
        try problems.check()
        return changes
    }
}

/// The message after a step: `added 42 contacts, skipped 2 excluded (segment SM00001 has 57 lines)`.
enum StepMessage {
    static func text(_ report: StepReport) -> String {
        var parts: [String] = []
        if report.added > 0 || report.removed == 0 { parts.append("added \(Terminal.count(report.added, "contact"))") }
        if report.removed > 0 { parts.append("removed \(Terminal.count(report.removed, "contact"))") }
        var skipped: [String] = []
        if report.skippedExcluded > 0 { skipped.append("\(report.skippedExcluded) excluded") }
        if report.skippedPrivacyBlocked > 0 { skipped.append("\(report.skippedPrivacyBlocked) privacy-blocked") }
        if report.skippedOptedOut > 0 { skipped.append("\(report.skippedOptedOut) opted out") }
        if report.skippedMissing > 0 { skipped.append("\(report.skippedMissing) no longer existing") }
        if !skipped.isEmpty { parts.append("skipped " + skipped.joined(separator: ", ")) }
        return parts.joined(separator: ", ") + " (segment \(report.segment) has \(Terminal.count(report.lineCount, "line")))"
    }

    /// `removed 7 contacts (…)` for the steps that only remove.
    static func removal(_ report: StepReport) -> String {
        "removed \(Terminal.count(report.removed, "contact")) (segment \(report.segment) has \(Terminal.count(report.lineCount, "line")))"
    }
}
