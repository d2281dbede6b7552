/// The keys of the contacts an import has written, in 8 bytes a key: a 32-bit fingerprint of the
/// key's hash beside the contact's row id. Different keys may share a fingerprint, so every row id
/// a lookup finds is confirmed by the caller (from the contact's values) before it counts.
///
/// Open addressing with linear probing, filled to at most 85%; `reserve` sizes it once for the
/// keys a file is expected to have, so that a large import does not hold the old and the new table
/// while it grows.
struct ImportedKeys {
    private var slots: [UInt64]
    private var count = 0

    init() { slots = Array(repeating: 0, count: 1 << 12) }

    /// The first row id noted with `hash` that `confirmed` accepts.
    func first(_ hash: UInt64, where confirmed: (UInt32) throws -> Bool) rethrows -> UInt32? {
        let fingerprint = hash >> 32
        var index = home(fingerprint)
        while slots[index] != 0 {
            let slot = slots[index]
            if slot >> 32 == fingerprint, try confirmed(UInt32(truncatingIfNeeded: slot)) {
                return UInt32(truncatingIfNeeded: slot)
            }
            index += 1
            if index == slots.count { index = 0 }
        }
        return nil
    }

    /// Notes that contact `rowID` (at least 1) has the key of `hash`.
    mutating func insert(_ hash: UInt64, rowID: UInt32) {
        if (count + 1) * 20 > slots.count * 17 { resize(slots.count * 2) }
        place((hash >> 32) << 32 | UInt64(rowID))
        count += 1
    }

    /// Makes room for `keys` keys in all, at once.
    mutating func reserve(_ keys: Int) {
        let wanted = keys * 20 / 17 + 1
        if wanted > slots.count { resize(wanted) }
    }

    /// The slot a fingerprint starts at: the fingerprint mixed, scaled to the table.
    private func home(_ fingerprint: UInt64) -> Int {
        let mixed = (fingerprint &* 0x9E37_79B9_7F4A_7C15) >> 32
        return Int(truncatingIfNeeded: (mixed &* UInt64(slots.count)) >> 32)
    }

    private mutating func place(_ slot: UInt64) {
        var index = home(slot >> 32)
        while slots[index] != 0 {
            index += 1
            if index == slots.count { index = 0 }
        }
        slots[index] = slot
    }

    private mutating func resize(_ capacity: Int) {
        let old = slots
        slots = Array(repeating: 0, count: capacity)
        for slot in old where slot != 0 { place(slot) }
    }
}

/// The line of the file where each contact of an import first came, to name a repeated `No`: by
/// row id for the contacts in the database (4 bytes each), by `No` for rows not written.
struct ImportedLines {
    private var lines: [UInt32] = []
    private var unwritten: [String: Int] = [:]

    /// Makes room for row ids up to `rowID`, at once.
    mutating func reserve(upTo rowID: Int64) {
        let wanted = Int(rowID) + 1
        if wanted > lines.count { lines.append(contentsOf: repeatElement(0, count: wanted - lines.count)) }
    }

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

/// The `No`s an import has met (the stored contacts' and the file's), as a Bloom filter of about
/// 10 bits a `No` with 3 probes (some 2% false positives once full): a `No` it has not met is a new
/// contact, known without a query.
struct MetNos {
    private var bits: [UInt64]

    /// Room for `expected` `No`s at that rate (more only make false positives likelier).
    init(expected: Int) {
        bits = Array(repeating: 0, count: max(1 << 10, expected * 10 / 64 + 1))
    }

    /// False when `no` was certainly never inserted.
    func mayContain(_ no: String) -> Bool {
        let (first, step) = Self.hashes(no)
        for probe in 0..<3 {
            let bit = Int(truncatingIfNeeded: (first &+ UInt64(probe) &* step) % UInt64(bits.count * 64))
            if bits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    mutating func insert(_ no: String) {
        let (first, step) = Self.hashes(no)
        for probe in 0..<3 {
            let bit = Int(truncatingIfNeeded: (first &+ UInt64(probe) &* step) % UInt64(bits.count * 64))
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private static func hashes(_ no: String) -> (UInt64, UInt64) {
        let hash = UInt64(bitPattern: Int64(no.hashValue))
        return (hash, (hash >> 33 | hash << 31) | 1)
    }
}
