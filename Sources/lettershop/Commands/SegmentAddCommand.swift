import Relationship

/// `lettershop segment add NO (--where EXPR | --contact C … | --criteria CODE | --logged N)`.
enum SegmentAddCommand: Command {
    static let words = ["segment", "add"]
    static let abstract = """
        Add contacts to a segment: those matching an expression, given by number, found by saved criteria, or those of \
        a logged segment. Excluded contacts are skipped by criteria unless --ignore-exclusion; privacy-blocked ones always.
        """
    static let details = FilterHelp.text
    static let usage = """
        segment add NO (--where EXPR | --contact C [--contact C …] | --criteria CODE | --logged N) [--expand-companies] \
        [--with-companies] [--ignore-exclusion] \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["where", "contact", "criteria", "logged", StoreAccess.option],
                                   repeatable: ["contact"], flags: ["expand-companies", "with-companies", "ignore-exclusion"])

    static func run(_ arguments: Arguments) throws {
        let sources = ["where", "contact", "criteria", "logged"].filter { arguments.has($0) }
        guard sources.count == 1 else {
            throw UsageError("give exactly one of --where, --contact, --criteria or --logged")
        }
        let options = [StepOption.expandCompanies, .withCompanies, .ignoreExclusion].filter { arguments.flag($0.rawValue) }
        let definition: StepDefinition
        switch sources[0] {
        case "where": definition = StepDefinition(action: .add, expression: arguments.value("where")!, options: options)
        case "contact":
            var unique: [String] = []
            for no in arguments.allValues("contact") where !unique.contains(no) { unique.append(no) }
            definition = StepDefinition(action: .addContacts, options: options, contacts: unique)
        case "criteria": definition = StepDefinition(action: .addCriteria, expression: arguments.value("criteria")!, options: options)
        default:
            guard let number = try arguments.integer("logged", in: 1...Int.max) else { throw UsageError("missing --logged N") }
            definition = StepDefinition(action: .addLogged, expression: String(number), options: options)
        }
        let report = try StoreAccess.with(arguments) { try SegmentSteps(store: $0).run(definition, on: arguments.positionals[0]) }
        print(StepMessage.text(report))
    }
}
