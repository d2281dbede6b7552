import Relationship

/// `lettershop criteria save SEGMENT CODE [--description TEXT] [--force]`.
enum CriteriaSaveCommand: Command {
    static let words = ["criteria", "save"]
    static let abstract = "Save a segment's criteria steps under CODE, to replay them on another segment later (--force replaces)."
    static let usage = "criteria save SEGMENT CODE [--description TEXT] [--force] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["SEGMENT", "CODE"], options: ["description", StoreAccess.option], flags: ["force"])

    static func run(_ arguments: Arguments) throws {
        let code = arguments.positionals[1]
        guard !code.isEmpty, code.count <= 20 else { throw UsageError("CODE must be 1 to 20 characters") }
        let criteria = try StoreAccess.with(arguments) { store in
            try CriteriaLibrary(store: store).save(segment: arguments.positionals[0], code: code,
                                                   description: arguments.value("description"), force: arguments.flag("force"))
        }
        print("saved criteria \(criteria.code) (\(Terminal.count(criteria.steps.count, "step")))")
    }
}
