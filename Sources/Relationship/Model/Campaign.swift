/// A campaign: segments and interactions that belong together, with the contacts it targets and
/// the responses it gets.
public struct Campaign: Sendable, Equatable {
    public var no: String
    public var description: String
    /// ISO 8601 dates; empty when not set.
    public var startingDate: String
    public var endingDate: String
    /// The campaign's stage, a code the user chooses (`PLANNED`, `STARTED`, `DONE`, …).
    public var status: String
    public var salespersonCode: String

    public init(no: String, description: String = "", startingDate: String = "", endingDate: String = "", status: String = "",
                salespersonCode: String = "") {
        self.no = no
        self.description = description
        self.startingDate = startingDate
        self.endingDate = endingDate
        self.status = status
        self.salespersonCode = salespersonCode
    }

    /// The longest number allowed.
    public static let maximumNoLength = 20
}

/// What `campaign show` reports of a campaign's interactions (canceled entries left out).
public struct CampaignStatistics: Sendable, Equatable {
    /// Contacts made targets by logged segments.
    public var targets = 0
    /// Interaction entries of the campaign.
    public var interactions = 0
    /// Contacts with at least one entry marked as the campaign's response.
    public var responses = 0
    /// Targets among those contacts.
    public var respondingTargets = 0
    public var cost: Double = 0
    public var duration: Double = 0

    public init() {}

    /// Responding targets per target, as a percentage; nil without targets.
    public var responseRate: Double? {
        targets == 0 ? nil : (Double(respondingTargets) * 1000 / Double(targets)).rounded() / 10
    }
}

/// How `campaign(NO, …)` criteria relate a contact to a campaign.
public enum CampaignRelation: String, Sendable, CaseIterable {
    /// A logged segment made the contact a target of the campaign.
    case target
    /// An entry of the contact is marked as the campaign's response.
    case responded
}
