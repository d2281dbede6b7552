/// Finds the fields of one part and replaces each field about the data by a slot.
///
/// Handles `w:fldSimple`, complex fields (`fldChar begin` … `end`, the instruction split over any
/// number of runs, with proofing marks, bookmarks and empty runs between, nested fields) and
/// `{{Name}}` placeholders split over runs. Fields not about the data (`PAGE`, `DATE`, …) stay.
struct FieldScanner {
    let file: String
    let part: String
    let keepUnknown: Bool
    let documentLanguage: FieldLanguage
    var compiler: FieldCompiler
    /// The slots made so far, indexed by `XFieldSlot.slot`.
    private(set) var slots: [SlotDraft] = []
    /// Fields that cannot be merged, all of them (the scan goes on after the first).
    private(set) var problems: [MergeError] = []

    init(file: String, part: String, keepUnknown: Bool, documentLanguage: FieldLanguage, variables: VariableTable,
         addressFields: AddressFieldMap = AddressFieldMap()) {
        self.file = file
        self.part = part
        self.keepUnknown = keepUnknown
        self.documentLanguage = documentLanguage
        self.compiler = FieldCompiler(file: file, part: part, variables: variables)
        compiler.addressFields = addressFields
    }

    /// Rewrites `root` in place.
    mutating func scan(_ root: XElement) throws {
        RunSplitter.isolateFieldCharacters(in: root)
        try replaceSimpleFields(in: root)
        try replaceComplexFields(in: root)
        try PlaceholderScanner.replacePlaceholders(in: root) { name, run in
            compiler.language = language(of: run)
            let expression = compiler.compilePlaceholder(name)
            return makeSlot(expression, properties: run?.wordChild("rPr"), original: nil)
        }
    }

    /// Stands for a paragraph mark typed inside a field's instruction.
    static let paragraphMark = "\u{2029}"

    private mutating func makeSlot(_ expression: FieldExpression, properties: XElement?, original: [XElement]?,
                                   inInstruction: Bool = false, paragraphProperties: XElement? = nil) -> XFieldSlot {
        slots.append(SlotDraft(expression: expression, runProperties: properties?.deepCopy(),
                               original: original?.map { $0.deepCopy() }, occurrences: compiler.occurrences,
                               inInstruction: inInstruction, paragraphProperties: paragraphProperties?.deepCopy()))
        compiler.resetOccurrences()
        return XFieldSlot(slot: slots.count - 1)
    }

    // MARK: Simple fields

    private mutating func replaceSimpleFields(in root: XElement) throws {
        var found: [XElement] = []
        root.forEachElement { if $0.isWord("fldSimple") { found.append($0) } }
        for field in found {
            let instruction = field.wordAttribute("instr") ?? ""
            let pieces = [InstructionPiece.text(instruction)]
            let keyword = Self.keyword(of: instruction)
            guard shouldReplace(keyword: keyword, readsData: FieldKeywords.data.contains(keyword),
                                instruction: instruction) else { continue }
            var firstRun: XElement?
            field.forEachElement { if firstRun == nil, $0.isWord("r") { firstRun = $0 } }
            compiler.language = language(of: firstRun, paragraph: field.ancestor { $0.isWord("p") })
            guard let expression = compileOrKeep(pieces, kind: .simple) else { continue }
            let paragraph = field.ancestor { $0.isWord("p") }
            let slot = makeSlot(expression, properties: firstRun?.wordChild("rPr"), original: [field],
                                paragraphProperties: FieldKeywords.paragraphs.contains(keyword) ? Self.lineProperties(of: paragraph) : nil)
            guard let parent = field.parent, let index = field.indexInParent else { continue }
            parent.children[index] = slot
            slot.parent = parent
            field.parent = nil
        }
    }

    // MARK: Complex fields

