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
    }

    /// The field name as the template writes it.
    public let name: String
    /// The part holding it, such as `word/document.xml`.
    public let part: String
    /// How the field is written.
    public let kind: Kind
    /// Its switches as written, such as `\* Upper` or `\@ "dd.MM.yyyy"`.
    public let switches: [String]
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
