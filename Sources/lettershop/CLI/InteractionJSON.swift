import Relationship

/// The JSON of logged segments, interaction entries and check issues, keys as domain.md names them.
enum InteractionJSON {
    static func logged(_ logged: LoggedSegment, interactions: Int? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("EntryNo", .int(logged.entryNo)),
            ("SegmentNo", .string(logged.segmentNo)),
            ("Description", .string(logged.description)),
            ("CreationDate", .string(logged.creationDate)),
            ("User", .string(logged.user)),
            ("Canceled", .bool(logged.canceled)),
            ("InteractionTemplate", .string(logged.interactionTemplate)),
            ("CampaignNo", .string(logged.campaignNo)),
            ("LettersFolder", .string(logged.lettersFolder)),
        ]
        if let interactions { pairs.append(("NoOfInteractions", .int(interactions))) }
        return .object(pairs)
    }

    static func entry(_ entry: InteractionEntry) -> JSONValue {
        let merged = FlatJSON.decode(entry.mergedValues).map { JSONValue.object($0.map { ($0.0, .string($0.1)) }) }
            ?? .string(entry.mergedValues)
        return .object([
            ("EntryNo", .int(entry.entryNo)),
            ("ContactNo", .string(entry.contactNo)),
            ("ContactCompanyNo", .string(entry.contactCompanyNo)),
            ("Date", .string(entry.date)),
            ("Time", .string(entry.time)),
            ("InteractionTemplate", .string(entry.interactionTemplate)),
            ("Description", .string(entry.description)),
            ("Subject", .string(entry.subject)),
            ("CorrespondenceType", .string(entry.correspondenceType)),
            ("LanguageCode", .string(entry.languageCode)),
            ("InformationFlow", .string(entry.informationFlow)),
            ("InitiatedBy", .string(entry.initiatedBy)),
            ("Cost", .double(entry.cost)),
            ("Duration", .double(entry.duration)),
            ("SalespersonCode", .string(entry.salespersonCode)),
            ("CampaignNo", .string(entry.campaignNo)),
            ("SegmentNo", .string(entry.segmentNo)),
            ("LoggedSegmentNo", .int(entry.loggedSegmentNo)),
            ("LineNo", .int(entry.lineNo)),
            ("Canceled", .bool(entry.canceled)),
            ("User", .string(entry.user)),
            ("DocumentName", .string(entry.documentName)),
            ("DocumentSHA256", .string(entry.documentSHA256)),
            ("TemplateSHA256", .string(entry.templateSHA256)),
            ("MergedValues", merged),
            ("PersonalNote", .string(entry.personalNote)),
            ("EngineVersion", .string(entry.engineVersion)),
            ("CompressionLevel", .int(entry.compressionLevel)),
            ("Evaluation", .string(entry.evaluation)),
            ("AttemptFailed", .bool(entry.attemptFailed)),
            ("CampaignResponse", .bool(entry.campaignResponse)),
            ("CampaignTarget", .bool(entry.campaignTarget)),
            ("EditedByHand", .bool(entry.editedByHand)),
            ("Note", .string(entry.note)),
            ("PDFSHA256", .string(entry.pdfSHA256)),
        ])
    }

    static func issue(_ issue: SegmentIssue) -> JSONValue {
        .object([
            ("LineNo", issue.lineNo.map(JSONValue.int) ?? .null),
            ("ContactNo", issue.contactNo.map(JSONValue.string) ?? .null),
            ("severity", .string(issue.severity.rawValue)),
            ("code", .string(issue.code)),
            ("message", .string(issue.message)),
        ])
    }
}
