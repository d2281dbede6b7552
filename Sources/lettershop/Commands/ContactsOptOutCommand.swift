import Relationship

/// `lettershop contacts opt-out NO --channel email|hard-copy|all [--reason T] [--date D]`.
enum ContactsOptOutCommand: Command {
    static let words = ["contacts", "opt-out"]
    static let abstract = """
        Record that a contact refuses letters (hard-copy), e-mail or both (all), with the date it asked and why. \
        Criteria skip it for that channel unless --ignore-exclusion, segment check reports its line as an error, \
        and no e-mail is sent to it. The history is kept: opting in again is a new record.
        """
    static let usage = "contacts opt-out NO --channel email|hard-copy|all [--reason TEXT] [--date DATE] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["channel", "reason", "date", StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        try OptOutChange.run(arguments, optedOut: true)
    }
}

/// `lettershop contacts opt-in NO --channel email|hard-copy|all [--reason T] [--date D]`.
enum ContactsOptInCommand: Command {
    static let words = ["contacts", "opt-in"]
    static let abstract = "Record that a contact accepts a channel again (the opt-out stays in its history)."
    static let usage = "contacts opt-in NO --channel email|hard-copy|all [--reason TEXT] [--date DATE] \(StoreAccess.usage)"
    static let spec = ContactsOptOutCommand.spec

    static func run(_ arguments: Arguments) throws {
        try OptOutChange.run(arguments, optedOut: false)
    }
}

/// What `contacts opt-out` and `opt-in` share.
enum OptOutChange {
    /// The channels `--channel` names: `all` is both.
    static func channelList(_ arguments: Arguments) throws -> [CorrespondenceType] {
        guard let text = try arguments.choice("channel", ["email", "hard-copy", "all"]) else {
            throw UsageError("missing --channel email|hard-copy|all")
        }
        return text == "all" ? [.email, .hardCopy] : [CorrespondenceType(rawValue: text)!]
    }

    static func run(_ arguments: Arguments, optedOut: Bool) throws {
        var problems = UsageProblems()
        let channels = try problems.read { try channelList(arguments) }
        let date = try problems.read { try arguments.date("date") }
        try problems.check()
        let no = arguments.positionals[0]
        let reason = arguments.value("reason") ?? ""
        let changes = try StoreAccess.with(arguments) { store in
            let register = OptOutRegister(store: store)
            return optedOut ? try register.optOut(no, channels: channels ?? [], reason: reason, date: date)
                            : try register.optIn(no, channels: channels ?? [], reason: reason, date: date)
        }
        for change in changes {
            let channel = change.channel.rawValue
            if let record = change.record {
                print("contact \(no) opted \(optedOut ? "out of" : "in to") \(channel) on \(record.date)")
            } else if let decided = change.unchangedBy {
                print("contact \(no) has opted \(optedOut ? "out of" : "in to") \(channel) already (since \(decided.date)); nothing recorded")
            } else {
                print("contact \(no) has not opted out of \(channel); nothing recorded")
            }
        }
    }
}
