/// The keys of the contacts an import has written, in 8 bytes a key: a 32-bit fingerprint of the
/// key's hash beside the contact's row id. Different keys may share a fingerprint, so every row id
/// a lookup finds is confirmed by the caller (from the contact's values) before it counts.
struct ImportedKeys {
    private var slots: [UInt64]
    private var count = 0
    private var shift: UInt64

    init() {
        slots = Array(repeating: 0, count: 1 << 12)
        shift = 64 - 12
    }

    /// The first row id noted with `hash` that `confirmed` accepts.
    func first(_ hash: UInt64, where confirmed: (UInt32) throws -> Bool) rethrows -> UInt32? {
        let fingerprint = hash >> 32
        let mask = slots.count - 1
        var index = home(fingerprint)
        while slots[index] != 0 {
            let slot = slots[index]
            if slot >> 32 == fingerprint, try confirmed(UInt32(truncatingIfNeeded: slot)) {
                return UInt32(truncatingIfNeeded: slot)
            }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Notes that contact `rowID` (at least 1) has the key of `hash`.
    mutating func insert(_ hash: UInt64, rowID: UInt32) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        place((hash >> 32) << 32 | UInt64(rowID))
        count += 1
    }

    private func home(_ fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: (fingerprint &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func place(_ slot: UInt64) {
        let mask = slots.count - 1
        var index = home(slot >> 32)
        while slots[index] != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        shift -= 1
        for slot in old where slot != 0 { place(slot) }
    }
}

/// The line of the file where each contact of an import first came, to name a repeated `No`: by
/// row id for the contacts in the database (4 bytes each), by `No` for rows not written.
struct ImportedLines {
    private var lines: [UInt32] = []
    private var unwritten: [String: Int] = [:]

    /// The first line of the contact with row id `rowID`, or nil when the file has not had it yet.
    func line(ofRowID rowID: Int64) -> Int? {
        guard rowID >= 0, rowID < lines.count, lines[Int(rowID)] != 0 else { return nil }
        return Int(lines[Int(rowID)])
    }

    /// The first line of a row with this `No` that was not written, if any.
    func line(ofUnwritten no: String) -> Int? { unwritten[no] }

    mutating func note(rowID: Int64, line: Int) {
        let index = Int(rowID)
        if index >= lines.count { lines.append(contentsOf: repeatElement(0, count: max(index + 1 - lines.count, lines.count / 2))) }
        if lines[index] == 0 { lines[index] = UInt32(truncatingIfNeeded: line) }
    }

    mutating func note(unwritten no: String, line: Int) {
        if unwritten[no] == nil { unwritten[no] = line }
    }
}

/// Where a new contact's duplicate keys are in a row of the file: the columns of the fields the
/// keys read (an absent one is empty) and of the custom fields.
struct KeyColumns {
    private let name, firstName, surname, postCode, email, phone, mobile: Int?
    private let custom: [(column: Int, key: String)]

    init(columns: [ContactField?], custom kinds: [ContactImportColumn]) {
        name = columns.firstIndex(of: .name)
        firstName = columns.firstIndex(of: .firstName)
        surname = columns.firstIndex(of: .surname)
        postCode = columns.firstIndex(of: .postCode)
        email = columns.firstIndex(of: .email)
        phone = columns.firstIndex(of: .phone)
        mobile = columns.firstIndex(of: .mobile)
        custom = kinds.enumerated().compactMap { column, kind in
            if case let .custom(key) = kind, DuplicateKeys.vatKeys.contains(key) { return (column, key) }
            return nil
        }
    }

    /// The value of `field` in `values` (only the fields the keys read).
    func value(_ field: ContactField, _ values: [String]) -> String {
        let column: Int?
        switch field {
        case .name: column = name
        case .firstName: column = firstName
        case .surname: column = surname
        case .postCode: column = postCode
        case .email: column = email
        case .phone: column = phone
        case .mobile: column = mobile
        default: preconditionFailure("\(field) is not read by a duplicate key")
        }
        return column.map { values[$0] } ?? ""
    }

    /// The value of the custom field of loose key `key` in `values`, if the file has it.
    func custom(_ key: String, _ values: [String]) -> String? {
        custom.first { $0.key == key }.map { values[$0.column] }
    }
}
