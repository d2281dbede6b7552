/// One interaction log entry: a letter or e-mail recorded when a segment was logged, a call or a
/// meeting logged with a template that has no document, or one interaction recorded for one contact
/// (`LoggedSegmentNo` 0).
public struct InteractionEntry: Sendable, Equatable {
    public var entryNo: Int
    public var contactNo: String
    public var contactCompanyNo: String
    /// ISO 8601 date.
    public var date: String
    /// `HH:MM:SS`.
    public var time: String
    public var interactionTemplate: String
    public var description: String
    public var subject: String
    public var correspondenceType: String
    public var languageCode: String
    public var informationFlow: String
    public var initiatedBy: String
    public var cost: Double
    public var duration: Double
    public var salespersonCode: String
    public var campaignNo: String
    public var segmentNo: String
    public var loggedSegmentNo: Int
    public var canceled: Bool
    public var user: String
    public var documentName: String
    public var documentSHA256: String
    public var templateSHA256: String
    /// A JSON object: every field the letter used and its value.
    public var mergedValues: String
    /// The segment line the entry was logged from.
    public var lineNo: Int
    /// `MergeEngine.version` of the Lettershop that wrote the letter.
    public var engineVersion: String
    /// The deflate level the letter was written with.
    public var compressionLevel: Int
    /// The personal note of the segment line, whether or not the letter shows it.
    public var personalNote: String
    /// How the interaction went: `Evaluation`'s raw value, or empty.
    public var evaluation: String
    public var attemptFailed: Bool
    /// The entry is the contact's response to its `CampaignNo`.
    public var campaignResponse: Bool
    /// Logging it made the contact a target of its `CampaignNo`.
    public var campaignTarget: Bool
    /// The letter is a document the user edited for this line, stored as it was attached.
    public var editedByHand: Bool
    /// Free text recorded with a single interaction (`interactions add --note`).
    public var note: String
    /// The SHA-256 of the PDF logged beside the letter (`--format pdf`); empty when there was none.
    public var pdfSHA256: String

    public init(entryNo: Int = 0, contactNo: String, contactCompanyNo: String = "", date: String, time: String = "00:00:00",
                interactionTemplate: String = "", description: String = "", subject: String = "",
                correspondenceType: String = "", languageCode: String = "", informationFlow: String = "outbound",
                initiatedBy: String = "us", cost: Double = 0, duration: Double = 0, salespersonCode: String = "",
                campaignNo: String = "", segmentNo: String = "", loggedSegmentNo: Int, canceled: Bool = false,
                user: String = "", documentName: String = "", documentSHA256: String = "", templateSHA256: String = "",
                mergedValues: String = "{}", lineNo: Int = 0, engineVersion: String = "", compressionLevel: Int = 6,
                evaluation: String = "", attemptFailed: Bool = false, campaignResponse: Bool = false, campaignTarget: Bool = false,
                editedByHand: Bool = false, note: String = "", personalNote: String = "",
                pdfSHA256: String = "") {
        self.entryNo = entryNo
        self.contactNo = contactNo
        self.contactCompanyNo = contactCompanyNo
        self.date = date
        self.time = time
        self.interactionTemplate = interactionTemplate
        self.description = description
        self.subject = subject
        self.correspondenceType = correspondenceType
        self.languageCode = languageCode
        self.informationFlow = informationFlow
        self.initiatedBy = initiatedBy
        self.cost = cost
        self.duration = duration
        self.salespersonCode = salespersonCode
        self.campaignNo = campaignNo
        self.segmentNo = segmentNo
        self.loggedSegmentNo = loggedSegmentNo
        self.canceled = canceled
        self.user = user
        self.documentName = documentName
        self.documentSHA256 = documentSHA256
        self.templateSHA256 = templateSHA256
        self.mergedValues = mergedValues
        self.lineNo = lineNo
        self.engineVersion = engineVersion
        self.compressionLevel = compressionLevel
        self.evaluation = evaluation
        self.attemptFailed = attemptFailed
        self.campaignResponse = campaignResponse
        self.campaignTarget = campaignTarget
        self.editedByHand = editedByHand
        self.note = note
        self.personalNote = personalNote
        self.pdfSHA256 = pdfSHA256
    }

    /// True when the entry has a document (a letter or an e-mail); false for a call, a meeting.
    public var hasDocument: Bool { !documentSHA256.isEmpty }

    /// The fields `interaction(…)` criteria can test, in the order cli.md lists them.
    public static let filterFields = ["InteractionTemplate", "Date", "SegmentNo", "LoggedSegmentNo", "CorrespondenceType",
                                      "LanguageCode", "CampaignNo", "SalespersonCode", "Description", "Subject",
                                      "Evaluation", "AttemptFailed", "CampaignResponse", "InformationFlow", "InitiatedBy",
                                      "CampaignTarget", "EditedByHand", "Cost", "Duration"]

    /// The boolean ones among `filterFields`.
    static let booleanFilterFields: Set<String> = ["AttemptFailed", "CampaignResponse", "CampaignTarget", "EditedByHand"]

    /// The values of `filterFields`, in the same order.
    public var filterValues: [String] {
        [interactionTemplate, date, segmentNo, String(loggedSegmentNo), correspondenceType, languageCode, campaignNo,
         salespersonCode, description, subject, evaluation, BooleanText.text(attemptFailed), BooleanText.text(campaignResponse),
         informationFlow, initiatedBy, BooleanText.text(campaignTarget), BooleanText.text(editedByHand), DecimalText.plain(cost),
         DecimalText.plain(duration)]
    }
}

/// A logged segment's header (the letters and entries of one `segment log`).
public struct LoggedSegment: Sendable, Equatable {
    public var entryNo: Int
    public var segmentNo: String
    public var description: String
    public var creationDate: String
    public var user: String
    public var canceled: Bool
    /// The segment's template and campaign, which a follow-up takes.
    public var interactionTemplate: String
    public var campaignNo: String
    /// The absolute path of the folder the letters were written to.
    public var lettersFolder: String

    public init(entryNo: Int = 0, segmentNo: String, description: String, creationDate: String, user: String = "", canceled: Bool = false,
                interactionTemplate: String = "", campaignNo: String = "", lettersFolder: String = "") {
        self.entryNo = entryNo
        self.segmentNo = segmentNo
        self.description = description
        self.creationDate = creationDate
        self.user = user
        self.canceled = canceled
        self.interactionTemplate = interactionTemplate
        self.campaignNo = campaignNo
        self.lettersFolder = lettersFolder
    }
}

/// How an interaction went, as Business Central rates it.
public enum Evaluation: String, Sendable, CaseIterable {
    case veryPositive = "very-positive"
    case positive
    case neutral
    case negative
    case veryNegative = "very-negative"
}
