/// Copies one part of a letter, tag by tag, giving it the ids it has in the combined document:
/// drawings, bookmarks (ids and names, and the fields and links that name them), comments,
/// revisions, note references, numbering instances, and, in the body, relationship ids. In the body
/// it also gives the letter's first section a new page and page numbers from 1, and keeps the
/// body's last section properties apart (`LetterBody`).
struct PartRewriter {
    enum Mode { case body, section, notes(NoteKind) }

    var ids: LetterIDs
    /// Relationship id in the letter → in the combined document (body only).
    let relationshipIDs: (String) -> String?
    /// numId → the letter's own numId.
    let numberingID: (Int) -> Int?
    /// Whether the letter's first section gets empty headers and footers for the kinds it lacks, so it
    /// does not show those of the letter before it (from another template), as Word and LibreOffice
    /// would have a section without its own do.
    let fillsMissingSectionParts: Bool
    private var seenSection = false

    init(ids: LetterIDs, relationshipIDs: @escaping (String) -> String?, numberingID: @escaping (Int) -> Int?,
         fillsMissingSectionParts: Bool = false) {
        self.ids = ids
        self.relationshipIDs = relationshipIDs
        self.numberingID = numberingID
        self.fillsMissingSectionParts = fillsMissingSectionParts
    }

    /// The relationship ids of the empty header and footer parts.
    static let emptyHeaderID = "LettershopEmptyHeader"
    static let emptyFooterID = "LettershopEmptyFooter"

    // MARK: Body

    /// The body of `word/document.xml` rewritten: the content, and where the section break that
    /// ends the letter goes (`LetterBody`).
    mutating func body(_ part: [UInt8]) throws -> LetterBody {
        try part.withUnsafeBufferPointer { buffer in
            var reader = XMLTagReader(buffer)
            var content: [UInt8] = []
            var finalSection: [UInt8] = []
            var inBody = false
            var depth = 0
            var inFinalSection = false
            var state = CopyState()
            var paragraph: ParagraphMarks?
            while true {
                let textStart = reader.position
                guard let tag = reader.next() else { break }
                if inBody {
                    if inFinalSection { state.copyText(textStart..<tag.range.lowerBound, reader, ids, to: &finalSection) }
                    else { state.copyText(textStart..<tag.range.lowerBound, reader, ids, to: &content) }
                }
                if !inBody {
                    if tag.kind == .start, reader.equals(tag.name, Names.body) { inBody = true }
                    continue
                }
                if tag.kind == .end, depth == 0 { break }  // </w:body>
                let isStart = tag.kind == .start
                if tag.kind == .end { depth -= 1 }
                if depth == 0, tag.kind != .end, tag.kind != .other, reader.equals(tag.name, Names.sectPr) {
                    inFinalSection = true
                }
                // Where the section break can go into the last paragraph.
                if depth == 0, reader.equals(tag.name, Names.paragraph) {
                    if tag.kind == .start { paragraph = ParagraphMarks() }
                    else if tag.kind == .empty { paragraph = nil }
                } else if depth == 0, isStart, !inFinalSection {
                    paragraph = nil
                }
                if depth == 1, paragraph != nil, reader.equals(tag.name, Names.pPr) {
                    if tag.kind == .end { paragraph?.pPrClose = content.count }
                    if tag.kind == .empty { paragraph?.emptyPPr = content.count..<(content.count + tag.range.count) }
                }
                if depth == 2, paragraph != nil, tag.kind != .end, reader.equals(tag.name, Names.sectPr) || reader.equals(tag.name, Names.pPrChange) {
                    paragraph?.blocked = true
                }
                if inFinalSection {
                    try write(tag, reader, mode: .body, state: &state, depth: depth, to: &finalSection)
                } else {
                    try write(tag, reader, mode: .body, state: &state, depth: depth, to: &content)
                }
                if depth == 0, isStart, reader.equals(tag.name, Names.paragraph) { paragraph?.afterStart = content.count }
                if isStart { depth += 1 }
                if depth == 0, tag.kind == .end {
                    if reader.equals(tag.name, Names.paragraph) { paragraph?.end = content.count }
                    if inFinalSection, reader.equals(tag.name, Names.sectPr) { inFinalSection = false }
                }
                if depth == 0, tag.kind == .empty, inFinalSection, reader.equals(tag.name, Names.sectPr) { inFinalSection = false }
            }
            if finalSection.isEmpty {
                finalSection = Array((seenSection ? "<w:sectPr/>" : "<w:sectPr>" + Names.restartText + "</w:sectPr>").utf8)
                seenSection = true
            }
            return LetterBody(content: content, finalSection: finalSection, lastParagraph: paragraph?.end == nil ? nil : paragraph)
        }
    }

