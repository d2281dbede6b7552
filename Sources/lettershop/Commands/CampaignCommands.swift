import Relationship

/// The options `campaign create` and `campaign set` share.
enum CampaignOptions {
    static let options: Set<String> = ["description", "start", "end", "status", "salesperson", StoreAccess.option]
    /// The options after `--description`, which `campaign create` requires and `campaign set` does not.
    static let usageAfterDescription = "[--start DATE] [--end DATE] [--status CODE] [--salesperson CODE] \(StoreAccess.usage)"

    static func changes(_ arguments: Arguments) throws -> CampaignBook.Changes {
        var problems = UsageProblems()
        var changes = CampaignBook.Changes()
        changes.description = arguments.value("description")
        // An empty date clears it.
        for (option, path) in [("start", \CampaignBook.Changes.startingDate), ("end", \CampaignBook.Changes.endingDate)] {
            if arguments.value(option) == "" { changes[keyPath: path] = "" } else { changes[keyPath: path] = try problems.read { try arguments.date(option) } }
        }
        changes.status = arguments.value("status")
        changes.salespersonCode = arguments.value("salesperson")
        try problems.check()
        return changes
    }
}

/// `lettershop campaign create NO --description T …`.
enum CampaignCreateCommand: Command {
    static let words = ["campaign", "create"]
    static let abstract = """
        Create a campaign. Segments name it (--campaign NO, and --campaign-target to make their contacts its targets when \
        logged); interactions can be marked as responses to it.
        """
    static let usage = "campaign create NO --description TEXT " + CampaignOptions.usageAfterDescription
    static let spec = ArgumentSpec(positionals: ["NO"], options: CampaignOptions.options)

    static func run(_ arguments: Arguments) throws {
        guard arguments.value("description") != nil else { throw UsageError("missing --description TEXT") }
        let changes = try CampaignOptions.changes(arguments)
        let campaign = try StoreAccess.with(arguments) { try CampaignBook(store: $0).create(arguments.positionals[0], changes: changes) }
        print("created campaign \(campaign.no)")
    }
}

/// `lettershop campaign set NO …`.
enum CampaignSetCommand: Command {
    static let words = ["campaign", "set"]
    static let abstract = "Change a campaign's description, dates, status or salesperson (an empty date clears it)."
    static let usage = "campaign set NO [--description TEXT] " + CampaignOptions.usageAfterDescription
    static let spec = ArgumentSpec(positionals: ["NO"], options: CampaignOptions.options)

    static func run(_ arguments: Arguments) throws {
        let changes = try CampaignOptions.changes(arguments)
        let campaign = try StoreAccess.with(arguments) { try CampaignBook(store: $0).set(arguments.positionals[0], changes: changes) }
        print("updated campaign \(campaign.no)")
    }
}

/// `lettershop campaign list [--json]`.
enum CampaignListCommand: Command {
    static let words = ["campaign", "list"]
    static let abstract = "List the campaigns."
    static let usage = "campaign list [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let campaigns = try StoreAccess.with(arguments) { try CampaignBook(store: $0).list() }
        if arguments.flag("json") {
            print(JSONValue.array(campaigns.map { .object(CampaignJSON.pairs($0)) }).serialized())
        } else {
            for campaign in campaigns {
                print([campaign.no, campaign.description, campaign.startingDate, campaign.endingDate, campaign.status].map(SafeText.field).joined(separator: "\t"))
            }
        }
    }
}

/// `lettershop campaign show NO [--json]`: the campaign and what its interactions add up to.
enum CampaignShowCommand: Command {
    static let words = ["campaign", "show"]
    static let abstract = """
        Show a campaign with its targets, interactions, responses, response rate (responding targets per target), \
        cost and duration; canceled interactions do not count.
        """
    static let usage = "campaign show NO [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let (campaign, statistics) = try StoreAccess.with(arguments) { try CampaignBook(store: $0).show(arguments.positionals[0]) }
        let rate = statistics.responseRate
        if arguments.flag("json") {
            print(JSONValue.object(CampaignJSON.pairs(campaign) + [
                ("NoOfTargets", .int(statistics.targets)),
                ("NoOfInteractions", .int(statistics.interactions)),
                ("NoOfResponses", .int(statistics.responses)),
                ("NoOfRespondingTargets", .int(statistics.respondingTargets)),
                ("ResponseRate", rate.map(JSONValue.double) ?? .null),
                ("Cost", .double(statistics.cost)),
                ("Duration", .double(statistics.duration)),
            ]).serialized())
            return
        }
        for (name, value) in CampaignJSON.pairs(campaign) {
            if case let .string(text) = value { print("\(name): \(SafeText.field(text))") }
        }
        print("targets: \(statistics.targets)")
        print("interactions: \(statistics.interactions)")
        print("responses: \(statistics.responses) (\(statistics.respondingTargets) of them targets)")
        print("response rate: \(rate.map { "\(JSONValue.double($0).serialized()) %" } ?? "- (no targets)")")
        print("cost: \(JSONValue.double(statistics.cost).serialized())")
        print("duration: \(JSONValue.double(statistics.duration).serialized()) min")
    }
}

/// `lettershop campaign delete NO`.
enum CampaignDeleteCommand: Command {
    static let words = ["campaign", "delete"]
    static let abstract = "Delete a campaign that no interaction entry and no open segment names."
    static let usage = "campaign delete NO \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: [StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        try StoreAccess.with(arguments) { try CampaignBook(store: $0).delete(arguments.positionals[0]) }
        print("deleted campaign \(arguments.positionals[0])")
    }
}

/// The JSON of a campaign, keys as domain.md names them.
enum CampaignJSON {
    static func pairs(_ campaign: Campaign) -> [(String, JSONValue)] {
        [
            ("No", .string(campaign.no)),
            ("Description", .string(campaign.description)),
            ("StartingDate", .string(campaign.startingDate)),
            ("EndingDate", .string(campaign.endingDate)),
            ("Status", .string(campaign.status)),
            ("SalespersonCode", .string(campaign.salespersonCode)),
        ]
    }
}
