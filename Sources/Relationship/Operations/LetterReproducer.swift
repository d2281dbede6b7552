import DocxMerge

/// Produces the letters of interaction entries again from their stored template version, values,
/// compression level and letter format (from the engine version logged), checking each against the
/// SHA-256 logged. Keeps each template version's compiled plan (and, once asked for, its compiled
/// HTML), so many letters of one logged segment compile it once. One thread at a time.
public final class LetterReproducer {
    private var plans: [String: LetterPlan] = [:]
    private var htmls: [String: TemplateHTML.Compiled] = [:]

    public init() {}

    /// The letter of `entry`, from `template` (the bytes of its template version).
    /// - Throws: `RelationshipError.problems` when this Lettershop cannot make the letter or would
    ///   make different bytes than the ones logged.
    public func letter(of entry: InteractionEntry, template: [UInt8]) throws -> [UInt8] {
        try produce(entry, template: template, html: nil).letter
    }

    /// The letter of `entry` with what an e-mail of it needs besides: its `word/document.xml` and its
    /// HTML, made from the template's HTML compiled once (nil when the template's letters must be
    /// converted one by one, `TemplateHTML.Compiled.perLetter`).
    public func mailParts(of entry: InteractionEntry, template: [UInt8], contentIDSuffix: String) throws
        -> (letter: [UInt8], documentXML: [UInt8]?, html: LetterHTML?) {
        try produce(entry, template: template, html: contentIDSuffix)
    }

    private func produce(_ entry: InteractionEntry, template: [UInt8], html contentIDSuffix: String?) throws
        -> (letter: [UInt8], documentXML: [UInt8]?, html: LetterHTML?) {
        let entryNo = entry.entryNo
        guard let pairs = FlatJSON.decode(entry.mergedValues) else {
            throw RelationshipError.problems(["interaction entry \(entryNo): its stored MergedValues are not a JSON object of texts"])
        }
        // Entries from before the engine was recorded were all written in format 1.
        guard let format = entry.engineVersion.isEmpty ? .wholeParts : LetterFormat(engineVersion: entry.engineVersion) else {
            throw RelationshipError.problems([
                "interaction entry \(entryNo): it was logged with \(entry.engineVersion), a letter format this Lettershop does not know; "
                    + "use that Lettershop version or a later one to produce it again",
            ])
        }
        let engine = format.engineVersion
        let different = entry.engineVersion == engine ? "" : " (logged with \(entry.engineVersion.isEmpty ? "an unknown engine" : entry.engineVersion), this is \(engine))"
        let bytes: [UInt8]
        var documentXML: [UInt8]?
        var html: LetterHTML?
        do {
            let columns = pairs.map(\.0)
            let key = Self.key(entry, format: format, columns: columns)
            let plan: LetterPlan
            if let known = plans[key] {
                plan = known
            } else {
                let compiled = try MergeTemplate(bytes: template, name: "template \(entry.interactionTemplate) (\(entry.templateSHA256.prefix(12))…)")
                plan = try LetterPlan(template: compiled, columns: columns, missing: .error, compressionLevel: entry.compressionLevel,
                                      format: format)
                plans[key] = plan
            }
            let renderer = LetterRenderer(plan: plan)
            if let contentIDSuffix {
                let compiled = htmls[key] ?? TemplateHTML.compile(plan.template)
                htmls[key] = compiled
                if case let .compiled(templateHTML) = compiled {
                    let made = try renderer.renderWithParts(pairs.map(\.1))
                    (bytes, documentXML) = (made.document, made.parts["word/document.xml"])
                    html = try renderer.html(pairs.map(\.1), html: templateHTML, contentIDSuffix: contentIDSuffix)
                } else {
                    bytes = try renderer.render(pairs.map(\.1))
                }
            } else {
                bytes = try renderer.render(pairs.map(\.1))
            }
        } catch let error as MergeError {
            throw RelationshipError.problems(["interaction entry \(entryNo): this Lettershop cannot produce the letter again\(different): \(error)"])
        }
        guard SHA256.hex(bytes) == entry.documentSHA256 else {
            throw RelationshipError.problems([
                "interaction entry \(entryNo): this Lettershop would write a different letter than the one logged\(different); "
                    + "use the Lettershop version that logged it to produce it again",
            ])
        }
        return (bytes, documentXML, html)
    }

    /// Whether the plan of `entry`'s template version is compiled already (its template bytes are
    /// then not needed).
    public func knows(_ entry: InteractionEntry) -> Bool {
        guard let pairs = FlatJSON.decode(entry.mergedValues),
              let format = entry.engineVersion.isEmpty ? .wholeParts : LetterFormat(engineVersion: entry.engineVersion) else { return false }
        return plans[Self.key(entry, format: format, columns: pairs.map(\.0))] != nil
    }

    private static func key(_ entry: InteractionEntry, format: LetterFormat, columns: [String]) -> String {
        entry.templateSHA256 + "/\(entry.compressionLevel)/\(format.rawValue)/" + columns.joined(separator: "\u{1F}")
    }
}
