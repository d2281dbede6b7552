/// What one criteria step did, for the message the command prints.
public struct StepReport: Sendable, Equatable {
    public var segment: String
    public var stepNo: Int
    public var added = 0
    public var removed = 0
    /// Contacts left out because they are excluded from segments.
    public var skippedExcluded = 0
    /// Contacts left out because they are privacy-blocked.
    public var skippedPrivacyBlocked = 0
    /// Contacts left out because they opted out of the channel their line would use.
    public var skippedOptedOut = 0
    /// Contacts of a replayed step or a logged segment that no longer exist.
    public var skippedMissing = 0
    /// The segment's number of lines after the step.
    public var lineCount = 0

    public init(segment: String, stepNo: Int) {
        self.segment = segment
        self.stepNo = stepNo
    }
}

/// What `undo` reverted.
public struct UndoReport: Sendable, Equatable {
    public var segment: String
    public var step: SegmentStep
    /// Lines the step had inserted, now removed.
    public var deleted: Int
    /// Lines the step had removed, now back.
    public var restored: Int
    /// Lines the step had removed that stay out: their contacts were privacy-blocked since.
    public var skippedPrivacyBlocked = 0
    public var lineCount: Int
}
