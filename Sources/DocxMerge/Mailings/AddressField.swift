/// One of the address fields Word's Mailings tab knows (Address Block, Greeting Line, Match Fields),
/// in Word's fixed order: the Nth `w:fieldMapData` of `w:odso` in `settings.xml` maps the Nth field.
public enum AddressField: Int, CaseIterable, Sendable {
    case uniqueIdentifier, courtesyTitle, firstName, middleName, lastName, suffix, nickname, jobTitle, company
    case address1, address2, city, state, postalCode, countryOrRegion, businessPhone, businessFax, homePhone
    case homeFax, emailAddress, webPage, spouseCourtesyTitle, spouseFirstName, spouseMiddleName, spouseLastName
    case spouseNickname, phoneticFirstName, phoneticLastName, address3, department

    /// The name Word gives the field (and a data source column named so is matched without a mapping).
    public var wordName: String {
        switch self {
        case .uniqueIdentifier: return "Unique Identifier"
        case .courtesyTitle: return "Courtesy Title"
        case .firstName: return "First Name"
        case .middleName: return "Middle Name"
        case .lastName: return "Last Name"
        case .suffix: return "Suffix"
        case .nickname: return "Nickname"
        case .jobTitle: return "Job Title"
        case .company: return "Company"
        case .address1: return "Address 1"
        case .address2: return "Address 2"
        case .city: return "City"
        case .state: return "State"
        case .postalCode: return "Postal Code"
        case .countryOrRegion: return "Country or Region"
        case .businessPhone: return "Business Phone"
        case .businessFax: return "Business Fax"
        case .homePhone: return "Home Phone"
        case .homeFax: return "Home Fax"
        case .emailAddress: return "E-mail Address"
        case .webPage: return "Web Page"
        case .spouseCourtesyTitle: return "Spouse/Partner Courtesy Title"
        case .spouseFirstName: return "Spouse/Partner First Name"
        case .spouseMiddleName: return "Spouse/Partner Middle Name"
        case .spouseLastName: return "Spouse/Partner Last Name"
        case .spouseNickname: return "Spouse/Partner Nickname"
        case .phoneticFirstName: return "Phonetic Guide for First Name"
        case .phoneticLastName: return "Phonetic Guide for Last Name"
        case .address3: return "Address 3"
        case .department: return "Department"
        }
    }

    /// Other column names read for the field when the template maps it to nothing and no column has
    /// Word's name: the common spellings, and Lettershop's own contact fields.
    public var aliases: [String] {
        switch self {
        case .courtesyTitle: return ["Title", "Salutation"]
        case .lastName: return ["Surname"]
        case .company: return ["CompanyName"]
        case .address1: return ["Address", "Address1", "Street"]
        case .postalCode: return ["PostCode", "Zip", "ZipCode"]
        case .state: return ["County", "Region"]
        case .countryOrRegion: return ["Country", "CountryCode"]
        case .emailAddress: return ["Email"]
        default: return []
        }
    }

    /// The field a format token (`_FIRST0_`, `_CITY_`, …) stands for; nil for `_BEFORE_`, `_AFTER_`
    /// and unknown tokens.
    public init?(token: String) {
        switch token.uppercased() {
        case "_TITLE0_": self = .courtesyTitle
        case "_NICK0_": self = .nickname
        case "_FIRST0_": self = .firstName
        case "_MIDDLE0_": self = .middleName
        case "_LAST0_": self = .lastName
        case "_SUFFIX0_": self = .suffix
        case "_TITLE1_": self = .spouseCourtesyTitle
        case "_NICK1_": self = .spouseNickname
        case "_FIRST1_": self = .spouseFirstName
        case "_MIDDLE1_": self = .spouseMiddleName
        case "_LAST1_": self = .spouseLastName
        case "_COMPANY_": self = .company
        case "_STREET1_": self = .address1
        case "_STREET2_": self = .address2
        case "_CITY_": self = .city
        case "_STATE_": self = .state
        case "_POSTAL_": self = .postalCode
        case "_COUNTRY_": self = .countryOrRegion
        default: return nil
        }
    }

    /// Whether the field is part of a person's name (a greeting needs one of these; a title alone is not a name).
    var isName: Bool {
        switch self {
        case .firstName, .middleName, .lastName, .nickname, .spouseFirstName, .spouseMiddleName, .spouseLastName, .spouseNickname:
            return true
        default:
            return false
        }
    }
}

/// The columns a template's Mailings fields read: the template's own mapping (`w:fieldMapData` in
/// `word/settings.xml`), else Word's names, else the aliases. Read once, when the template is compiled.
public struct AddressFieldMap: Sendable, Equatable {
    /// The column the template maps each field to, by `AddressField.rawValue`.
    public private(set) var mapped: [Int: String] = [:]

    public init(mapped: [Int: String] = [:]) { self.mapped = mapped }

    /// The column names to try for `field`, best first.
    public func candidates(for field: AddressField) -> [String] {
        var names: [String] = []
        if let column = mapped[field.rawValue] { names.append(column) }
        names.append(field.wordName)
        names += field.aliases
        var seen = Set<FieldKey>()
        return names.filter { seen.insert(FieldKey($0)).inserted }
    }

    /// Reads the mapping from `w:odso` of a parsed `settings.xml`: the Nth `w:fieldMapData` maps Word's Nth
    /// address field when its `w:type` is `dbColumn` and it has a `w:name` (`w:mappedName` is the saving
    /// Word's display language and is not read).
    static func read(settingsRoot root: XElement) -> AddressFieldMap {
        var map = AddressFieldMap()
        guard let odso = root.wordChild("mailMerge")?.wordChild("odso") else { return map }
        var position = 0
        for entry in odso.childElements where entry.isWord("fieldMapData") {
            defer { position += 1 }
            guard let field = AddressField(rawValue: position),
                  entry.wordChild("type")?.wordAttribute("val") == "dbColumn",
                  let name = entry.wordChild("name")?.wordAttribute("val"),
                  !name.trimmingWhitespace().isEmpty else { continue }
            // A `w:column` gives the position in the data source; Word always writes the name beside it.
            map.mapped[field.rawValue] = name
        }
        return map
    }
}
