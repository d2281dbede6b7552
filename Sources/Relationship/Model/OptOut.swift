/// One record of a contact's opt-out history for one channel: opting out, or opting in again.
/// Records are never changed or deleted; the last one recorded for a channel decides (domain.md).
public struct OptOutRecord: Sendable, Equatable {
    /// The record's number, in the order records were made (the last one decides).
    public var entryNo: Int
    public var contactNo: String
    /// `email` or `hard-copy`.
    public var channel: CorrespondenceType
    /// True for an opt-out, false for an opt-in.
    public var optedOut: Bool
    /// ISO 8601 date the contact asked (default: the day it was recorded).
    public var date: String
    public var reason: String
    /// The operating-system user who recorded it.
    public var user: String

    public init(entryNo: Int = 0, contactNo: String, channel: CorrespondenceType, optedOut: Bool, date: String,
                reason: String = "", user: String = "") {
        self.entryNo = entryNo
        self.contactNo = contactNo
        self.channel = channel
        self.optedOut = optedOut
        self.date = date
        self.reason = reason
        self.user = user
    }
}
