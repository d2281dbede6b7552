/// What became of one message handed to a transport.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The server took the message: its reply to the end of the data (`250 2.0.0 Ok: queued as 4F2A1`).
    case accepted(reply: String)
    /// The server refused it at some step with a 4xx (`temporary`) or 5xx reply; nothing was delivered.
    case refused(code: Int, reply: String, temporary: Bool)
    /// The connection failed before the whole message was sent; nothing was delivered, try again.
    case interrupted(reason: String)
    /// The whole message was sent but no reply came: it may or may not have been delivered.
    case unknown(reason: String)
    /// The server could not be used at all (no connection, TLS or login refused) before any message
    /// was started: nothing was delivered and no other message will fare better.
    case unavailable(reason: String)
}

/// Hands messages, already formatted, to a mail system; knows nothing of who they are for beyond
/// the envelope. One transport is used by one thread.
public protocol MessageTransport: AnyObject {
    /// Sends `message` (RFC 5322 bytes, CRLF line ends) from envelope sender `from` to `recipients`
    /// (plain `local@domain` addresses, domains in ASCII).
    func send(from: String, recipients: [String], message: [UInt8]) -> DeliveryOutcome
}

extension DeliveryOutcome {
    /// The queue id a server gave in its reply (`queued as 4F2A1`, `id=…`, or the last word of
    /// `250 Ok <id>`), or empty.
    public static func queueID(inReply reply: String) -> String {
        let words = reply.split(whereSeparator: { $0 == " " || $0 == "\r" || $0 == "\n" }).map(String.init)
        if let index = words.firstIndex(where: { $0.lowercased() == "as" }), index > 0, words[index - 1].lowercased() == "queued",
           index + 1 < words.count {
            return words[index + 1]
        }
        if let word = words.first(where: { $0.lowercased().hasPrefix("id=") }) { return String(word.dropFirst(3)) }
        return ""
    }
}
