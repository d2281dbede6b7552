import DocxMerge

/// The standard fields of a contact, named as domain.md names them.
public enum ContactField: String, CaseIterable, Sendable {
    case no = "No"
    case type = "Type"
    case name = "Name"
    case companyNo = "CompanyNo"
    case companyName = "CompanyName"
    case firstName = "FirstName"
    case surname = "Surname"
    case jobTitle = "JobTitle"
    case salutation = "Salutation"
    case address = "Address"
    case address2 = "Address2"
    case postCode = "PostCode"
    case city = "City"
    case county = "County"
    case countryCode = "CountryCode"
    case email = "Email"
    case phone = "Phone"
    case mobile = "Mobile"
    case languageCode = "LanguageCode"
    case salespersonCode = "SalespersonCode"
    case correspondenceType = "CorrespondenceType"
    case excludeFromSegment = "ExcludeFromSegment"
    case privacyBlocked = "PrivacyBlocked"

    /// The position of the field in `Contact.fields` (its position in `allCases`), without
    /// hashing: a `String` enum hashes its raw value.
    public var index: Int {
        switch self {
        case .no: 0
        case .type: 1
        case .name: 2
        case .companyNo: 3
        case .companyName: 4
        case .firstName: 5
        case .surname: 6
        case .jobTitle: 7
        case .salutation: 8
        case .address: 9
        case .address2: 10
        case .postCode: 11
        case .city: 12
        case .county: 13
        case .countryCode: 14
        case .email: 15
        case .phone: 16
        case .mobile: 17
        case .languageCode: 18
        case .salespersonCode: 19
        case .correspondenceType: 20
        case .excludeFromSegment: 21
        case .privacyBlocked: 22
        }
    }

    /// How many standard fields there are (`allCases` builds a new array each time).
    public static let count = allCases.count

    /// True for the yes/no fields, whose values are `true` or `false`.
    public var isBoolean: Bool { self == .excludeFromSegment || self == .privacyBlocked }

    /// The field a column or field name means, matched loosely (case, spaces and underscores
    /// ignored); `ContactNo` is read as `No`.
    public static func named(_ name: String) -> ContactField? {
        byKey[FieldKey(name)]
    }

    private static let byKey: [FieldKey: ContactField] = {
        var map: [FieldKey: ContactField] = [:]
        for field in allCases { map[FieldKey(field.rawValue)] = field }
        map[FieldKey("ContactNo")] = .no
        return map
    }()
}

/// `company` or `person`.
public enum ContactType: String, Sendable {
    case company
    case person
}

/// How a letter goes out: `hard-copy` or `email`.
public enum CorrespondenceType: String, Sendable, CaseIterable {
    case hardCopy = "hard-copy"
    case email
}