    private mutating func replaceComplexFields(in root: XElement) throws {
        var items: [XElement] = []
        var stack: [ScannedField] = []
        var topLevel: [ScannedField] = []

        func visit(_ element: XElement) {
            if element.isWord("proofErr") {
                items.append(element)
                return
            }
            if element.isWord("r") {
                items.append(element)
                processRun(element, item: items.count - 1)
            }
            for child in element.children {
                if let child = child as? XElement { visit(child) }
            }
            // A paragraph mark inside an instruction (an IF text over several paragraphs).
            if element.isWord("p"), let open = stack.last, open.separateItem == nil {
                open.pieces.append(.text(FieldScanner.paragraphMark))
            }
        }

        func processRun(_ run: XElement, item: Int) {
            for child in run.childElements {
                if child.isWord("fldChar") {
                    switch child.wordAttribute("fldCharType") {
                    case "begin":
                        stack.append(ScannedField(beginItem: item, beginRun: run))
                    case "separate":
                        stack.last?.separateItem = item
                    case "end":
                        guard let field = stack.popLast() else { continue }
                        field.endItem = item
                        field.endRun = run
                        if let parent = stack.last {
                            if parent.separateItem == nil {
                                parent.pieces.append(.field(field))
                            } else {
                                parent.resultText += field.resultText
                                parent.resultFields.append(field)
                            }
                        } else {
                            topLevel.append(field)
                        }
                    default: break
                    }
                } else if child.isWord("cr") || child.isWord("br"), let field = stack.last, field.separateItem == nil {
                    // A line break typed in an instruction (Word writes `<w:cr/>` in a Mailings format).
                    field.pieces.append(.text("\n"))
                } else if child.isWord("instrText"), let field = stack.last, field.separateItem == nil {
                    if field.firstInstructionRun == nil { field.firstInstructionRun = run }
                    field.pieces.append(.text(child.textContent))
                } else if child.isWord("t") || child.isWord("instrText"), let field = stack.last, field.separateItem != nil {
                    if field.firstResultRun == nil { field.firstResultRun = run }
                    field.resultText += child.textContent
                }
            }
        }

        visit(root)
        for field in topLevel { process(field, inInstruction: false, items: items) }
    }

    /// Replaces a field about the data by a slot; in any other field, looks for fields about the
    /// data in its instruction (`HYPERLINK "mailto:{ MERGEFIELD Email }"`) and in its result.
    private mutating func process(_ field: ScannedField, inInstruction: Bool, items: [XElement]) {
        guard let endItem = field.endItem, let endRun = field.endRun else { return }
        guard shouldReplace(keyword: field.keyword, readsData: field.readsData, instruction: field.instructionText) else {
            if FieldKeywords.unsupported.contains(field.keyword) { return }
            for case let .field(nested) in field.pieces { process(nested, inInstruction: true, items: items) }
            for nested in field.resultFields { process(nested, inInstruction: inInstruction, items: items) }
            return
        }
        guard let paragraph = field.beginRun.ancestor(where: { $0.isWord("p") }),
              let endParagraph = endRun.ancestor(where: { $0.isWord("p") }) else { return }
        var paragraphProperties: XElement?
        if paragraph !== endParagraph {
            guard let last = joinParagraphs(from: paragraph, through: endParagraph) else {
                problems.append(.unsupportedField(file: file, part: part, instruction: field.instructionText,
                                                  reason: "the field spans paragraphs that are not one after the other"))
                return
            }
            paragraphProperties = last.wordChild("pPr") ?? last.makeWordElement("pPr")
        } else if FieldKeywords.paragraphs.contains(field.keyword) {
            paragraphProperties = Self.lineProperties(of: paragraph)
        }
        let formatRun = field.firstResultRun ?? field.firstInstructionRun ?? field.beginRun
        compiler.language = language(of: formatRun, paragraph: paragraph)
        let kind: MergeField.Kind = field.keyword == "IF" ? .condition : .complex
        guard let expression = compileOrKeep(field.pieces, kind: kind) else { return }
        let removed = items[field.beginItem...endItem].filter { $0.isWord("r") && $0.parent != nil }
        let slot = makeSlot(expression, properties: formatRun.wordChild("rPr"), original: removed,
                            inInstruction: inInstruction, paragraphProperties: paragraphProperties)
        guard let parent = field.beginRun.parent, let index = field.beginRun.indexInParent else { return }
        parent.insert(slot, at: index)
        for item in items[field.beginItem...endItem] { item.removeFromParent() }
    }

