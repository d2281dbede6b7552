extension SQLiteStore {
    /// The contacts numbered `first` through `last` in `No` order that pass `test`.
    public func contactNos(passing test: ContactSetTest, contactsFrom first: String, through last: String) throws -> Set<String> {
        switch test {
        case let .optedOut(channel):
            return Set(try statement("""
                SELECT o.contact_no FROM contact_opt_outs o
                WHERE o.contact_no >= ?1 AND o.contact_no <= ?2 AND o.channel = ?3 AND o.opted_out = 1
                  AND o.entry_no = (SELECT max(i.entry_no) FROM contact_opt_outs i WHERE i.contact_no = o.contact_no AND i.channel = ?3)
                """).rows([.text(first), .text(last), .text(channel.rawValue)]) { $0.text(0) })
        case let .group(code):
            guard try mailingGroup(code) != nil else { throw RelationshipError.unknownMailingGroup(code) }
            return try mailingGroupMembers(code, contactsFrom: first, through: last)
        case let .campaign(no, relation):
            guard try campaign(no) != nil else { throw RelationshipError.unknownCampaign(no) }
            return try campaignContacts(no, relation, contactsFrom: first, through: last)
        }
    }
}