    // MARK: Headers, footers and notes

    /// A header or footer part, whole.
    mutating func section(_ part: [UInt8]) throws -> [UInt8] {
        try part.withUnsafeBufferPointer { buffer in
            var reader = XMLTagReader(buffer)
            var output: [UInt8] = []
            output.reserveCapacity(part.count + 256)
            var state = CopyState()
            var depth = 0
            while true {
                let textStart = reader.position
                guard let tag = reader.next() else {
                    state.copyText(textStart..<buffer.count, reader, ids, to: &output)
                    break
                }
                state.copyText(textStart..<tag.range.lowerBound, reader, ids, to: &output)
                if tag.kind == .end { depth -= 1 }
                try write(tag, reader, mode: .section, state: &state, depth: depth, to: &output)
                if tag.kind == .start { depth += 1 }
            }
            return output
        }
    }

    /// A notes part split into its opening (the root element and the separators, written once for
    /// the whole document) and the letter's own notes, renumbered.
    mutating func notes(_ part: [UInt8], kind: NoteKind) throws -> (head: [UInt8], notes: [UInt8]) {
        try part.withUnsafeBufferPointer { buffer in
            var reader = XMLTagReader(buffer)
            var head: [UInt8] = []
            var notes: [UInt8] = []
            var inHead = true
            var skipping = false
            var state = CopyState()
            var depth = 0
            while true {
                let textStart = reader.position
                guard let tag = reader.next() else { break }
                let text = textStart..<tag.range.lowerBound
                if tag.kind == .end { depth -= 1 }
                if tag.kind == .end, depth == 0 { break }  // the root's end
                if depth == 1, tag.kind != .end, tag.kind != .other, reader.equals(tag.name, kind.element) {
                    let type = reader.attributes(of: tag).first { reader.equals($0.name, Names.typeAttribute) }.map { reader.string($0.value) }
                    let separator = type != nil && type != "normal"
                    if separator { skipping = !inHead } else { inHead = false; skipping = false }
                }
                if !skipping {
                    if inHead { head += buffer[text]; head += buffer[tag.range] }
                    else {
                        state.copyText(text, reader, ids, to: &notes)
                        try write(tag, reader, mode: .notes(kind), state: &state, depth: depth, to: &notes)
                    }
                }
                if tag.kind == .start { depth += 1 }
            }
            return (head, notes)
        }
    }

    // MARK: Tags

    /// What a copy remembers between tags.
    struct CopyState {
        var inInstruction = false
        /// The depth of the `w:sectPr` being copied, whether it is the letter's first, and whether
        /// its page numbering was written.
        var section: (depth: Int, first: Bool, numbered: Bool)?
        /// The header and footer references of the first section (`header default`), and whether
        /// those it lacks were written.
        var references = Set<String>()
        var referencesDone = false

        func copyText(_ range: Range<Int>, _ reader: XMLTagReader, _ ids: LetterIDs, to output: inout [UInt8]) {
            guard !range.isEmpty else { return }
            if inInstruction, ids.index > 0 {
                let text = XMLText.unescape(reader.string(range))
                output += Array(XMLText.escape(ids.instruction(text), inAttribute: false).utf8)
            } else {
                output += reader.bytes[range]
            }
        }
    }