    /// Moves the content of the paragraphs after `first`, through `last`, into `first`, so a field
    /// over several paragraphs sits in one; returns `last` (its properties start the paragraph a
    /// paragraph mark in the field's value opens). Nil when they are not consecutive paragraphs.
    private func joinParagraphs(from first: XElement, through last: XElement) -> XElement? {
        guard let parent = first.parent, last.parent === parent,
              let start = first.indexInParent, let end = last.indexInParent, start < end else { return nil }
        let following = parent.children[(start + 1)...end]
        guard following.allSatisfy({ ($0 as? XElement)?.isWord("p") ?? (($0 as? XText)?.text.allSatisfy(\.isWhitespace) ?? true) }) else {
            return nil
        }
        for case let paragraph as XElement in following {
            for child in paragraph.children where !((child as? XElement)?.isWord("pPr") ?? false) {
                first.append(child)
            }
            paragraph.removeFromParent()
        }
        return last
    }

    /// Whether a field is replaced by a slot: fields about the data are; navigation and prompting
    /// fields are a problem unless `keepUnknown`; every other field stays for Word to update.
    private mutating func shouldReplace(keyword: String, readsData: Bool, instruction: String) -> Bool {
        if FieldKeywords.unsupported.contains(keyword) {
            if !keepUnknown {
                problems.append(.unsupportedField(file: file, part: part, instruction: instruction,
                                                  reason: "\(keyword) fields are not supported (use --keep-unknown to leave them in place)"))
            }
            return false
        }
        return readsData
    }

    /// The field's expression; nil when it cannot be merged (an unknown switch, a broken `IF`): then
    /// it is a problem, or, with `keepUnknown`, left in place.
    private mutating func compileOrKeep(_ pieces: [InstructionPiece], kind: MergeField.Kind) -> FieldExpression? {
        do {
            return try compiler.compile(pieces, kind: kind)
        } catch {
            compiler.resetOccurrences()
            if !keepUnknown, let error = error as? MergeError { problems.append(error) }
            return nil
        }
    }

    /// The properties of the paragraphs a field's lines open: its own paragraph's, without a section
    /// break (the section ends once, after the last line).
    private static func lineProperties(of paragraph: XElement?) -> XElement? {
        guard let paragraph else { return nil }
        let properties = (paragraph.wordChild("pPr") ?? paragraph.makeWordElement("pPr")).deepCopy()
        for child in properties.childElements where child.isWord("sectPr") { child.removeFromParent() }
        return properties
    }

    private static func keyword(of instruction: String) -> String {
        String(instruction.trimmingWhitespace().prefix { !$0.isWhitespace }).uppercased()
    }

    // MARK: Language

    /// The language of a field: its run's `w:lang`, else its paragraph's, else the document's.
    private func language(of run: XElement?, paragraph: XElement? = nil) -> FieldLanguage {
        if let code = run?.wordChild("rPr")?.wordChild("lang")?.wordAttribute("val") { return FieldLanguage(code: code) }
        let paragraph = paragraph ?? run?.ancestor { $0.isWord("p") }
        if let code = paragraph?.wordChild("pPr")?.wordChild("rPr")?.wordChild("lang")?.wordAttribute("val") {
            return FieldLanguage(code: code)
        }
        return documentLanguage
    }
}

/// A slot as the scanner made it, before the part is compiled.
struct SlotDraft {
    let expression: FieldExpression
    /// The `w:rPr` of the field's result run: the value keeps the field's formatting.
    let runProperties: XElement?
    /// The field's own runs, written back when `--missing keep` leaves it in place.
    let original: [XElement]?
    let occurrences: [FieldCompiler.Occurrence]
    /// The field sits in another field's instruction: its value is instruction text.
    let inInstruction: Bool
    /// For a field over several paragraphs: the properties of the paragraph a paragraph mark in its
    /// value starts.
    let paragraphProperties: XElement?
}
