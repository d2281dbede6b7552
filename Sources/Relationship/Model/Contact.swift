import DocxMerge

/// A company or a person, with its standard fields and custom fields.
public struct Contact: Sendable, Equatable {
    /// The standard fields' values, in `ContactField.allCases` order; booleans are `true`/`false`.
    public var fields: [String]
    /// Custom fields' values by their loose key (`FieldKey.normalized`); absent means empty.
    public var custom: [String: String]

    /// A contact with every field empty (booleans `false`, type `company`).
    public init(no: String) {
        fields = Array(repeating: "", count: ContactField.count)
        custom = [:]
        self[.no] = no
        self[.type] = ContactType.company.rawValue
        self[.excludeFromSegment] = "false"
        self[.privacyBlocked] = "false"
    }

    public init(fields: [String], custom: [String: String]) {
        precondition(fields.count == ContactField.count)
        self.fields = fields
        self.custom = custom
    }

    public subscript(field: ContactField) -> String {
        get { fields[field.index] }
        set { fields[field.index] = newValue }
    }

    public var no: String { self[.no] }
    public var type: ContactType { ContactType(rawValue: self[.type]) ?? .company }
    public var isExcluded: Bool { self[.excludeFromSegment] == "true" }
    public var isPrivacyBlocked: Bool { self[.privacyBlocked] == "true" }
    public var correspondenceType: CorrespondenceType? { CorrespondenceType(rawValue: self[.correspondenceType]) }

    /// A person's `CompanyNo`, or a company's own `No` (domain.md's `ContactCompanyNo`).
    public var companyKey: String {
        type == .person ? self[.companyNo] : no
    }

    /// The value of a custom field, by any loose spelling of its name.
    public func customValue(_ name: String) -> String {
        custom[FieldKey(name).normalized] ?? ""
    }
}

/// A custom field known to the store: the name as first imported, and its loose key.
public struct CustomField: Sendable, Equatable {
    public let name: String
    public var key: String { FieldKey(name).normalized }

    public init(name: String) { self.name = name }
}
