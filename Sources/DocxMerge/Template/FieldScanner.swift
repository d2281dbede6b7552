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
    /// Fields left in place by `--keep-unknown`, each said once.
    private(set) var warnings: [String] = []

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
        // Complex fields first: a `w:fldSimple` inside one's instruction is a field nested in it.
        try replaceComplexFields(in: root)
        try replaceSimpleFields(in: root)
        try PlaceholderScanner.replacePlaceholders(in: root) { name, run in
            compiler.language = language(of: run)
            let expression = compiler.compilePlaceholder(name)
            return makeSlot(expression, properties: run?.wordProperties("rPr"), original: nil)
        }
    }

    /// A subtree's markup, kept instead of a copy of its elements (a slot needs only the bytes).
    private static func serialized(_ element: XElement) -> [UInt8] {
        var serializer = XMLSerializer()
        serializer.write(element)
        return serializer.output
    }

    /// Stands for a paragraph mark typed inside a field's instruction.
    static let paragraphMark = "\u{2029}"

    private mutating func makeSlot(_ expression: FieldExpression, properties: XElement?, original: [XElement]?,
                                   inInstruction: Bool = false, paragraphProperties: XElement? = nil) -> XFieldSlot {
        slots.append(SlotDraft(expression: expression, runProperties: properties.map(Self.serialized) ?? [],
                               original: original.map { $0.flatMap(Self.serialized) }, occurrences: compiler.occurrences,
                               inInstruction: inInstruction, paragraphProperties: paragraphProperties.map(Self.serialized)))
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
            let slot = makeSlot(expression, properties: firstRun?.wordProperties("rPr"), original: [field],
                                paragraphProperties: FieldKeywords.paragraphs.contains(keyword) ? Self.lineProperties(of: paragraph) : nil)
            guard let parent = field.parent, let index = field.indexInParent else { continue }
            parent.children[index] = slot
            slot.parent = parent
            field.parent = nil
        }
    }

    // MARK: Complex fields

    /// Fields nested deeper than this are refused (nothing recurses on deeper input).
    static let maximumNesting = 64

    /// Replaces the complex fields about the data, pass after pass: an `IF` whose texts keep their
    /// content (pictures, tables, paragraphs) leaves its texts in the document, and the fields in
    /// them are merged by the next pass.
    private mutating func replaceComplexFields(in root: XElement) throws {
        var reported = Set<ObjectIdentifier>()
        for _ in 0...Self.maximumNesting {
            let transformed = try replaceComplexFieldsOnce(in: root, reported: &reported)
            if !transformed { return }
        }
    }

    /// One pass; true when some `IF` was turned into conditional regions (another pass is needed).
    private mutating func replaceComplexFieldsOnce(in root: XElement, reported: inout Set<ObjectIdentifier>) throws -> Bool {
        var items: [XElement] = []
        var stack: [ScannedField] = []
        var topLevel: [ScannedField] = []
        var paragraphNumber = 0
        var structural: [MergeError] = []

        // The first break in the fields' structure is reported; what follows it is seen through it.
        func structuralProblem(_ reason: String) {
            guard structural.isEmpty else { return }
            structural.append(.unsupportedField(file: file, part: part, instruction: "paragraph \(paragraphNumber)", reason: reason))
        }

        func visit(_ element: XElement) {
            if element.isWord("p") { paragraphNumber += 1 }
            if element.isWord("proofErr") {
                items.append(element)
                return
            }
            // A `w:fldSimple` inside a complex field (Word writes one when a field is inserted into an
            // `IF`): in the instruction it is a nested field; in the result, cached text that goes with it.
            if element.isWord("fldSimple"), let open = stack.last {
                items.append(element)
                let nested = ScannedField(simpleField: element, item: items.count - 1)
                if open.separateItem == nil {
                    open.appendField(nested)
                } else {
                    open.resultText += nested.resultText
                    open.resultFields.append(nested)
                }
                return
            }
            // A container met in an instruction (a hyperlink, a table, a content control) makes it rich;
            // what sits in a run is looked at run by run.
            if let open = stack.last, open.separateItem == nil, !(element.parent?.isWord("r") ?? false),
               !(element.parent?.isWord("pPr") ?? false), !Self.plainInstructionElements.contains(element.name.localName) {
                open.hasRichContent = true
            }
            if element.isWord("r") {
                items.append(element)
                processRun(element, item: items.count - 1)
            }
            for child in element.children {
                if let child = child as? XElement {
                    visit(child)
                } else if let raw = child as? XRaw {
                    paragraphNumber += raw.paragraphs
                }
            }
            // A paragraph mark inside an instruction (an IF text over several paragraphs).
            if element.isWord("p"), let open = stack.last, open.separateItem == nil {
                open.appendText(FieldScanner.paragraphMark)
                open.hasRichContent = true
            }
        }

        func processRun(_ run: XElement, item: Int) {
            for child in run.childElements {
                if child.isWord("fldChar") {
                    switch child.wordAttribute("fldCharType") {
                    case "begin":
                        guard stack.count < Self.maximumNesting else {
                            structuralProblem("fields nested deeper than \(Self.maximumNesting) levels")
                            continue
                        }
                        let field = ScannedField(beginItem: item, beginRun: run)
                        field.paragraphNumber = paragraphNumber
                        stack.append(field)
                    case "separate":
                        guard let field = stack.last else {
                            structuralProblem("a field separator with no field begun before it")
                            continue
                        }
                        if field.separateItem != nil {
                            structuralProblem("a field with a second separator")
                        }
                        field.separateItem = item
                    case "end":
                        guard let field = stack.popLast() else {
                            structuralProblem("a field end with no field begun before it")
                            continue
                        }
                        field.endItem = item
                        field.endRun = run
                        if let parent = stack.last {
                            if parent.separateItem == nil {
                                parent.appendField(field)
                            } else {
                                parent.resultText += field.resultText
                                parent.resultFields.append(field)
                            }
                        } else {
                            topLevel.append(field)
                        }
                    default: break
                    }
                } else if let field = stack.last, field.separateItem == nil {
                    noteInstructionContent(child, of: run, in: field)
                } else if child.isWord("t") || child.isWord("instrText"), let field = stack.last {
                    if field.firstResultRun == nil { field.firstResultRun = run }
                    field.resultText += child.textContent
                }
            }
        }

        visit(root)
        if let open = stack.first {
            paragraphNumber = open.paragraphNumber
            structuralProblem("a field begun here ('\(open.instructionText.prefix(60))') has no end")
        }
        guard structural.isEmpty else {
            problems += structural
            return false
        }
        var plans: [BranchPlan] = []
        var edits = TreeEdits()
        for field in topLevel {
            process(field, inInstruction: false, items: items, plans: &plans, edits: &edits, reported: &reported)
        }
        edits.apply()
        BranchRegions.apply(plans, in: root)
        return !plans.isEmpty
    }

    /// Elements an instruction may hold without being more than text.
    private static let plainInstructionElements: Set<String> = ["r", "p", "pPr", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd"]

    /// Records one child of an instruction run: its text, a line break, or content that makes the
    /// instruction rich (an object, or formatting that differs from the first run's).
    private func noteInstructionContent(_ child: XElement, of run: XElement, in field: ScannedField) {
        if child.isWord("rPr") || child.isWord("lastRenderedPageBreak") { return }
        if child.isWord("cr") || child.isWord("br") {
            // A line break typed in an instruction (Word writes `<w:cr/>` in a Mailings format).
            field.appendText("\n")
            return
        }
        guard child.isWord("instrText") else {
            field.hasRichContent = true
            return
        }
        if field.firstInstructionRun == nil { field.firstInstructionRun = run }
        if field.instructionRuns.last !== run {
            field.instructionRuns.append(run)
            let formatting = Self.visibleFormatting(of: run)
            if let first = field.instructionFormatting {
                if first != formatting { field.hasRichContent = true }
            } else {
                field.instructionFormatting = formatting
            }
        }
        field.appendText(child.textContent, source: child)
    }

    /// A run's formatting without what does not show (proofing language, revision ids).
    private static func visibleFormatting(of run: XElement) -> [UInt8] {
        guard let properties = run.wordProperties("rPr") else { return [] }
        var serializer = XMLSerializer()
        for child in properties.childElements where !(child.isWord("lang") || child.isWord("noProof") || child.isWord("rsidRPr")) {
            serializer.write(child)
        }
        return serializer.output
    }

    /// Replaces a field about the data by a slot; in any other field, looks for fields about the
    /// data in its instruction (`HYPERLINK "mailto:{ MERGEFIELD Email }"`) and in its result. An `IF`
    /// whose texts hold more than plain text becomes a test slot and a `BranchPlan`.
    private mutating func process(_ field: ScannedField, inInstruction: Bool, items: [XElement],
                                  plans: inout [BranchPlan], edits: inout TreeEdits, reported: inout Set<ObjectIdentifier>) {
        guard let endItem = field.endItem, let endRun = field.endRun else { return }
        let firstTime = reported.insert(ObjectIdentifier(field.beginRun)).inserted
        guard shouldReplace(keyword: field.keyword, readsData: field.readsData, instruction: field.instructionText,
                            paragraph: field.paragraphNumber, report: firstTime) else {
            if FieldKeywords.unsupported.contains(field.keyword) { return }
            for case let .field(nested) in field.pieces {
                process(nested, inInstruction: true, items: items, plans: &plans, edits: &edits, reported: &reported)
            }
            for nested in field.resultFields {
                process(nested, inInstruction: inInstruction, items: items, plans: &plans, edits: &edits, reported: &reported)
            }
            return
        }
        guard let paragraph = field.beginRun.ancestor(where: { $0.isWord("p") }),
              let endParagraph = endRun.ancestor(where: { $0.isWord("p") }) else { return }
        let formatRun = field.firstResultRun ?? field.firstInstructionRun ?? field.beginRun
        compiler.language = language(of: formatRun, paragraph: paragraph)
        if !inInstruction, let plan = branchPlan(field) {
            plans.append(plan)
            return
        }
        var paragraphProperties: XElement?
        if paragraph !== endParagraph {
            guard let last = joinParagraphs(from: paragraph, through: endParagraph) else {
                problems.append(.unsupportedField(file: file, part: part, instruction: field.instructionText,
                                                  reason: "the field spans paragraphs that are not one after the other"))
                return
            }
            paragraphProperties = last.wordProperties("pPr") ?? last.makeWordElement("pPr")
        } else if FieldKeywords.paragraphs.contains(field.keyword) {
            paragraphProperties = Self.lineProperties(of: paragraph)
        }
        let kind: MergeField.Kind = field.keyword == "IF" ? .condition : .complex
        guard let expression = compileOrKeep(field.pieces, kind: kind) else { return }
        let removed = items[field.beginItem...endItem].filter { ($0.isWord("r") || $0.isWord("fldSimple")) && $0.parent != nil }
        let slot = makeSlot(expression, properties: formatRun.wordProperties("rPr"), original: removed,
                            inInstruction: inInstruction, paragraphProperties: paragraphProperties)
        edits.insert(slot, before: field.beginRun)
        edits.remove(items[field.beginItem...endItem])
    }

    /// The plan for an `IF` whose texts keep their content: nil when the field is not such an `IF`
    /// (plain text in one formatting, a case switch, texts that cannot be located), then it is merged
    /// as text.
    private mutating func branchPlan(_ field: ScannedField) -> BranchPlan? {
        guard field.keyword == "IF", field.hasRichContent else { return nil }
        let tokens = InstructionTokenizer.tokenizeWithSpans(field.pieces)
        var operands: [(token: InstructionToken, span: TokenSpan)] = []
        var index = 1
        while index < tokens.count {
            switch tokens[index].token {
            case .comparison: break
            case let .switchFlag(flag):
                // `\* MERGEFORMAT` and `\* CHARFORMAT` only; a case switch needs the text as text.
                guard flag == "*", index + 1 < tokens.count,
                      ["MERGEFORMAT", "CHARFORMAT"].contains(tokens[index + 1].token.plainText?.uppercased() ?? "") else { return nil }
                index += 1
            default: operands.append(tokens[index])
            }
            index += 1
        }
        guard (3...4).contains(operands.count) else { return nil }
        var branches: [(when: Bool, start: BranchPlan.Boundary, end: BranchPlan.Boundary)] = []
        for (offset, when) in [(2, true), (3, false)] where offset < operands.count {
            guard let edges = boundaries(of: operands[offset], in: field) else { return nil }
            branches.append((when, edges.0, edges.1))
        }
        let draftPlan = BranchPlan(field: field, slot: -1, branches: branches)
        guard BranchRegions.isSupported(draftPlan) else { return nil }
        let test: FieldExpression
        do {
            test = try compiler.compileTest(field.pieces)
        } catch {
            compiler.resetOccurrences()
            if let error = error as? MergeError { problems.append(error) }
            return nil
        }
        let slot = makeSlot(test, properties: nil, original: nil)
        return BranchPlan(field: field, slot: slot.slot, branches: branches)
    }

    /// Where an `IF` text lies: after its opening quote and before its closing one (or around a word).
    private func boundaries(of operand: (token: InstructionToken, span: TokenSpan), in field: ScannedField)
        -> (BranchPlan.Boundary, BranchPlan.Boundary)? {
        guard let start = operand.span.start, let end = operand.span.end else { return nil }
        func boundary(_ position: InstructionPosition, after: Bool) -> BranchPlan.Boundary? {
            switch field.pieces[position.piece] {
            case .text:
                guard let source = field.pieceSources[position.piece] else { return nil }
                return .text(source, offset: position.offset + (after ? 1 : 0))
            case let .field(nested):
                guard let run = after ? nested.endRun : nested.beginRun else { return nil }
                return after ? .afterRun(run) : .beforeRun(run)
            }
        }
        switch operand.token {
        case .quoted:
            guard start != end, let open = boundary(start, after: true), let close = boundary(end, after: false) else { return nil }
            return (open, close)
        case .word:
            guard let first = boundary(start, after: false), let last = boundary(end, after: true) else { return nil }
            return (first, last)
        default:
            return nil
        }
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
    private mutating func shouldReplace(keyword: String, readsData: Bool, instruction: String,
                                        paragraph: Int = 0, report: Bool = true) -> Bool {
        if FieldKeywords.unsupported.contains(keyword) {
            if report {
                let place = paragraph > 0 ? " in paragraph \(paragraph)" : ""
                if keepUnknown {
                    warnings.append("\(file): \(part): field '\(instruction)'\(place) left in place (--keep-unknown): Word will ask or skip when the letter is opened")
                } else {
                    problems.append(.unsupportedField(file: file, part: part, instruction: instruction,
                                                      reason: "\(keyword) fields are not supported\(place) (they need record navigation or a person at the keyboard; use --keep-unknown to leave them in place)"))
                }
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
        let properties = (paragraph.wordProperties("pPr") ?? paragraph.makeWordElement("pPr")).deepCopy()
        for child in properties.childElements where child.isWord("sectPr") { child.removeFromParent() }
        return properties
    }

    private static func keyword(of instruction: String) -> String {
        String(instruction.trimmingWhitespace().prefix { !$0.isWhitespace }).uppercased()
    }

    // MARK: Language

    /// The language of a field: its run's `w:lang`, else its paragraph's, else the document's.
    private func language(of run: XElement?, paragraph: XElement? = nil) -> FieldLanguage {
        if let code = run?.wordProperties("rPr")?.wordChild("lang")?.wordAttribute("val") { return FieldLanguage(code: code) }
        let paragraph = paragraph ?? run?.ancestor { $0.isWord("p") }
        if let code = paragraph?.wordProperties("pPr")?.wordProperties("rPr")?.wordChild("lang")?.wordAttribute("val") {
            return FieldLanguage(code: code)
        }
        return documentLanguage
    }
}

/// A slot as the scanner made it, before the part is compiled.
struct SlotDraft {
    let expression: FieldExpression
    /// The `w:rPr` of the field's result run, as markup: the value keeps the field's formatting.
    let runProperties: [UInt8]
    /// The field's own runs, as markup, written back when `--missing keep` leaves it in place.
    let original: [UInt8]?
    let occurrences: [FieldCompiler.Occurrence]
    /// The field sits in another field's instruction: its value is instruction text.
    let inInstruction: Bool
    /// For a field over several paragraphs: the properties (as markup) of the paragraph a paragraph
    /// mark in its value starts.
    let paragraphProperties: [UInt8]?
}
