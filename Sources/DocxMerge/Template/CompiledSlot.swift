/// A field ready to render: its expression and the XML around its value, prepared once. A class,
/// so the per-letter loop passes it by reference instead of copying its arrays.
final class CompiledSlot: Sendable {
    let expression: FieldExpression
    /// The field's name for messages (the first merge field it reads).
    let displayName: String
    /// The part holding the field, for messages.
    let part: String
    /// The test of an `IF` whose texts are conditional regions: never written, never kept.
    var isTest: Bool {
        if case .test = expression { return true }
        return false
    }
    let variables: [Int]
    /// `<w:r>` and the field's `<w:rPr>`.
    let runOpen: [UInt8]
    let markup: RunMarkup
    /// The field as the template had it, for `--missing keep`.
    let original: [UInt8]
    /// What a paragraph mark in the value becomes, for a field over several paragraphs: the
    /// paragraph closed and a new one opened with the properties of the field's last paragraph.
    let paragraphBreak: [UInt8]?

    init(draft: SlotDraft, markup: RunMarkup, part: String) {
        self.part = part
        expression = draft.expression
        variables = draft.expression.variables
        displayName = draft.occurrences.first?.name ?? ""
        self.markup = markup
        runOpen = markup.runOpen + draft.runProperties
        paragraphBreak = draft.paragraphProperties.map { markup.paragraphBreak + $0 }
        if let original = draft.original {
            self.original = original
        } else {
            var text = runOpen + markup.textOpen
            XMLSerializer.appendEscaped("{{\(displayName)}}", to: &text, inAttribute: false)
            self.original = text + markup.textClose + markup.runClose
        }
    }

}

/// The WordprocessingML tags a value is written with, in the part's own prefix.
struct RunMarkup: Sendable {
    let runOpen: [UInt8]
    let runClose: [UInt8]
    let textOpen: [UInt8]
    let textClose: [UInt8]
    let lineBreak: [UInt8]
    let tab: [UInt8]
    /// A paragraph closed and the next opened (its properties follow).
    let paragraphBreak: [UInt8]
    let paragraphOpen: [UInt8]
    let paragraphClose: [UInt8]
    /// Whether the value goes into a field instruction (`w:instrText`) rather than text.
    let inInstruction: Bool

    init(prefix: String?, inInstruction: Bool = false) {
        let p = prefix.map { $0.isEmpty ? "" : $0 + ":" } ?? ""
        let text = inInstruction ? "instrText" : "t"
        self.inInstruction = inInstruction
        runOpen = Array("<\(p)r>".utf8)
        runClose = Array("</\(p)r>".utf8)
        textOpen = Array("<\(p)\(text) xml:space=\"preserve\">".utf8)
        textClose = Array("</\(p)\(text)>".utf8)
        lineBreak = Array("<\(p)br/>".utf8)
        tab = Array("<\(p)tab/>".utf8)
        paragraphOpen = Array("<\(p)p>".utf8)
        paragraphClose = Array("</\(p)p>".utf8)
        paragraphBreak = paragraphClose + paragraphOpen
    }
}
