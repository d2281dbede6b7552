/// A letter's body as the combined document takes it: its content, the section properties that end
/// it, and where in its last paragraph those can go as a section break.
struct LetterBody {
    let content: [UInt8]
    let finalSection: [UInt8]
    let lastParagraph: ParagraphMarks?

    /// The content up to where the section break goes (`head`), and what follows it: `within` when
    /// another letter comes after (the break in the last paragraph's properties, or in a paragraph
    /// of its own), `atEnd` for the document's last letter (the section properties as the body's last).
    func split() -> (head: ArraySlice<UInt8>, within: [UInt8], atEnd: [UInt8]) {
        guard let paragraph = lastParagraph, !paragraph.blocked else {
            return (content[...], Array("<w:p><w:pPr>".utf8) + finalSection + Array("</w:pPr></w:p>".utf8), finalSection)
        }
        if let close = paragraph.pPrClose {
            let rest = Array(content[close...])
            return (content[..<close], finalSection + rest, rest + finalSection)
        }
        if let empty = paragraph.emptyPPr {
            let rest = Array(content[empty.upperBound...])
            return (content[..<empty.lowerBound], Array("<w:pPr>".utf8) + finalSection + Array("</w:pPr>".utf8) + rest,
                    Array(content[empty]) + rest + finalSection)
        }
        let rest = Array(content[paragraph.afterStart...])
        return (content[..<paragraph.afterStart], Array("<w:pPr>".utf8) + finalSection + Array("</w:pPr>".utf8) + rest, rest + finalSection)
    }
}
