/// Campaigns: create, change, list, show with what their interactions add up to, delete.
public struct CampaignBook {
    /// Campaign fields to set; nil leaves a field as it is.
    public struct Changes: Sendable {
        public var description: String?
        public var startingDate: String?
        public var endingDate: String?
        public var status: String?
        public var salespersonCode: String?

        public init() {}
    }

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Creates campaign `no`.
    /// - Throws: `RelationshipError` when the number is taken, empty or too long, a date is not a
    ///   calendar date, or the campaign would end before it starts.
    public func create(_ no: String, changes: Changes) throws -> Campaign {
        guard !no.isEmpty, no.count <= Campaign.maximumNoLength, !no.contains(where: \.isWhitespace) else {
            throw RelationshipError.invalidValue(field: "No", value: no,
                                                 expected: "1 to \(Campaign.maximumNoLength) characters without spaces")
        }
        return try store.transaction {
            if let existing = try store.campaign(no) { throw RelationshipError.problems(["campaign \(existing.no) exists already"]) }
            var campaign = Campaign(no: no)
            try Self.apply(changes, to: &campaign)
            try store.saveCampaign(campaign)
            return campaign
        }
    }

    /// Changes campaign `no`.
    public func set(_ no: String, changes: Changes) throws -> Campaign {
        try store.transaction {
            var campaign = try existing(no)
            try Self.apply(changes, to: &campaign)
            try store.saveCampaign(campaign)
            return campaign
        }
    }

    public func list() throws -> [Campaign] {
        try store.read { try store.campaigns() }
    }

    /// A campaign and what its interactions that are not canceled add up to.
    public func show(_ no: String) throws -> (campaign: Campaign, statistics: CampaignStatistics) {
        try store.read {
            let campaign = try existing(no)
            return (campaign, try store.campaignStatistics(campaign.no))
        }
    }

    /// Deletes a campaign no interaction entry and no open segment names.
    public func delete(_ no: String) throws {
        try store.transaction {
            let campaign = try existing(no)
            let use = try store.campaignUse(campaign.no)
            if use.entries > 0 || use.segments > 0 {
                var parts: [String] = []
                if use.entries > 0 { parts.append(use.entries == 1 ? "1 interaction entry" : "\(use.entries) interaction entries") }
                if use.segments > 0 { parts.append(use.segments == 1 ? "1 open segment" : "\(use.segments) open segments") }
                throw RelationshipError.problems(["campaign \(campaign.no) is named by \(parts.joined(separator: " and ")) and cannot be deleted"])
            }
            try store.deleteCampaign(campaign.no)
        }
    }

    /// - Throws: `RelationshipError.unknownCampaign` unless campaign `no` exists.
    static func requireExisting(_ no: String, in store: any RelationshipStore) throws {
        guard try store.campaign(no) != nil else { throw RelationshipError.unknownCampaign(no) }
    }

    private func existing(_ no: String) throws -> Campaign {
        guard let campaign = try store.campaign(no) else { throw RelationshipError.unknownCampaign(no) }
        return campaign
    }

    private static func apply(_ changes: Changes, to campaign: inout Campaign) throws {
        for (field, value) in [("StartingDate", changes.startingDate), ("EndingDate", changes.endingDate)] {
            if let value, !value.isEmpty, !CalendarDate.isValid(value) {
                throw RelationshipError.invalidValue(field: field, value: value, expected: CalendarDate.expected)
            }
        }
        if let value = changes.description { campaign.description = value }
        if let value = changes.startingDate { campaign.startingDate = value }
        if let value = changes.endingDate { campaign.endingDate = value }
        if let value = changes.status { campaign.status = value }
        if let value = changes.salespersonCode { campaign.salespersonCode = value }
        if !campaign.startingDate.isEmpty, !campaign.endingDate.isEmpty, campaign.endingDate < campaign.startingDate {
            throw RelationshipError.problems(["campaign \(campaign.no): EndingDate \(campaign.endingDate) is before StartingDate \(campaign.startingDate)"])
        }
    }
}
