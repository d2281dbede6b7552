/// Mailing groups and the contacts that belong to them.
public struct MailingGroups {
    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Creates a group.
    /// - Throws: `RelationshipError` when the code is empty, too long, holds spaces or commas, or is taken.
    public func create(_ group: MailingGroup) throws {
        try Self.checkCode(group.code)
        try store.transaction {
            if let existing = try store.mailingGroup(group.code) {
                throw RelationshipError.problems(["mailing group \(existing.code) exists already"])
            }
            try store.insertMailingGroup(group)
        }
    }

    /// Every group with its number of contacts.
    public func list() throws -> [(group: MailingGroup, contacts: Int)] {
        try store.read { try store.mailingGroups() }
    }

    /// Deletes a group. One that contacts belong to is refused unless `force`, which removes them from it.
    /// - Returns: the group's code as stored, and how many contacts were removed from it.
    public func delete(_ code: String, force: Bool) throws -> (code: String, removed: Int) {
        try store.transaction {
            guard let group = try store.mailingGroups().first(where: { $0.group.code.lowercased() == code.lowercased() }) else {
                throw RelationshipError.unknownMailingGroup(code)
            }
            if group.contacts > 0, !force {
                throw RelationshipError.problems([
                    "mailing group \(group.group.code) has \(group.contacts == 1 ? "1 contact" : "\(group.contacts) contacts"); "
                        + "use --force to delete it and remove them from it",
                ])
            }
            try store.deleteMailingGroup(group.group.code)
            return (group.group.code, group.contacts)
        }
    }

    /// Adds a contact to a group. - Returns: false when it belonged to it already.
    public func add(_ contactNo: String, to code: String) throws -> Bool {
        try store.transaction {
            let group = try existing(code)
            guard try store.contactExists(contactNo) else { throw RelationshipError.unknownContact(contactNo) }
            return try store.addToMailingGroup(contactNo: contactNo, group: group.code)
        }
    }

    /// Removes a contact from a group. - Returns: false when it did not belong to it.
    public func remove(_ contactNo: String, from code: String) throws -> Bool {
        try store.transaction {
            let group = try existing(code)
            guard try store.contactExists(contactNo) else { throw RelationshipError.unknownContact(contactNo) }
            return try store.removeFromMailingGroup(contactNo: contactNo, group: group.code)
        }
    }

    /// The codes of the groups of a contact.
    public func groups(of contactNo: String) throws -> [String] {
        try store.read { try store.mailingGroups(ofContact: contactNo) }
    }

    private func existing(_ code: String) throws -> MailingGroup {
        guard let group = try store.mailingGroup(code) else { throw RelationshipError.unknownMailingGroup(code) }
        return group
    }

    /// A group code: 1 to 20 characters, none of them a space, a comma or a semicolon (an imported
    /// `MailingGroups` cell lists codes separated by those).
    static func checkCode(_ code: String) throws {
        guard !code.isEmpty, code.count <= MailingGroup.maximumCodeLength,
              !code.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) else {
            throw RelationshipError.invalidValue(field: "Code", value: code,
                                                 expected: "1 to \(MailingGroup.maximumCodeLength) characters without spaces, commas or semicolons")
        }
    }
}
