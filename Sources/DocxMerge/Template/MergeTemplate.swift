/// A Word template compiled once: every text part cut into literal pieces and field slots, the
/// mail-merge settings removed, the untouched parts kept as their stored (compressed) bytes.
///
/// ```swift
/// let template = try MergeTemplate(path: "letter.docx")
/// let plan = try LetterPlan(template: template, columns: csv.header, missing: .error)
/// let renderer = LetterRenderer(plan: plan)
/// let docx = try renderer.render(record.values)
/// ```
public final class MergeTemplate: Sendable {
    /// Options for compiling.
    public struct Options: Sendable {
        /// Leave `NEXT`, `SKIPIF`, `ASK`, `FILLIN`… in place instead of refusing the template.
        public var keepUnknownFields: Bool
        public init(keepUnknownFields: Bool = false) { self.keepUnknownFields = keepUnknownFields }
    }

    /// The template's file name (or the name given for a template held in memory), for messages.
    public let file: String
    /// Every field occurrence: body first, then headers, footers, footnotes, endnotes.
    public let fields: [MergeField]
    /// The names the template reads, each once, in the order of `fields`; for a Mailings block, the
    /// column each of its address fields reads first.
    public let fieldNames: [String]
    /// The names of the merge fields and placeholders (not Mailings blocks), each once: the columns the
    /// data must have.
    public let requiredFieldNames: [String]
    /// What compiling left for the user to know: fields `--keep-unknown` left in place, each once.
    public let warnings: [String]

    /// For each variable, the column names it reads, best first.
    let variableCandidates: [[String]]
    let slots: [CompiledSlot]
    let parts: [PartProgram]
    let entries: [TemplateEntry]

    /// Compiles the template at `path`.
    public convenience init(path: String, options: Options = Options()) throws {
        try self.init(archive: TemplateArchive(path: path), options: options)
    }

    /// Compiles a template held in memory; `name` names it in messages.
    public convenience init(bytes: [UInt8], name: String, options: Options = Options()) throws {
        try self.init(archive: TemplateArchive(bytes: bytes, name: name), options: options)
    }

    init(archive: TemplateArchive, options: Options) throws {
        let compiled = try TemplateCompiler(archive: archive, options: options).compile()
        file = archive.file
        fields = compiled.fields
        variableCandidates = compiled.variableCandidates
        warnings = compiled.warnings
        slots = compiled.slots
        parts = compiled.parts
        entries = compiled.entries
        var seen = Set<FieldKey>()
        fieldNames = compiled.fields.flatMap { field in
            field.kind.isMailingsBlock ? field.tokens.compactMap(\.columns.first) : [field.name]
        }.filter { seen.insert(FieldKey($0)).inserted }
        var seenRequired = Set<FieldKey>()
        requiredFieldNames = compiled.fields.filter { !$0.kind.isMailingsBlock }.map(\.name)
            .filter { seenRequired.insert(FieldKey($0)).inserted }
    }
}

/// How one zip entry of the template becomes an entry of each letter.
enum TemplateEntry: Sendable {
    /// Copied as stored in the template, still compressed.
    case stored(name: String, method: UInt16, crc32: UInt32, compressedSize: Int, size: Int, bytes: [UInt8])
    /// Rewritten once at compile time (settings without `w:mailMerge`), the same in every letter.
    case rewritten(name: String, bytes: [UInt8])
    /// Rendered for each record from `MergeTemplate.parts[part]`.
    case rendered(name: String, part: Int)
}
