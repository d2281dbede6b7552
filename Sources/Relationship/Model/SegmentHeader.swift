/// The header of an open segment: what every line inherits unless it overrides it.
public struct SegmentHeader: Sendable, Equatable {
    public var no: String
    public var description: String
    public var interactionTemplate: String
    public var subject: String
    public var correspondenceType: CorrespondenceType?
    public var ignoreContactCorrespondenceType: Bool
    public var languageCode: String
    public var salespersonCode: String
    public var campaignNo: String
    /// ISO 8601 date.
    public var date: String
    public var unitCost: Double
    public var unitDuration: Double
    public var informationFlow: InformationFlow
    public var initiatedBy: InitiatedBy
    /// Logging makes each line's contact a target of the line's campaign.
    public var campaignTarget: Bool

    public init(no: String, description: String = "", interactionTemplate: String = "", subject: String = "",
                correspondenceType: CorrespondenceType? = nil, ignoreContactCorrespondenceType: Bool = false,
                languageCode: String = "", salespersonCode: String = "", campaignNo: String = "", date: String,
                unitCost: Double = 0, unitDuration: Double = 0, informationFlow: InformationFlow = .outbound,
                initiatedBy: InitiatedBy = .us, campaignTarget: Bool = false) {
        self.no = no
        self.description = description
        self.interactionTemplate = interactionTemplate
        self.subject = subject
        self.correspondenceType = correspondenceType
        self.ignoreContactCorrespondenceType = ignoreContactCorrespondenceType
        self.languageCode = languageCode
        self.salespersonCode = salespersonCode
        self.campaignNo = campaignNo
        self.date = date
        self.unitCost = unitCost
        self.unitDuration = unitDuration
        self.informationFlow = informationFlow
        self.initiatedBy = initiatedBy
        self.campaignTarget = campaignTarget
    }

    /// Takes the template's defaults: cost, duration, flow, initiator, correspondence and language.
    public mutating func adopt(_ template: InteractionTemplate) {
        interactionTemplate = template.code
        unitCost = template.unitCost
        unitDuration = template.unitDuration
        informationFlow = template.informationFlow
        initiatedBy = template.initiatedBy
        correspondenceType = template.correspondenceType
        ignoreContactCorrespondenceType = template.ignoreContactCorrespondenceType
        languageCode = template.languageCode
    }
}

/// A header field `segment set` can change.
public enum HeaderField: String, CaseIterable, Sendable {
    case description = "Description"
    case interactionTemplate = "InteractionTemplate"
    case subject = "Subject"
    case correspondenceType = "CorrespondenceType"
    case ignoreContactCorrespondenceType = "IgnoreContactCorrespondenceType"
    case languageCode = "LanguageCode"
    case salespersonCode = "SalespersonCode"
    case campaignNo = "CampaignNo"
    case date = "Date"
    case unitCost = "UnitCost"
    case unitDuration = "UnitDuration"
    case informationFlow = "InformationFlow"
    case initiatedBy = "InitiatedBy"

    /// The line fields whose inherited value depends on this header field.
    var lineFields: [LineField] {
        switch self {
        case .description: return [.description]
        case .interactionTemplate: return [.interactionTemplate] + LineInheritance.templateFields
        case .subject: return [.subject]
        case .correspondenceType, .ignoreContactCorrespondenceType: return [.correspondenceType]
        case .languageCode: return [.languageCode]
        case .salespersonCode: return [.salespersonCode]
        case .campaignNo: return [.campaignNo]
        case .date: return [.date]
        case .unitCost: return [.cost]
        case .unitDuration: return [.duration]
        case .informationFlow, .initiatedBy: return []
        }
    }

    /// The header fields that differ between two versions of a header.
    static func changes(from old: SegmentHeader, to new: SegmentHeader) -> [HeaderField] {
        allCases.filter { field in
            switch field {
            case .description: return old.description != new.description
            case .interactionTemplate: return old.interactionTemplate.lowercased() != new.interactionTemplate.lowercased()
            case .subject: return old.subject != new.subject
            case .correspondenceType: return old.correspondenceType != new.correspondenceType
            case .ignoreContactCorrespondenceType: return old.ignoreContactCorrespondenceType != new.ignoreContactCorrespondenceType
            case .languageCode: return old.languageCode != new.languageCode
            case .salespersonCode: return old.salespersonCode != new.salespersonCode
            case .campaignNo: return old.campaignNo != new.campaignNo
            case .date: return old.date != new.date
            case .unitCost: return old.unitCost != new.unitCost
            case .unitDuration: return old.unitDuration != new.unitDuration
            case .informationFlow: return old.informationFlow != new.informationFlow
            case .initiatedBy: return old.initiatedBy != new.initiatedBy
            }
        }
    }
}
