import Relationship

/// `lettershop mail status LOGGED-NO [--json]`.
enum MailStatusCommand: Command {
    static let words = ["mail", "status"]
    static let abstract = """
        Show each e-mail interaction of a logged segment with its DeliveryState (queued, sending, sent, deferred, failed, \
        or unknown for a 'sending' left by a run that stopped), the server's reply, when it was delivered, its Message-ID \
        and attempts. Exit 1 when any message failed or is unknown.
        """
    static let usage = "mail status LOGGED-NO [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["LOGGED-NO"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let number = try LoggedNumber.parse(arguments.positionals[0], what: "LOGGED-NO")
        let rows = try StoreAccess.with(arguments) { try InteractionLog(store: $0).deliveries(number) }
        if arguments.flag("json") {
            print(JSONValue.array(rows.map { delivery, contactNo, canceled in
                .object([
                    ("EntryNo", .int(delivery.entryNo)),
                    ("ContactNo", .string(contactNo)),
                    ("Email", .string(delivery.recipientAddress)),
                    ("Canceled", .bool(canceled)),
                    ("DeliveryState", .string(delivery.shownState.rawValue)),
                    ("DeliveryReply", .string(delivery.reply)),
                    ("QueueID", .string(delivery.queueID)),
                    ("DeliveredAt", .string(delivery.deliveredAt)),
                    ("MessageID", .string(delivery.messageID)),
                    ("Attempts", .int(delivery.attempts)),
                ])
            }).serialized())
        } else {
            var counts: [DeliveryState: Int] = [:]
            for (delivery, contactNo, canceled) in rows {
                counts[delivery.shownState, default: 0] += 1
                print([String(delivery.entryNo), contactNo, delivery.recipientAddress, delivery.shownState.rawValue + (canceled ? " (canceled)" : ""),
                       "attempts \(delivery.attempts)", delivery.deliveredAt, delivery.reply].filter { !$0.isEmpty }.joined(separator: "\t"))
            }
            let summary = DeliveryState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
            print("logged segment \(number): \(Terminal.count(rows.count, "e-mail"))" + (summary.isEmpty ? "" : ": " + summary.joined(separator: ", ")))
        }
        if rows.contains(where: { $0.delivery.shownState == .failed || $0.delivery.shownState == .unknown }) {
            throw CommandFailure([])
        }
    }
}
