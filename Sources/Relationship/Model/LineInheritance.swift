/// What a line inherits from its segment's header, as domain.md says:
///
/// - `SalespersonCode`: the header's, else the contact's;
/// - `CorrespondenceType`: the header's when it ignores the contact's; else the contact's when set;
///   else the header's;
/// - `LanguageCode`: the contact's when the line's template has a document in that language (matched
///   as `LanguageMatch` does); else the header's;
/// - everything else: the header's (`Cost` from `UnitCost`, `Duration` from `UnitDuration`).
///
/// A line with its own template takes cost, duration, correspondence type and language from that
/// template, as if it were the header's (`templateFields`); a change of the header leaves them alone.
public struct LineInheritance {
    public let header: SegmentHeader
    /// The languages a template has documents for (`""` for a language-independent one).
    let documentLanguages: (String) throws -> [String]
    /// The template of a code, for lines with their own template.
    let template: (String) throws -> InteractionTemplate?
    private var cache: [String: [String]] = [:]

    /// The line fields a template decides (the header's through its template, or the line's own).
    public static let templateFields: [LineField] = [.cost, .duration, .correspondenceType, .languageCode]

    public init(header: SegmentHeader, documentLanguages: @escaping (String) throws -> [String],
                template: @escaping (String) throws -> InteractionTemplate?) {
        self.header = header
        self.documentLanguages = documentLanguages
        self.template = template
    }

    /// Inheritance reading templates and their current documents from `store`.
    public init(header: SegmentHeader, store: any RelationshipStore) {
        self.init(header: header, documentLanguages: { try store.documents(of: $0).current.map(\.language) },
                  template: { try store.template($0) })
    }

    /// The values a new line for `contact` takes.
    public mutating func values(for contact: Contact) throws -> LineValues {
        try values(for: contact, header: header)
    }

    /// Sets every field of `line` it does not override to the inherited value; a line with its own
    /// template takes `templateFields` from that template.
    public mutating func refresh(_ line: inout SegmentLine, contact: Contact, fields: [LineField] = LineField.allCases) throws {
        var source = header
        if line.overrides.contains(.interactionTemplate) {
            let code = line.values.interactionTemplate
            if !code.isEmpty, let template = try template(code) { source.adopt(template) } else { source.interactionTemplate = code }
        }
        let inherited = try values(for: contact, header: source)
        for field in fields where !line.overrides.contains(field) {
            line.values.take(field, from: inherited)
        }
    }

    /// The values under `header` (the segment's, or the segment's with a line's own template adopted).
    private mutating func values(for contact: Contact, header: SegmentHeader) throws -> LineValues {
        let template = header.interactionTemplate
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