    private mutating func write(_ tag: XMLTag, _ reader: XMLTagReader, mode: Mode, state: inout CopyState, depth: Int,
                                to output: inout [UInt8]) throws {
        let bytes = reader.bytes
        guard tag.kind != .other else {
            output += bytes[tag.range]
            return
        }
        let name = tag.name
        if reader.equals(name, Names.instrText) { state.inInstruction = tag.kind == .start }
        // Section properties: the letter's first section starts a new page, numbered from 1.
        if case .body = mode {
            if let section = state.section, section.first {
                if depth == section.depth + 1, tag.kind != .end {
                    if let kind = Names.referenceKind(name, reader) {
                        let type = reader.attributes(of: tag).first { reader.equals($0.name, Names.typeAttribute) }.map { reader.string($0.value) }
                        state.references.insert(kind + " " + (type ?? "default"))
                    } else if !state.referencesDone {
                        output += missingReferences(state.references)
                        state.referencesDone = true
                    }
                    if tag.kind == .empty, reader.equals(name, Names.type) { return }
                    if reader.equals(name, Names.pgNumType) {
                        state.section?.numbered = true
                        try writeAttributes(tag, reader, to: &output, setting: Names.startAttribute, to: "1")
                        return
                    }
                    if !section.numbered, Names.afterPageNumbering.contains(where: { reader.equals(name, $0) }) {
                        output += Names.restart
                        state.section?.numbered = true
                    }
                }
                if depth == section.depth, tag.kind == .end, reader.equals(name, Names.sectPr) {
                    if !state.referencesDone {
                        output += missingReferences(state.references)
                        state.referencesDone = true
                    }
                    if !section.numbered { output += Names.restart }
                    output += bytes[tag.range]
                    state.section = nil
                    return
                }
            }
            if tag.kind != .end, reader.equals(name, Names.sectPr) {
                let first = !seenSection
                seenSection = true
                if tag.kind == .empty {
                    let relationships = try rewritten(tag, reader, mode: mode)
                    let open = Array(relationships.dropLast(2)) + [UInt8(ascii: ">")]
                    output += open
                    if first { output += missingReferences([]) + Names.restart }
                    output += Array("</w:sectPr>".utf8)
                    return
                }
                state.section = (depth, first, false)
            }
        }
        guard tag.kind != .end else {
            output += bytes[tag.range]
            return
        }
        output += try rewritten(tag, reader, mode: mode)
    }

    /// References to the empty header and footer for the kinds `present` lacks, when wanted.
    private func missingReferences(_ present: Set<String>) -> [UInt8] {
        guard fillsMissingSectionParts else { return [] }
        var text = ""
        for (kind, id) in [("header", Self.emptyHeaderID), ("footer", Self.emptyFooterID)] {
            for type in ["default", "first", "even"] where !present.contains(kind + " " + type) {
                text += "<w:\(kind)Reference w:type=\"\(type)\" r:id=\"\(id)\"/>"
            }
        }
        return Array(text.utf8)
    }

    /// The tag with its attributes renumbered; the same bytes when nothing changes.
    private mutating func rewritten(_ tag: XMLTag, _ reader: XMLTagReader, mode: Mode) throws -> [UInt8] {
        let bytes = reader.bytes
        var output: [UInt8] = []
        var cursor = tag.range.lowerBound
        for attribute in reader.attributes(of: tag) {
            guard let value = try newValue(of: attribute, in: tag, reader, mode: mode) else { continue }
            output += bytes[cursor..<attribute.value.lowerBound]
            output += Array(value.utf8)
            cursor = attribute.value.upperBound
        }
        if cursor == tag.range.lowerBound { return Array(bytes[tag.range]) }
        output += bytes[cursor..<tag.range.upperBound]
        return output
    }

    private mutating func newValue(of attribute: XMLAttribute, in tag: XMLTag, _ reader: XMLTagReader, mode: Mode) throws -> String? {
        let name = tag.name
        let attributeName = attribute.name
        if case .body = mode, attributeName.count > 2, reader.bytes[attributeName.lowerBound] == UInt8(ascii: "r"),
           reader.bytes[attributeName.lowerBound + 1] == UInt8(ascii: ":") {
            return relationshipIDs(reader.string(attribute.value))
        }
        func number() -> Int? { reader.integer(attribute.value) }
        if reader.equals(attributeName, Names.idAttribute) {
            if reader.equals(name, Names.bookmarkStart) || reader.equals(name, Names.bookmarkEnd) {
                return try number().map { String(try ids.bookmark($0)) }
            }
            if Names.commentMarks.contains(where: { reader.equals(name, $0) }) {
                return try number().map { String(try ids.comment($0)) }
            }
            if reader.equals(name, Names.footnoteReference) { return try number().map { String(try ids.note($0, kind: .footnotes)) } }
            if reader.equals(name, Names.endnoteReference) { return try number().map { String(try ids.note($0, kind: .endnotes)) } }
            if case let .notes(kind) = mode, reader.equals(name, kind.element) {
                return try number().map { String(try ids.note($0, kind: kind)) }
            }
            if Names.revisions.contains(where: { reader.equals(name, $0) }) {
                return try number().map { String(try ids.revision($0)) }
            }
            return nil
        }
        if reader.equals(name, Names.docPr), reader.equals(attributeName, Names.plainID) { return String(try ids.drawing()) }
        if reader.equals(attributeName, Names.nameAttribute), reader.equals(name, Names.bookmarkStart) {
            return XMLText.escape(ids.bookmarkName(XMLText.unescape(reader.string(attribute.value))))
        }
        if reader.equals(attributeName, Names.valAttribute), reader.equals(name, Names.numID), let old = number(), old != 0 {
            guard let new = numberingID(old) else { return nil }
            ids.numberings.insert(old)
            return String(new)
        }
        if reader.equals(attributeName, Names.anchorAttribute), reader.equals(name, Names.hyperlink), ids.index > 0 {
            return XMLText.escape(ids.bookmarkName(XMLText.unescape(reader.string(attribute.value))))
        }
        if reader.equals(attributeName, Names.instrAttribute), reader.equals(name, Names.fldSimple), ids.index > 0 {
            return XMLText.escape(ids.instruction(XMLText.unescape(reader.string(attribute.value))))
        }
        return nil
    }

