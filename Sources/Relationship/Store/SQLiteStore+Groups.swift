extension SQLiteStore {
    public func mailingGroup(_ code: String) throws -> MailingGroup? {
        try statement("SELECT code, description FROM mailing_groups WHERE code = ?")
            .firstRow([.text(code)]) { MailingGroup(code: $0.text(0), description: $0.text(1)) }
    }

    /// Every mailing group with its number of contacts, in code order.
    public func mailingGroups() throws -> [(group: MailingGroup, contacts: Int)] {
        try statement("""
            SELECT g.code, g.description, (SELECT count(*) FROM contact_mailing_groups m WHERE m.group_code = g.code)
            FROM mailing_groups g ORDER BY g.code
            """).rows { (MailingGroup(code: $0.text(0), description: $0.text(1)), $0.integer(2)) }
    }

    public func insertMailingGroup(_ group: MailingGroup) throws {
        try statement("INSERT INTO mailing_groups (code, description) VALUES (?, ?)").run([.text(group.code), .text(group.description)])
    }

    /// Deletes a group and every contact's membership of it.
    public func deleteMailingGroup(_ code: String) throws {
        try statement("DELETE FROM contact_mailing_groups WHERE group_code = ?").run([.text(code)])
        try statement("DELETE FROM mailing_groups WHERE code = ?").run([.text(code)])
    }

    /// The codes of the groups a contact belongs to, in code order.
    public func mailingGroups(ofContact contactNo: String) throws -> [String] {
        try statement("SELECT group_code FROM contact_mailing_groups WHERE contact_no = ? ORDER BY group_code")
            .rows([.text(contactNo)]) { $0.text(0) }
    }

    /// Adds a contact to a group. - Returns: false when it belonged to it already.
    @discardableResult
    public func addToMailingGroup(contactNo: String, group: String) throws -> Bool {
        try statement("INSERT INTO contact_mailing_groups (contact_no, group_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .run([.text(contactNo), .text(group)])
        return database.changes > 0
    }

    /// Removes a contact from a group. - Returns: false when it did not belong to it.
    @discardableResult
    public func removeFromMailingGroup(contactNo: String, group: String) throws -> Bool {
        try statement("DELETE FROM contact_mailing_groups WHERE contact_no = ? AND group_code = ?").run([.text(contactNo), .text(group)])
        return database.changes > 0
    }

    /// The members of group `code` among the contacts numbered `first` through `last`.
    func mailingGroupMembers(_ code: String, contactsFrom first: String, through last: String) throws -> Set<String> {
        Set(try statement("""
            SELECT contact_no FROM contact_mailing_groups WHERE group_code = ?3 AND contact_no >= ?1 AND contact_no <= ?2
            """).rows([.text(first), .text(last), .text(code)]) { $0.text(0) })
    }
}
