import DocxMerge

/// Why two contacts may be one, as Business Central's duplicate search compares them.
public enum DuplicateReason: String, Sendable, CaseIterable {
    /// The same name (case, spaces and punctuation ignored) and the same post code (spaces ignored).
    case nameAndPostCode = "name and post code"
    case email = "e-mail"
    /// The same phone number (digits only, at least six), `Phone` or `Mobile`.
    case phone
    /// The same VAT number (custom field `VATRegistrationNo`, `VATNo` or `VATNumber`; letters and digits only).
    case vatNumber = "VAT number"
}

/// A contact that may be a duplicate of another.
public struct PossibleDuplicate: Sendable, Equatable {
    public let contactNo: String
    /// The contact it looks like (found earlier: in the database, or earlier in the file).
    public let duplicateOf: String
    public let reasons: [DuplicateReason]
    /// The line of the imported file, for an import.
    public let line: Int?

    public var message: String {
        "\(contactNo) may be a duplicate of \(duplicateOf) (same \(reasons.map(\.rawValue).joined(separator: ", ")))"
    }
}

/// The keys contacts are compared by, normalised, and an index of them.
struct DuplicateIndex {
    /// The first contact seen with each key (a hash of the reason and the normalised value).
    private var first: [Int: String] = [:]

    /// The custom fields read as the VAT number, by loose key.
    static let vatKeys = ["VATRegistrationNo", "VATNo", "VATNumber"].map { FieldKey($0).normalized }

    /// The keys of a contact: each reason with its normalised value, for the values it has.
    static func keys(of contact: Contact) -> [(DuplicateReason, String)] {
        var keys: [(DuplicateReason, String)] = []
        let name = contact[.name].isEmpty ? contact[.firstName] + " " + contact[.surname] : contact[.name]
        let foldedName = TextFolding.fold(name).filter { $0.isLetter || $0.isNumber }
        let postCode = contact[.postCode].filter { !$0.isWhitespace }.uppercased()
        if !foldedName.isEmpty, !postCode.isEmpty { keys.append((.nameAndPostCode, foldedName + "\u{1F}" + postCode)) }
        let email = contact[.email].trimmingWhitespace().lowercased()
        if !email.isEmpty { keys.append((.email, email)) }
        for phone in [contact[.phone], contact[.mobile]] {
            let digits = phone.filter { $0.isASCII && $0.isNumber }
            if digits.count >= 6 { keys.append((.phone, digits)) }
        }
        for key in vatKeys {
            let vat = (contact.custom[key] ?? "").uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            if !vat.isEmpty { keys.append((.vatNumber, vat)); break }
        }
        return keys
    }

    private static func hash(_ reason: DuplicateReason, _ value: String) -> Int {
        var hasher = Hasher()
        hasher.combine(reason.rawValue)
        hasher.combine(value)
        return hasher.finalize()
    }

    /// The contacts seen before that share a key with `contact` (itself excluded), with the reasons,
    /// in the order first found; then notes `contact`'s keys.
    mutating func check(_ contact: Contact) -> [(no: String, reasons: [DuplicateReason])] {
        var found: [(no: String, reasons: [DuplicateReason])] = []
        for (reason, value) in Self.keys(of: contact) {
            let key = Self.hash(reason, value)
            if let other = first[key] {
                guard other != contact.no else { continue }
                if let index = found.firstIndex(where: { $0.no == other }) {
                    if !found[index].reasons.contains(reason) { found[index].reasons.append(reason) }
                } else {
                    found.append((other, [reason]))
                }
            } else {
                first[key] = contact.no
            }
        }
        return found
    }
}

/// `contacts duplicates`: every contact that shares a name and post code, an e-mail, a phone or a VAT
/// number with a contact before it in `No` order.
public struct DuplicateSearch {
    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    public func run() throws -> [PossibleDuplicate] {
        try store.read {
            var index = DuplicateIndex()
            var duplicates: [PossibleDuplicate] = []
            try store.forEachContactBatch(batch: StoreBatch.size) { batch in
                for contact in batch {
                    for (other, reasons) in index.check(contact) {
                        duplicates.append(PossibleDuplicate(contactNo: contact.no, duplicateOf: other, reasons: reasons, line: nil))
                    }
                }
            }
            return duplicates
        }
    }
}
