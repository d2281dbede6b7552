extension SQLiteStore {
    private static let deliveryColumns = """
        d.entry_no, d.state, d.reply, d.queue_id, d.delivered_at, d.message_id, d.attempts, d.sender, d.recipient_name,
        d.recipient_address, d.message_date, d.attachment, d.list_unsubscribe, d.message_sha256, d.owner_pid, d.owner_start,
        d.updated_at
        """

    private static func readDelivery(_ row: Statement) -> EmailDelivery {
        let pid = row.integer(14)
        return EmailDelivery(
            entryNo: row.integer(0), state: DeliveryState(rawValue: row.text(1)) ?? .queued, reply: row.text(2), queueID: row.text(3),
            deliveredAt: row.text(4), messageID: row.text(5), attempts: row.integer(6), sender: row.text(7), recipientName: row.text(8),
            recipientAddress: row.text(9), messageDate: row.text(10), attachment: MailAttachmentKind(rawValue: row.text(11)) ?? .docx,
            listUnsubscribe: row.text(12), messageSHA256: row.text(13),
            owner: pid == 0 ? nil : ProcessIdentity(pid: Int32(truncatingIfNeeded: pid), start: row.text(15)), updatedAt: row.text(16))
    }

    public func insertDelivery(_ delivery: EmailDelivery) throws {
        try statement("""
            INSERT INTO email_deliveries (entry_no, state, message_id, sender, recipient_name, recipient_address, message_date, attachment,
                list_unsubscribe, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.integer(delivery.entryNo), .text(delivery.state.rawValue), .text(delivery.messageID), .text(delivery.sender),
                      .text(delivery.recipientName), .text(delivery.recipientAddress), .text(delivery.messageDate),
                      .text(delivery.attachment.rawValue), .text(delivery.listUnsubscribe), .text(delivery.updatedAt)])
    }

    public func delivery(_ entryNo: Int) throws -> EmailDelivery? {
        try statement("SELECT \(Self.deliveryColumns) FROM email_deliveries d WHERE d.entry_no = ?")
            .firstRow([.integer(entryNo)], Self.readDelivery)
    }

    public func deliveriesWithContacts(ofLogged loggedNo: Int) throws -> [(delivery: EmailDelivery, contactNo: String, canceled: Bool)] {
        try statement("""
            SELECT \(Self.deliveryColumns), e.contact_no, e.canceled FROM email_deliveries d
            JOIN interaction_log_entries e ON e.entry_no = d.entry_no
            WHERE e.logged_segment_no = ? ORDER BY d.entry_no
            """).rows([.integer(loggedNo)]) { (Self.readDelivery($0), $0.text(17), $0.bool(18)) }
    }

    public func claimDelivery(_ claim: DeliveryClaim) throws -> Bool {
        let states = claim.from.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try statement("""
            UPDATE email_deliveries SET state = 'sending', attempts = attempts + 1, owner_pid = ?, owner_start = ?, updated_at = ?,
                sender = ?, recipient_name = ?, recipient_address = ?, message_id = ?, message_date = ?, attachment = ?,
                list_unsubscribe = ?, message_sha256 = ?
            WHERE entry_no = ? AND state IN (\(states))
              AND (SELECT canceled FROM interaction_log_entries e WHERE e.entry_no = email_deliveries.entry_no) = 0
            """).run([.integer(Int(claim.owner.pid)), .text(claim.owner.start), .text(claim.at), .text(claim.message.sender),
                      .text(claim.message.recipientName), .text(claim.message.recipientAddress), .text(claim.message.messageID),
                      .text(claim.message.messageDate), .text(claim.message.attachment.rawValue), .text(claim.message.listUnsubscribe),
                      .text(claim.message.messageSHA256), .integer(claim.entryNo)])
        return database.changes == 1
    }

    public func setDelivery(_ entryNo: Int, state: DeliveryState, reply: String, queueID: String?, deliveredAt: String?, at: String,
                            undoAttempt: Bool) throws {
        try statement("""
            UPDATE email_deliveries SET state = ?, reply = ?, queue_id = coalesce(?, queue_id), delivered_at = coalesce(?, delivered_at),
                updated_at = ?, attempts = attempts - ?, owner_pid = 0, owner_start = ''
            WHERE entry_no = ?
            """).run([.text(state.rawValue), .text(reply), queueID.map(SQLValue.text) ?? .null, deliveredAt.map(SQLValue.text) ?? .null,
                      .text(at), .integer(undoAttempt ? 1 : 0), .integer(entryNo)])
    }

    public func noteDeliveryReply(_ entryNo: Int, reply: String, at: String) throws {
        try statement("UPDATE email_deliveries SET reply = ?, updated_at = ? WHERE entry_no = ?")
            .run([.text(reply), .text(at), .integer(entryNo)])
    }
}

/// A `sending` mark: which entry, by which process, from which states, and the message's make-up.
public struct DeliveryClaim: Sendable {
    public var entryNo: Int
    /// The states the entry may be in to be claimed.
    public var from: [DeliveryState]
    public var owner: ProcessIdentity
    public var at: String
    /// The fields of the message about to be sent (the rest of the record is left alone).
    public var message: EmailDelivery

    public init(entryNo: Int, from: [DeliveryState], owner: ProcessIdentity, at: String, message: EmailDelivery) {
        self.entryNo = entryNo
        self.from = from
        self.owner = owner
        self.at = at
        self.message = message
    }
}
