/// What a line inherits from its segment's header, as domain.md says:
///
/// - `SalespersonCode`: the header's, else the contact's;
/// - `CorrespondenceType`: the header's when it ignores the contact's; else the contact's when set;
///   else the header's;
/// - `LanguageCode`: the contact's when the line's template has a document in that language (matched
///   as `LanguageMatch` does); else the header's;
/// - everything else: the header's (`Cost` from `UnitCost`, `Duration` from `UnitDuration`).
public struct LineInheritance {
    public let header: SegmentHeader
    /// The languages a template has documents for (`""` for a language-independent one).
    let documentLanguages: (String) throws -> [String]
    private var cache: [String: [String]] = [:]

    public init(header: SegmentHeader, documentLanguages: @escaping (String) throws -> [String]) {
        self.header = header
        self.documentLanguages = documentLanguages
    }

    /// The values a new line for `contact` takes.
    public mutating func values(for contact: Contact) throws -> LineValues {
        try values(for: contact, template: header.interactionTemplate)
    }

    /// Sets every field of `line` it does not override to the inherited value (the language
    /// resolved against the line's own template).
    public mutating func refresh(_ line: inout SegmentLine, contact: Contact, fields: [LineField] = LineField.allCases) throws {
        let template = line.overrides.contains(.interactionTemplate) ? line.values.interactionTemplate : header.interactionTemplate
        let inherited = try values(for: contact, template: template)
        for field in fields where !line.overrides.contains(field) {
            line.values.take(field, from: inherited)
        }
    }

    private mutating func values(for contact: Contact, template: String) throws -> LineValues {
        var values = LineValues()
        values.description = header.description
        values.subject = header.subject
        values.interactionTemplate = header.interactionTemplate
        values.salespersonCode = header.salespersonCode.isEmpty ? contact[.salespersonCode] : header.salespersonCode
        values.campaignNo = header.campaignNo
        values.date = header.date
        values.cost = header.unitCost
        values.duration = header.unitDuration
        if header.ignoreContactCorrespondenceType {
            values.correspondenceType = header.correspondenceType
        } else {
            values.correspondenceType = contact.correspondenceType ?? header.correspondenceType
        }
        values.languageCode = header.languageCode
        let contactLanguage = contact[.languageCode]
        if !template.isEmpty, !contactLanguage.isEmpty,
           LanguageMatch.best(for: contactLanguage, in: try languages(of: template)) != nil {
            values.languageCode = contactLanguage
        }
        return values
    }

    private mutating func languages(of template: String) throws -> [String] {
        let key = template.lowercased()
        if let known = cache[key] { return known }
        let found = try documentLanguages(template)
        cache[key] = found
        return found
    }
}
