/// A complex field found in a part (`fldChar begin` … `end`), before it is compiled.
final class ScannedField {
    /// Positions in the part's list of runs and proofing marks, in document order.
    let beginItem: Int
    var separateItem: Int?
    var endItem: Int?
    let beginRun: XElement
    var endRun: XElement?
    /// The instruction: `w:instrText` text and nested fields.
    var pieces: [InstructionPiece] = [] {
        didSet { cachedKeyword = nil }
    }
    /// `keyword`, worked out once for the current `pieces` (it is asked for many times per field).
    private var cachedKeyword: String?
    /// The first run of the instruction and of the result; the field's formatting comes from them.
    var firstInstructionRun: XElement?
    var firstResultRun: XElement?
    /// The text Word last showed for the field (used when a nested field is not about the data).
    var resultText = ""
    /// Fields inside the result (merged when this field is not about the data).
    var resultFields: [ScannedField] = []
    /// For each piece of the instruction, the `w:instrText` its text came from (nil for other pieces).
    var pieceSources: [XElement?] = []
    /// The runs holding this field's own instruction text (not that of fields nested in it).
    var instructionRuns: [XElement] = []
    /// The instruction holds more than plain text in one formatting: pictures or other objects,
    /// hyperlinks, tables, paragraph marks, runs formatted differently.
    var hasRichContent = false
    /// The formatting of the first instruction run, to compare the others with.
    var instructionFormatting: [UInt8]?
    /// The region markers placed for this field's texts.
    var markers: [XRegionMarker] = []
    /// The number (from 1) of the paragraph holding the field's begin, for messages.
    var paragraphNumber = 0

    /// Adds instruction text; `source` is the `w:instrText` it came from.
    func appendText(_ text: String, source: XElement? = nil) {
        pieces.append(.text(text))
        pieceSources.append(source)
    }

    /// Adds a field nested in the instruction.
    func appendField(_ field: ScannedField) {
        pieces.append(.field(field))
        pieceSources.append(nil)
    }

    init(beginItem: Int, beginRun: XElement) {
        self.beginItem = beginItem
        self.beginRun = beginRun
    }

    /// A `w:fldSimple` met inside a complex field, as a field of its own: its instruction, and its
    /// runs as the cached result.
    init(simpleField element: XElement, item: Int) {
        beginItem = item
        beginRun = element
        endItem = item
        endRun = element
        pieces = [.text(element.wordAttribute("instr") ?? "")]
        pieceSources = [nil]
        resultText = element.textContent
        var firstRun: XElement?
        element.forEachElement { if firstRun == nil, $0.isWord("r") { firstRun = $0 } }
        firstResultRun = firstRun
    }

    /// The instruction as text, nested fields shown in braces, for messages.
    var instructionText: String { pieces.displayText }

    /// The first word of the instruction, upper-cased (`MERGEFIELD`, `IF`, `PAGE`, …).
    var keyword: String {
        if let cachedKeyword { return cachedKeyword }
        var keyword = ""
        if case let .word(pieces)? = InstructionTokenizer.tokenize(pieces).first, case let .text(text)? = pieces.first {
            keyword = text.uppercased()
        }
        cachedKeyword = keyword
        return keyword
    }

    /// True when the field reads the data: a `MERGEFIELD`, or an `IF` that holds one.
    var readsData: Bool {
        switch keyword {
        case "MERGEFIELD", "ADDRESSBLOCK", "GREETINGLINE": return true
        case "IF":
            return pieces.contains { piece in
                if case let .field(nested) = piece { return nested.readsData }
                return false
            }
        default: return false
        }
    }
}

/// Field keywords that need record navigation or a person at the keyboard.
enum FieldKeywords {
    /// Fields that read the record on their own.
    static let data: Set<String> = ["MERGEFIELD", "ADDRESSBLOCK", "GREETINGLINE"]
    /// Fields whose value is lines, each written in a paragraph of its own.
    static let paragraphs: Set<String> = ["ADDRESSBLOCK"]
    static let unsupported: Set<String> = ["NEXT", "NEXTIF", "SKIPIF", "ASK", "FILLIN", "MERGEREC", "MERGESEQ"]
}
