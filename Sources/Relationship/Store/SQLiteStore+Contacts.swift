extension SQLiteStore {
    /// The column of each standard contact field, in `ContactField.allCases` order.
    static let contactColumns: [ContactField: String] = [
        .no: "no", .type: "type", .name: "name", .companyNo: "company_no", .companyName: "company_name",
        .firstName: "first_name", .surname: "surname", .jobTitle: "job_title", .salutation: "salutation",
        .address: "address", .address2: "address2", .postCode: "post_code", .city: "city", .county: "county",
        .countryCode: "country_code", .email: "email", .phone: "phone", .mobile: "mobile",
        .languageCode: "language_code", .salespersonCode: "salesperson_code",
        .correspondenceType: "correspondence_type", .excludeFromSegment: "exclude_from_segment",
        .privacyBlocked: "privacy_blocked",
    ]

    /// The columns of the standard fields, in `ContactField.allCases` order.
    static let contactColumnList = ContactField.allCases.map { contactColumns[$0]! }

    static let contactSelect = "SELECT " + contactColumnList.joined(separator: ", ") + " FROM contacts"

    /// Whether each standard field, in `ContactField.allCases` order, is a yes/no field.
    private static let booleanFields = ContactField.allCases.map(\.isBoolean)

    private static func readContactFields(_ row: Statement) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(booleanFields.count)
        for (index, isBoolean) in booleanFields.enumerated() {
            fields.append(isBoolean ? BooleanText.text(row.bool(Int32(index))) : row.text(Int32(index)))
        }
        return fields
    }

    private static func value(of field: ContactField, in contact: Contact) -> SQLValue {
        field.isBoolean ? .integer(contact[field] == "true" ? 1 : 0) : .text(contact[field])
    }

    public func customFields() throws -> [CustomField] {
        try statement("SELECT name FROM custom_fields ORDER BY position").rows { CustomField(name: $0.text(0)) }
    }

    public func addCustomField(_ field: CustomField) throws {
        try statement("""
            INSERT INTO custom_fields (key, name, position)
            VALUES (?1, ?2, (SELECT count(*) FROM custom_fields)) ON CONFLICT (key) DO NOTHING
            """).run([.text(field.key), .text(field.name)])
    }

    public func contact(_ no: String) throws -> Contact? {
        try contacts(numbered: [no])[no]
    }

    public func contacts(numbered numbers: [String]) throws -> [String: Contact] {
        guard !numbers.isEmpty else { return [:] }
        let list = Self.jsonArray(numbers)
        var found: [String: Contact] = [:]
        try statement(Self.contactSelect + " WHERE no IN (SELECT value FROM json_each(?))").forEachRow([.text(list)]) { row in
            let contact = Contact(fields: Self.readContactFields(row), custom: [:])
            found[contact.no] = contact
        }
        try statement("SELECT contact_no, field_key, value FROM contact_custom_values WHERE contact_no IN (SELECT value FROM json_each(?))")
            .forEachRow([.text(list)]) { row in found[row.text(0)]?.custom[row.text(1)] = row.text(2) }
        return found
    }

    /// `texts` as a JSON array of strings, for `json_each`.
    static func jsonArray(_ texts: [String]) -> String {
        var out = "["
        for (index, text) in texts.enumerated() {
            if index > 0 { out += "," }
            FlatJSON.quote(text, into: &out)
        }
        return out + "]"
    }

    public func contactExists(_ no: String) throws -> Bool {
        try statement("SELECT 1 FROM contacts WHERE no = ?").firstRow([.text(no)]) { _ in true } ?? false
    }

    /// Calls `body` with every contact in `No` order, custom fields included, `batch` contacts at a
    /// time: one query per batch, so `body` may read and change the store, and no more than one batch
    /// is held however many contacts there are.
    public func forEachContactBatch(batch: Int, _ body: ([Contact]) throws -> Void) throws {
        try forEachContactBatch(onSegment: nil, batch: batch, body)
    }

    /// Calls `body` with the contacts on a segment's lines, as `forEachContactBatch(batch:_:)` does
    /// with all of them. `body` may remove lines of the contacts it is given.
    public func forEachContactBatch(onSegment segment: String, batch: Int, _ body: ([Contact]) throws -> Void) throws {
        try forEachContactBatch(onSegment: Optional(segment), batch: batch, body)
    }

    /// Reads ahead on a second connection, choosing there (`ContactReadAhead`), when it can.
    public func forEachContactBatch(narrowedBy narrowings: [FieldNarrowing], batch: Int,
                                    choosing choose: @escaping @Sendable ([Contact], any RelationshipStore) throws -> [Contact],
                                    _ body: ([Contact]) throws -> Void) throws {
        let size = max(1, batch)
        if let path, try canReadBeside() {
            try ContactReadAhead.run(path: path, batch: size, read: { store, after in
                try store.contacts(after: after, count: size, onSegment: nil, narrowedBy: narrowings)
            }, choose: choose, body)
        } else {
            try forEachContactBatch(onSegment: nil, narrowedBy: narrowings, batch: size) { contacts in
                let chosen = try choose(contacts, self)
                if !chosen.isEmpty { try body(chosen) }
            }
        }
    }

    private func forEachContactBatch(onSegment segment: String?, narrowedBy narrowings: [FieldNarrowing] = [], batch: Int,
                                     _ body: ([Contact]) throws -> Void) throws {
        let size = max(1, batch)
        var after: String?
        while true {
            let contacts = try contacts(after: after, count: size, onSegment: segment, narrowedBy: narrowings)
            guard let last = contacts.last else { return }
            try body(contacts)
            if contacts.count < size { return }
            after = last.no
        }
    }

    /// Up to `count` contacts in `No` order (of a segment's lines, when given), from the first after
    /// `after` (from the first of all when nil), with their custom fields.
    ///
    /// A narrowing keeps the contacts whose field is the literal but for ASCII case (`NOCASE` folds
    /// only ASCII) and those whose field holds a character that folds to part of it, for the filter
    /// to decide.
    func contacts(after: String?, count: Int, onSegment segment: String?, narrowedBy narrowings: [FieldNarrowing] = []) throws -> [Contact] {
        let from = after == nil ? ">=" : ">"
        let read = { (row: Statement) in Contact(fields: Self.readContactFields(row), custom: [:]) }
        var contacts = if let segment {
            try statement("""
                SELECT \(Self.contactColumnList.map { "c." + $0 }.joined(separator: ", "))
                FROM segment_lines l CROSS JOIN contacts c ON c.no = l.contact_no
                WHERE l.segment_no = ?3 AND l.contact_no \(from) ?1 ORDER BY l.contact_no LIMIT ?2
                """).rows([.text(after ?? ""), .integer(count), .text(segment)], read)
        } else {
            try statement(Self.contactSelect + " WHERE no \(from) ?1" + Self.condition(narrowings, firstParameter: 3)
                          + " ORDER BY no LIMIT ?2")
                .rows([.text(after ?? ""), .integer(count)] + narrowings.flatMap { [$0.folded] + $0.foldingCharacters }.map { .text($0) },
                      read)
        }
        guard let first = contacts.first, let last = contacts.last else { return [] }
        // Their custom values in the same (binary) order, merged.
        let customs = if let segment {
            try statement("""
                SELECT v.contact_no, v.field_key, v.value
                FROM segment_lines l CROSS JOIN contact_custom_values v ON v.contact_no = l.contact_no
                WHERE l.segment_no = ?3 AND l.contact_no >= ?1 AND l.contact_no <= ?2 ORDER BY l.contact_no
                """).bind([.text(first.no), .text(last.no), .text(segment)])
        } else {
            try statement("""
                SELECT contact_no, field_key, value FROM contact_custom_values WHERE contact_no >= ? AND contact_no <= ?
                ORDER BY contact_no
                """).bind([.text(first.no), .text(last.no)])
        }
        var index = 0
        while try customs.step() {
            let owner = customs.text(0)
            while index < contacts.count, contacts[index].no.utf8.lexicographicallyPrecedes(owner.utf8) { index += 1 }
            if index < contacts.count, contacts[index].no.utf8.elementsEqual(owner.utf8) {
                contacts[index].custom[customs.text(1)] = customs.text(2)
            }
        }
        return contacts
    }

    /// The SQL that keeps the contacts `narrowings` may match (` AND …` each), its parameters
    /// numbered from `firstParameter`: per narrowing the folded literal, then its folding characters.
    private static func condition(_ narrowings: [FieldNarrowing], firstParameter: Int) -> String {
        var parameter = firstParameter
        var sql = ""
        for narrowing in narrowings {
            let column = contactColumns[narrowing.field]!
            sql += " AND (\(column) = ?\(parameter) COLLATE NOCASE"
            for _ in narrowing.foldingCharacters {
                parameter += 1
                sql += " OR instr(\(column), ?\(parameter)) > 0"
            }
            sql += ")"
            parameter += 1
        }
        return sql
    }

    /// Inserts `contact`, or updates the given standard and custom fields of the stored one.
    /// - Returns: true when the contact was added.
    @discardableResult
    public func upsertContact(_ contact: Contact, fields: [ContactField], customKeys: [String]) throws -> Bool {
        let exists = try contactExists(contact.no)
        if exists {
            let updated = fields.filter { $0 != .no }
            if !updated.isEmpty {
                let assignments = updated.map { Self.contactColumns[$0]! + " = ?" }.joined(separator: ", ")
                try statement("UPDATE contacts SET \(assignments) WHERE no = ?")
                    .run(updated.map { Self.value(of: $0, in: contact) } + [.text(contact.no)])
            }
        } else {
            let columns = ContactField.allCases.map { Self.contactColumns[$0]! }
            try statement("INSERT INTO contacts (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
                .run(ContactField.allCases.map { Self.value(of: $0, in: contact) })
        }
        for key in customKeys {
            let value = contact.custom[key] ?? ""
            if value.isEmpty {
                try statement("DELETE FROM contact_custom_values WHERE contact_no = ? AND field_key = ?")
                    .run([.text(contact.no), .text(key)])
            } else {
                try statement("""
                    INSERT INTO contact_custom_values (contact_no, field_key, value) VALUES (?1, ?2, ?3)
                    ON CONFLICT (contact_no, field_key) DO UPDATE SET value = excluded.value
                    """).run([.text(contact.no), .text(key), .text(value)])
            }
        }
        return !exists
    }

    public func deleteContact(_ no: String) throws {
        try statement("DELETE FROM contacts WHERE no = ?").run([.text(no)])
    }

    /// The open segments holding `contactNo` on a line or in a step's undo record.
    public func openSegments(holding contactNo: String) throws -> [String] {
        try statement("""
            SELECT segment_no FROM segment_lines WHERE contact_no = ?1
            UNION SELECT segment_no FROM segment_removed_lines WHERE contact_no = ?1 ORDER BY 1
            """).rows([.text(contactNo)]) { $0.text(0) }
    }
}
