/// One occurrence of a merge field in a template, as `lettershop fields --json` lists it.
public struct MergeField: Sendable, Hashable, Codable {
    /// How the field is written in the template.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `w:fldSimple`.
        case simple
        /// `fldChar begin … end`.
        case complex
        /// `{{Name}}` typed in the text.
        case placeholder
        /// A `MERGEFIELD` nested in an `IF`.
        case condition = "if"
        /// An `ADDRESSBLOCK` (Word's Mailings tab).
        case addressBlock = "addressblock"
        /// A `GREETINGLINE` (Word's Mailings tab).
        case greetingLine = "greetingline"

        /// Whether the field is a Mailings block, which reads address fields rather than one column.
        public var isMailingsBlock: Bool { self == .addressBlock || self == .greetingLine }
    }

    /// One address field a Mailings block reads, and the columns it tries, best first (the template's
    /// own mapping, Word's name, the aliases).
    public struct TokenColumn: Sendable, Hashable, Codable {
        /// Word's name of the address field (`First Name`, `Postal Code`, …).
        public let field: String
        /// The column names tried for it, best first.
        public let columns: [String]
    }

    /// The field name as the template writes it.
    public let name: String
    /// The part holding it, such as `word/document.xml`.
    public let part: String
    /// How the field is written.
    public let kind: Kind
    /// Its switches as written, such as `\* Upper` or `\@ "dd.MM.yyyy"`.
    public let switches: [String]
    /// For a Mailings block, the address fields it reads, in the order its format uses them.
    public var tokens: [TokenColumn] = []
}

/// What a letter does with a template field the data has no column for.
public enum MissingFieldPolicy: String, Sendable, CaseIterable {
    /// Refuse the merge, listing every such field.
    case error
    /// Merge it as empty.
    case blank
    /// Leave the field in the letter as the template has it.
    case keep
}
