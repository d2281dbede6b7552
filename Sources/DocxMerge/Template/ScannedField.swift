/// A complex field found in a part (`fldChar begin` … `end`), before it is compiled.
final class ScannedField {
    /// Positions in the part's list of runs and proofing marks, in document order.
    let beginItem: Int
    var separateItem: Int?
    var endItem: Int?
    let beginRun: XElement
    var endRun: XElement?
    /// The instruction: `w:instrText` text and nested fields.
    var pieces: [InstructionPiece] = []
    /// The first run of the instruction and of the result; the field's formatting comes from them.
    var firstInstructionRun: XElement?
    var firstResultRun: XElement?
    /// The text Word last showed for the field (used when a nested field is not about the data).
    var resultText = ""
    /// Fields inside the result (merged when this field is not about the data).
    var resultFields: [ScannedField] = []

    init(beginItem: Int, beginRun: XElement) {
        self.beginItem = beginItem
        self.beginRun = beginRun
    }

    /// The instruction as text, nested fields shown in braces, for messages.
    var instructionText: String { pieces.displayText }

    /// The first word of the instruction, upper-cased (`MERGEFIELD`, `IF`, `PAGE`, …).
    var keyword: String {
        guard case let .word(pieces)? = InstructionTokenizer.tokenize(pieces).first,
              case let .text(text)? = pieces.first else { return "" }
        return text.uppercased()
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
