import Relationship

/// `lettershop segment reduce NO --where EXPR [--entire-companies]`.
enum SegmentReduceCommand: Command {
    static let words = ["segment", "reduce"]
    static let abstract = "Remove the lines whose contact matches the expression; with --entire-companies, whole companies (the company and its persons) when any of their contacts matches."
    static let details = FilterHelp.text
    static let usage = "segment reduce NO --where EXPR [--entire-companies] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["where", StoreAccess.option], flags: ["entire-companies"])

    static func run(_ arguments: Arguments) throws {
        guard let expression = arguments.value("where") else { throw UsageError("missing --where EXPR") }
        let options: [StepOption] = arguments.flag("entire-companies") ? [.entireCompanies] : []
        let definition = StepDefinition(action: .reduce, expression: expression, options: options)
        let report = try StoreAccess.with(arguments) { try SegmentSteps(store: $0).run(definition, on: arguments.positionals[0]) }
        print(StepMessage.removal(report))
    }
}
