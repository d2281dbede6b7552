import Relationship

/// The JSON of the relationship records, keys as domain.md names the fields.
enum RelationshipJSON {
    static func contact(_ contact: Contact, customFields: [CustomField]) -> JSONValue {
        var pairs: [(String, JSONValue)] = ContactField.allCases.map { field in
            (field.rawValue, field.isBoolean ? .bool(contact[field] == "true") : .string(contact[field]))
        }
        pairs.append(("Custom", .object(customFields.map { ($0.name, .string(contact.custom[$0.key] ?? "")) })))
        return .object(pairs)
    }

    static func header(_ header: SegmentHeader, lines: Int? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("No", .string(header.no)),
            ("Description", .string(header.description)),
            ("InteractionTemplate", .string(header.interactionTemplate)),
            ("Subject", .string(header.subject)),
            ("CorrespondenceType", .string(header.correspondenceType?.rawValue ?? "")),
            ("IgnoreContactCorrespondenceType", .bool(header.ignoreContactCorrespondenceType)),
            ("LanguageCode", .string(header.languageCode)),
            ("SalespersonCode", .string(header.salespersonCode)),
            ("CampaignNo", .string(header.campaignNo)),
            ("Date", .string(header.date)),
            ("UnitCost", .double(header.unitCost)),
            ("UnitDuration", .double(header.unitDuration)),
            ("InformationFlow", .string(header.informationFlow.rawValue)),
            ("InitiatedBy", .string(header.initiatedBy.rawValue)),
            ("CampaignTarget", .bool(header.campaignTarget)),
        ]
        if let lines { pairs.append(("NoOfLines", .int(lines))) }
        return .object(pairs)
    }

    static func line(_ line: SegmentLine) -> JSONValue {
        let values = line.values
        return .object([
            ("LineNo", .int(line.lineNo)),
            ("ContactNo", .string(line.contactNo)),
            ("Description", .string(values.description)),
            ("Subject", .string(values.subject)),
            ("InteractionTemplate", .string(values.interactionTemplate)),
            ("SalespersonCode", .string(values.salespersonCode)),
            ("CampaignNo", .string(values.campaignNo)),
            ("Date", .string(values.date)),
            ("Cost", .double(values.cost)),
            ("Duration", .double(values.duration)),
            ("CorrespondenceType", .string(values.correspondenceType?.rawValue ?? "")),
            ("LanguageCode", .string(values.languageCode)),
            ("PersonalNote", .string(values.personalNote)),
            ("Overrides", .array(LineField.allCases.filter { line.overrides.contains($0) }.map { .string($0.rawValue) })),
        ])
    }

    static func step(_ step: SegmentStep) -> JSONValue {
        var pairs = definitionPairs(step.definition, number: step.stepNo)
        pairs.append(("Added", .int(step.added)))
        pairs.append(("Removed", .int(step.removed)))
        if !step.replayed.isEmpty {
            pairs.append(("Replayed", .array(step.replayed.enumerated().map { .object(definitionPairs($1, number: $0 + 1)) })))
        }
        return .object(pairs)
    }

    static func definition(_ definition: StepDefinition, number: Int) -> JSONValue {
        .object(definitionPairs(definition, number: number))
    }

    private static func definitionPairs(_ definition: StepDefinition, number: Int) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = [
            ("StepNo", .int(number)),
            ("Action", .string(definition.action.rawValue)),
            ("Expression", .string(definition.displayExpression)),
            ("Options", .array(definition.options.map { .string($0.rawValue) })),
        ]
        if !definition.contacts.isEmpty { pairs.append(("Contacts", .array(definition.contacts.map(JSONValue.string)))) }
        return pairs
    }

    static func template(_ template: InteractionTemplate) -> [(String, JSONValue)] {
        [
            ("Code", .string(template.code)),
            ("Description", .string(template.description)),
            ("InformationFlow", .string(template.informationFlow.rawValue)),
            ("InitiatedBy", .string(template.initiatedBy.rawValue)),
            ("UnitCost", .double(template.unitCost)),
            ("UnitDuration", .double(template.unitDuration)),
            ("CorrespondenceType", .string(template.correspondenceType.rawValue)),
            ("IgnoreContactCorrespondenceType", .bool(template.ignoreContactCorrespondenceType)),
            ("LanguageCode", .string(template.languageCode)),
        ]
    }

    static func document(_ document: TemplateDocument, fields: [String]?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("Language", .string(document.language)),
            ("SHA256", .string(document.sha256)),
            ("Version", .int(document.version)),
            ("AddedAt", .string(document.addedAt)),
        ]
        if let fields { pairs.append(("Fields", .array(fields.map(JSONValue.string)))) }
        return .object(pairs)
    }
}
