/// A mailing group: a code contacts belong to (a newsletter, a Christmas card list), which criteria
/// select by (`group(CODE)`).
public struct MailingGroup: Sendable, Equatable {
    public var code: String
    public var description: String

    public init(code: String, description: String = "") {
        self.code = code
        self.description = description
    }

    /// The longest code allowed.
    public static let maximumCodeLength = 20
}
