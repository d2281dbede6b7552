import Relationship

/// `lettershop contacts duplicates [--json]`.
enum ContactsDuplicatesCommand: Command {
    static let words = ["contacts", "duplicates"]
    static let abstract = """
        List contacts that may be duplicates of another: the same name (case, spaces and punctuation ignored) and post \
        code, the same e-mail, the same phone or mobile number (digits only) or the same VAT number (custom field \
        VATRegistrationNo). Each is paired with the first contact in No order it looks like.
        """
    static let usage = "contacts duplicates [--json] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(options: [StoreAccess.option], flags: ["json"])

    static func run(_ arguments: Arguments) throws {
        let duplicates = try StoreAccess.with(arguments) { try DuplicateSearch(store: $0).run() }
        if arguments.flag("json") {
            print(JSONValue.array(duplicates.map {
                .object([("ContactNo", .string($0.contactNo)), ("DuplicateContactNo", .string($0.duplicateOf)),
                         ("Reasons", .array($0.reasons.map { .string($0.rawValue) }))])
            }).serialized())
        } else {
            for duplicate in duplicates { print(SafeText.field(duplicate.message)) }
        }
    }
}