    /// Writes `tag` with `attribute` set to `value` (added when missing).
    private mutating func writeAttributes(_ tag: XMLTag, _ reader: XMLTagReader, to output: inout [UInt8], setting attribute: [UInt8],
                                          to value: String) throws {
        let bytes = reader.bytes
        if let existing = reader.attributes(of: tag).first(where: { reader.equals($0.name, attribute) }) {
            output += bytes[tag.range.lowerBound..<existing.value.lowerBound]
            output += Array(value.utf8)
            output += bytes[existing.value.upperBound..<tag.range.upperBound]
        } else {
            output += bytes[tag.range.lowerBound..<tag.name.upperBound]
            output += [UInt8(ascii: " ")] + attribute + Array("=\"\(value)\"".utf8)
            output += bytes[tag.name.upperBound..<tag.range.upperBound]
        }
    }
}

/// Where, in the last paragraph of a letter's body, the section break ending the letter can go.
struct ParagraphMarks {
    /// Just past the paragraph's start tag.
    var afterStart = 0
    /// At its `</w:pPr>`.
    var pPrClose: Int?
    /// Its `<w:pPr/>`.
    var emptyPPr: Range<Int>?
    /// Its properties already end a section, or carry a revision.
    var blocked = false
    /// Just past its end tag.
    var end: Int?
}

/// The qualified names the rewriter looks for, as bytes.
enum Names {
    static let body = bytes("w:body")
    static let paragraph = bytes("w:p")
    static let pPr = bytes("w:pPr")
    static let pPrChange = bytes("w:pPrChange")
    static let sectPr = bytes("w:sectPr")
    static let type = bytes("w:type")
    static let pgNumType = bytes("w:pgNumType")
    static let instrText = bytes("w:instrText")
    static let docPr = bytes("wp:docPr")
    static let bookmarkStart = bytes("w:bookmarkStart")
    static let bookmarkEnd = bytes("w:bookmarkEnd")
    static let footnoteReference = bytes("w:footnoteReference")
    static let endnoteReference = bytes("w:endnoteReference")
    static let numID = bytes("w:numId")
    static let hyperlink = bytes("w:hyperlink")
    static let fldSimple = bytes("w:fldSimple")
    static let commentMarks = ["w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"].map(bytes)
    static let revisions = ["w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:moveFromRangeStart", "w:moveFromRangeEnd", "w:moveToRangeStart",
                            "w:moveToRangeEnd", "w:rPrChange", "w:pPrChange", "w:sectPrChange", "w:tblPrChange", "w:trPrChange",
                            "w:tcPrChange", "w:tblGridChange", "w:tblPrExChange", "w:numberingChange", "w:cellIns", "w:cellDel",
                            "w:cellMerge", "w:permStart", "w:permEnd"].map(bytes)
    /// The children of `w:sectPr` that come after `w:pgNumType` (ECMA-376 §17.6.17).
    static let afterPageNumbering = ["w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                                     "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"].map(bytes)
    static let idAttribute = bytes("w:id")
    static let plainID = bytes("id")
    static let nameAttribute = bytes("w:name")
    static let valAttribute = bytes("w:val")
    static let typeAttribute = bytes("w:type")
    static let startAttribute = bytes("w:start")
    static let anchorAttribute = bytes("w:anchor")
    static let instrAttribute = bytes("w:instr")
    static let restartText = "<w:pgNumType w:start=\"1\"/>"
    static let headerReference = bytes("w:headerReference")
    static let footerReference = bytes("w:footerReference")

    /// `header` or `footer` for a reference to one, else nil.
    static func referenceKind(_ name: Range<Int>, _ reader: XMLTagReader) -> String? {
        if reader.equals(name, headerReference) { return "header" }
        if reader.equals(name, footerReference) { return "footer" }
        return nil
    }
    static let restart = bytes(restartText)

    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
