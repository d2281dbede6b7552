/// Where an e-mail interaction's message is on its way to the contact.
///
/// `queued` → `sending` → `sent` | `deferred` | `failed`; `deferred` goes back to `sending` on a
/// later try. A `sending` whose process is gone reads as `unknown`: the message may or may not have
/// reached the server, so it is not sent again unless the user asks.
public enum DeliveryState: String, Sendable, CaseIterable {
    case queued, sending, sent, deferred, failed
    /// Only shown, never stored: `sending` left by a process that is gone.
    case unknown
}

/// What to attach to a message besides its text and HTML bodies.
public enum MailAttachmentKind: String, Sendable, CaseIterable {
    case none, docx, pdf
}

/// The delivery record of one e-mail interaction entry: its state, the server's last reply, and
/// what the message was made of (so it can be made again byte for byte).
public struct EmailDelivery: Sendable, Equatable {
    public var entryNo: Int
    public var state: DeliveryState
    /// The server's (or `sendmail`'s) last reply, or why the message was not sent.
    public var reply: String
    /// The queue id the server named in its reply, if any.
    public var queueID: String
    /// `2026-11-29T14:30:05` local time, when the server took the message.
    public var deliveredAt: String
    /// Without angle brackets.
    public var messageID: String
    /// How many times the message was handed to a server.
    public var attempts: Int
    /// The `From` header as given (`Name <address>`).
    public var sender: String
    public var recipientName: String
    public var recipientAddress: String
    /// The `Date` header.
    public var messageDate: String
    public var attachment: MailAttachmentKind
    /// The `List-Unsubscribe` URIs, one per line.
    public var listUnsubscribe: String
    /// The SHA-256 of the message as last handed to a server; empty before.
    public var messageSHA256: String
    /// The process that set `sending`.
    public var owner: ProcessIdentity?
    public var updatedAt: String

    public init(entryNo: Int, state: DeliveryState = .queued, reply: String = "", queueID: String = "", deliveredAt: String = "",
                messageID: String = "", attempts: Int = 0, sender: String = "", recipientName: String = "", recipientAddress: String = "",
                messageDate: String = "", attachment: MailAttachmentKind = .docx, listUnsubscribe: String = "", messageSHA256: String = "",
                owner: ProcessIdentity? = nil, updatedAt: String = "") {
        self.entryNo = entryNo
        self.state = state
        self.reply = reply
        self.queueID = queueID
        self.deliveredAt = deliveredAt
        self.messageID = messageID
        self.attempts = attempts
        self.sender = sender
        self.recipientName = recipientName
        self.recipientAddress = recipientAddress
        self.messageDate = messageDate
        self.attachment = attachment
        self.listUnsubscribe = listUnsubscribe
        self.messageSHA256 = messageSHA256
        self.owner = owner
        self.updatedAt = updatedAt
    }

    /// The state as `mail status` shows it: `sending` by a process that is gone is `unknown`.
    public var shownState: DeliveryState {
        guard state == .sending else { return state }
        if let owner, owner.isAlive { return .sending }
        return .unknown
    }
}
