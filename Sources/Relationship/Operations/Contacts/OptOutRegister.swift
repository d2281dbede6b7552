/// A contact's refusals per channel (`email`, `hard-copy`): opting out and in again, each kept as a
/// record with its date, reason and who recorded it, so the history is never lost.
///
/// ```swift
/// let register = OptOutRegister(store: store)
/// try register.optOut("CT000010", channels: [.email], reason: "asked by phone", date: nil)
/// if try register.isOptedOut("CT000010", channel: .email) { … }   // true: send nothing by e-mail
/// ```
public struct OptOutRegister {
    /// What one opt-out or opt-in did for one channel.
    public struct Change: Sendable, Equatable {
        public let channel: CorrespondenceType
        /// The record made; nil when the contact was in that state already (nothing recorded).
        public let record: OptOutRecord?
        /// The record that already decided, when nothing was recorded.
        public let unchangedBy: OptOutRecord?
    }

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Whether `contactNo` has opted out of `channel` (its last record for it is an opt-out), in a
    /// read transaction of its own, or in the caller's when one is open. The check every sending path makes.
    public func isOptedOut(_ contactNo: String, channel: CorrespondenceType) throws -> Bool {
        try store.read { try store.isOptedOut(contactNo: contactNo, channel: channel) }
    }

    /// Which of `contactNos` have opted out of `channel`.
    public func optedOut(_ contactNos: [String], channel: CorrespondenceType) throws -> Set<String> {
        try store.read {
            let current = try store.currentOptOuts(contactNos: contactNos)
            return Set(contactNos.filter { current[$0]?[channel]?.optedOut == true })
        }
    }

    /// Records that the contact refuses `channels`. A channel it has opted out of already gets no
    /// new record (its date and reason stay those of the opt-out that decided).
    /// - Parameter date: the day the contact asked (ISO 8601); nil for today.
    /// - Throws: `RelationshipError` for an unknown contact or a date that is not a calendar date.
    public func optOut(_ contactNo: String, channels: [CorrespondenceType], reason: String, date: String?) throws -> [Change] {
        try record(contactNo, channels: channels, optedOut: true, reason: reason, date: date)
    }

    /// Records that the contact accepts `channels` again: a new record, the opt-out stays in the history.
    public func optIn(_ contactNo: String, channels: [CorrespondenceType], reason: String, date: String?) throws -> [Change] {
        try record(contactNo, channels: channels, optedOut: false, reason: reason, date: date)
    }

    /// The contact's history, oldest first.
    public func history(_ contactNo: String) throws -> [OptOutRecord] {
        try store.read {
            guard try store.contactExists(contactNo) else { throw RelationshipError.unknownContact(contactNo) }
            return try store.optOutHistory(contactNo: contactNo)
        }
    }

    private func record(_ contactNo: String, channels: [CorrespondenceType], optedOut: Bool, reason: String,
                        date: String?) throws -> [Change] {
        if let date, !CalendarDate.isValid(date) {
            throw RelationshipError.invalidValue(field: "Date", value: date, expected: CalendarDate.expected)
        }
        return try store.transaction {
            guard try store.contactExists(contactNo) else { throw RelationshipError.unknownContact(contactNo) }
            return try channels.map { channel in
                try Self.record(contactNo, channel: channel, optedOut: optedOut, reason: reason, date: date ?? LocalClock.today(),
                                in: store)
            }
        }
    }

    /// Records one change of one channel unless the contact is in that state already. Used inside a
    /// transaction (by `contacts import` too).
    static func record(_ contactNo: String, channel: CorrespondenceType, optedOut: Bool, reason: String, date: String,
                       in store: any RelationshipStore) throws -> Change {
        let current = try store.currentOptOut(contactNo: contactNo, channel: channel)
        if (current?.optedOut ?? false) == optedOut {
            return Change(channel: channel, record: nil, unchangedBy: current)
        }
        var record = OptOutRecord(contactNo: contactNo, channel: channel, optedOut: optedOut, date: date, reason: reason,
                                  user: SystemUser.name)
        record.entryNo = try store.insertOptOut(record)
        return Change(channel: channel, record: record, unchangedBy: nil)
    }
}
