/// The interaction data of a segment line, each of which a line may override.
public enum LineField: String, CaseIterable, Sendable {
    case description = "Description"
    case subject = "Subject"
    case interactionTemplate = "InteractionTemplate"
    case salespersonCode = "SalespersonCode"
    case campaignNo = "CampaignNo"
    case date = "Date"
    case cost = "Cost"
    case duration = "Duration"
    case correspondenceType = "CorrespondenceType"
    case languageCode = "LanguageCode"
    /// Free text for one contact; never inherited, so "overriding" it means having one.
    case personalNote = "PersonalNote"

    /// The field a `--clear` argument names, matched case-insensitively; `Note` is `PersonalNote`.
    public static func named(_ name: String) -> LineField? {
        let lowered = name.lowercased()
        if lowered == "note" { return .personalNote }
        return allCases.first { $0.rawValue.lowercased() == lowered }
    }

    /// The bit of this field in a stored override mask.
    var bit: Int { 1 << LineField.allCases.firstIndex(of: self)! }
}

/// The values of a line's interaction fields.
public struct LineValues: Sendable, Equatable {
    public var description = ""
    public var subject = ""
    public var interactionTemplate = ""
    public var salespersonCode = ""
    public var campaignNo = ""
    public var date = ""
    public var cost: Double = 0
    public var duration: Double = 0
    public var correspondenceType: CorrespondenceType?
    public var languageCode = ""
    public var personalNote = ""

    public init() {}

    /// Copies one field's value from `other`.
    public mutating func take(_ field: LineField, from other: LineValues) {
        switch field {
        case .description: description = other.description
        case .subject: subject = other.subject
        case .interactionTemplate: interactionTemplate = other.interactionTemplate
        case .salespersonCode: salespersonCode = other.salespersonCode
        case .campaignNo: campaignNo = other.campaignNo
        case .date: date = other.date
        case .cost: cost = other.cost
        case .duration: duration = other.duration
        case .correspondenceType: correspondenceType = other.correspondenceType
        case .languageCode: languageCode = other.languageCode
        case .personalNote: personalNote = other.personalNote
        }
    }
}

/// One contact on an open segment, with the values it inherited or overrides.
public struct SegmentLine: Sendable, Equatable {
    public var lineNo: Int
    public var contactNo: String
    public var values: LineValues
    /// The fields set on this line itself; the others follow the header.
    public var overrides: Set<LineField>
    /// The step that inserted the line (undoing that step removes it).
    public var addedByStep: Int

    public init(lineNo: Int, contactNo: String, values: LineValues, overrides: Set<LineField> = [], addedByStep: Int) {
        self.lineNo = lineNo
        self.contactNo = contactNo
        self.values = values
        self.overrides = overrides
        self.addedByStep = addedByStep
    }

    /// The override set as a bit mask, for storage.
    var overrideMask: Int { overrides.reduce(0) { $0 | $1.bit } }

    static func overrides(fromMask mask: Int) -> Set<LineField> {
        Set(LineField.allCases.filter { mask & $0.bit != 0 })
    }
}
