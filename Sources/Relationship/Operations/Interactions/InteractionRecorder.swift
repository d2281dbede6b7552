/// Interactions recorded by hand: one for one contact (Business Central's Create Interaction), and
/// the outcome of an entry changed after logging (evaluation, attempt failed, campaign response).
public struct InteractionRecorder {
    /// What `record` takes; nil takes the template's (or the contact's) value.
    public struct Single: Sendable {
        public var contactNo: String
        public var template: String
        public var description: String?
        public var subject: String?
        /// ISO 8601; nil for today.
        public var date: String?
        public var cost: Double?
        public var duration: Double?
        public var evaluation: Evaluation?
        public var attemptFailed = false
        public var note = ""
        public var campaignNo: String?
        /// The interaction is the contact's response to `campaignNo`.
        public var campaignResponse = false

        public init(contactNo: String, template: String) {
            self.contactNo = contactNo
            self.template = template
        }
    }

    /// The fields `setOutcome` changes; nil leaves one as it is.
    public struct Outcome: Sendable {
        /// `.some(nil)` clears the evaluation.
        public var evaluation: Evaluation??
        public var attemptFailed: Bool?
        public var campaignResponse: Bool?

        public init() {}
    }

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Records one interaction for one contact, with a template that has no document (a call, a
    /// meeting, a visit): an entry of no logged segment (`LoggedSegmentNo` 0) and no file.
    /// - Throws: `RelationshipError` for an unknown contact or template, a privacy-blocked contact,
    ///   a template with documents (its letters are logged through a segment), an invalid date, an
    ///   unknown campaign, a response without a campaign.
    public func record(_ single: Single) throws -> InteractionEntry {
        if let date = single.date, !CalendarDate.isValid(date) {
            throw RelationshipError.invalidValue(field: "Date", value: date, expected: CalendarDate.expected)
        }
        return try store.transaction {
            guard let contact = try store.contact(single.contactNo) else { throw RelationshipError.unknownContact(single.contactNo) }
            if contact.isPrivacyBlocked {
                throw RelationshipError.problems(["contact \(contact.no) is privacy-blocked: no interaction can be recorded for it"])
            }
            guard let template = try store.template(single.template) else { throw RelationshipError.unknownTemplate(single.template) }
            if try !store.documents(of: template.code).isEmpty {
                throw RelationshipError.problems([
                    "template \(template.code) has a Word document: log its letter through a segment "
                        + "(segment create --template \(template.code), segment add --contact \(contact.no), segment log)",
                ])
            }
            let campaignNo = try single.campaignNo.map { no -> String in
                guard let campaign = try store.campaign(no) else { throw RelationshipError.unknownCampaign(no) }
                return campaign.no
            } ?? ""
            if single.campaignResponse, campaignNo.isEmpty {
                throw RelationshipError.problems(["a campaign response needs its campaign (--campaign NO)"])
            }
            let moment = LocalClock.moment()
            var entry = InteractionEntry(
                contactNo: contact.no, contactCompanyNo: contact.companyKey, date: single.date ?? moment.date, time: moment.time,
                interactionTemplate: template.code, description: single.description ?? template.description,
                subject: single.subject ?? "", informationFlow: template.informationFlow.rawValue,
                initiatedBy: template.initiatedBy.rawValue, cost: single.cost ?? template.unitCost,
                duration: single.duration ?? template.unitDuration, salespersonCode: contact[.salespersonCode], campaignNo: campaignNo,
                loggedSegmentNo: 0, user: SystemUser.name, evaluation: single.evaluation?.rawValue ?? "",
                attemptFailed: single.attemptFailed, campaignResponse: single.campaignResponse, note: single.note)
            entry.entryNo = try store.insertInteraction(entry)
            return entry
        }
    }

    /// Changes an entry's evaluation, attempt failed or campaign response; nothing else of an entry
    /// changes after logging.
    /// - Throws: `RelationshipError` for an unknown or canceled entry, or a response on an entry of no campaign.
    public func setOutcome(_ entryNo: Int, _ outcome: Outcome) throws -> InteractionEntry {
        try store.transaction {
            guard var entry = try store.interaction(entryNo) else { throw RelationshipError.unknownInteraction(entryNo) }
            if entry.canceled {
                throw RelationshipError.problems(["interaction entry \(entryNo) is canceled; un-cancel it first to change it"])
            }
            if let evaluation = outcome.evaluation { entry.evaluation = evaluation?.rawValue ?? "" }
            if let failed = outcome.attemptFailed { entry.attemptFailed = failed }
            if let response = outcome.campaignResponse {
                if response, entry.campaignNo.isEmpty {
                    throw RelationshipError.problems(["interaction entry \(entryNo) belongs to no campaign, so it cannot be a campaign response"])
                }
                entry.campaignResponse = response
            }
            try store.updateInteractionOutcome(entry)
            return entry
        }
    }
}
