/// Reading and deleting contacts, with the rules that protect them.
public struct ContactBook {
    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// The contacts matching `filter` (all of them without one), in `No` order.
    /// - Throws: `FilterError` for an expression that does not parse or names an unknown field.
    public func list(where filter: String?) throws -> (contacts: [Contact], customFields: [CustomField]) {
        try store.read {
            let fields = try store.customFields()
            let compiled = try filter.map { try ContactFilter($0, customFields: fields) }
            var contacts: [Contact] = []
            try store.forEachContactBatch(batch: StoreBatch.size) { batch in
                contacts += try compiled?.matching(batch, in: store) ?? batch
            }
            return (contacts, fields)
        }
    }

    /// One contact and the names of the custom fields.
    public func show(_ no: String) throws -> (contact: Contact, customFields: [CustomField]) {
        try store.read {
            guard let contact = try store.contact(no) else { throw RelationshipError.unknownContact(no) }
            return (contact, try store.customFields())
        }
    }

    /// Deletes a contact; refused while it is on an open segment or has interaction entries.
    public func delete(_ no: String) throws {
        try store.transaction {
            guard try store.contactExists(no) else { throw RelationshipError.unknownContact(no) }
            if let segment = try store.openSegments(holding: no).first {
                if try store.line(of: segment, contact: no) != nil {
                    throw RelationshipError.contactOnSegment(contact: no, segment: segment)
                }
                throw RelationshipError.problems([
                    "contact \(no) is in the undo history of open segment \(segment) (a step removed it, and undo would put it back); "
                        + "delete segment \(segment) first (segment delete \(segment)), or log it",
                ])
            }
            if try store.interactionCount(contact: no) > 0 { throw RelationshipError.contactHasInteractions(no) }
            try store.deleteContact(no)
        }
    }
}
