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

/// An index of the contacts seen, by their keys (`DuplicateKeys`).
struct DuplicateIndex {
    /// The first contact seen with each key (by the key's hash).
    private var first: [UInt64: String] = [:]
    private var keys = DuplicateKeys()

    /// The contacts seen before that share a key with `contact` (itself excluded), with the reasons,
    /// in the order first found; then notes `contact`'s keys.
    mutating func check(_ contact: Contact) -> [(no: String, reasons: [DuplicateReason])] {
        var found: [(no: String, reasons: [DuplicateReason])] = []
        for key in keys.keys(of: contact) {
            if let other = first[key.hash] {
                guard other != contact.no else { continue }
                if let index = found.firstIndex(where: { $0.no == other }) {
                    if !found[index].reasons.contains(key.reason) { found[index].reasons.append(key.reason) }
                } else {
                    found.append((other, [key.reason]))
                }
            } else {
                first[key.hash] = contact.no
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
