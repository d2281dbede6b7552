/// Runs a part program for one record: literals, field values with their run markup, and the jumps
/// of blank paragraphs and conditional regions. What it writes goes to a `PartOutput`: the part's
/// bytes, or precompressed pieces and coded values.
enum PartRunner {
    static func run<Output: PartOutput>(_ program: PartProgram, slots: [CompiledSlot], values: [String?], into output: inout Output) {
        let operations = program.operations
        var index = 0
        while index < operations.count {
            switch operations[index] {
            case let .literal(start, end):
                output.literal(index, start: start, end: end)
            case let .slot(slot):
                output.beginSlot(slot)
                if let value = values[slot] {
                    write(value, breaksParagraphs: slots[slot].paragraphBreak != nil, into: &output)
                } else {
                    output.original()
                }
                output.endSlot()
            case let .skipWhenBlank(blank, resumeAt):
                if blank.allSatisfy({ values[$0]?.isEmpty == true }) {
                    index = resumeAt
                    continue
                }
            case let .region(slot, when, resumeAt):
                if (values[slot] == "1") != when {
                    index = resumeAt
                    continue
                }
            }
            index += 1
        }
    }

    /// The value as a run with the field's formatting: `\n` and `\r\n` become breaks, `\t` tabs,
    /// U+2029 a paragraph mark (a field over several paragraphs).
    private static func write<Output: PartOutput>(_ value: String, breaksParagraphs: Bool, into output: inout Output) {
        guard !value.isEmpty else { return }
        var runOpen = false
        var textOpen = false
        var previousWasCR = false
        var bytes = value.utf8.makeIterator()
        while let byte = bytes.next() {
            // U+2029 (E2 80 A9), a paragraph mark from an IF text over several paragraphs.
            if byte == 0xE2, breaksParagraphs {
                var lookahead = bytes
                if lookahead.next() == 0x80, lookahead.next() == 0xA9 {
                    bytes = lookahead
                    if textOpen { output.markup(.textClose); textOpen = false }
                    if runOpen { output.markup(.runClose); runOpen = false }
                    output.markup(.paragraphBreak)
                    previousWasCR = false
                    continue
                }
            }
            if !runOpen { output.markup(.runOpen); runOpen = true }
            switch byte {
            case 0x0A, 0x0D, 0x09:
                let isLF = byte == 0x0A
                defer { previousWasCR = byte == 0x0D }
                if isLF && previousWasCR { continue }
                if textOpen { output.markup(.textClose); textOpen = false }
                output.markup(byte == 0x09 ? .tab : .lineBreak)
            default:
                previousWasCR = false
                if !textOpen { output.markup(.textOpen); textOpen = true }
                switch byte {
                case UInt8(ascii: "&"): output.text("&amp;")
                case UInt8(ascii: "<"): output.text("&lt;")
                case UInt8(ascii: ">"): output.text("&gt;")
                default: output.text(byte)
                }
            }
        }
        if textOpen { output.markup(.textClose) }
        if runOpen { output.markup(.runClose) }
    }
}

/// The markup a field's value is written with (`RunMarkup`, and the field's run properties).
enum SlotMarkup {
    case runOpen, runClose, textOpen, textClose, lineBreak, tab, paragraphBreak
}

/// Where `PartRunner` writes a part.
protocol PartOutput {
    /// Literal operation `index` of the program: its bytes `start..<end`.
    mutating func literal(_ index: Int, start: Int, end: Int)
    /// A field's value begins (template-wide slot index).
    mutating func beginSlot(_ slot: Int)
    /// Markup of the current field.
    mutating func markup(_ kind: SlotMarkup)
    /// One byte of the value's text, escaped.
    mutating func text(_ byte: UInt8)
    /// Escaped text: an entity.
    mutating func text(_ entity: StaticString)
    /// The field as the template had it (`--missing keep`).
    mutating func original()
    /// The current field's value is written.
    mutating func endSlot()
}

/// A part's bytes, uncompressed (letter format 1, PDFs, combined documents).
struct PlainPartOutput: PartOutput {
    var bytes: [UInt8]
    let literals: [UInt8]
    let slots: [CompiledSlot]
    private var slot = 0

    init(bytes: [UInt8], program: PartProgram, slots: [CompiledSlot]) {
        self.bytes = bytes
        literals = program.literals
        self.slots = slots
    }

    mutating func literal(_ index: Int, start: Int, end: Int) {
        literals.withUnsafeBufferPointer { bytes.append(contentsOf: $0[start..<end]) }
    }

    mutating func beginSlot(_ slot: Int) { self.slot = slot }

    mutating func markup(_ kind: SlotMarkup) {
        let slot = slots[slot]
        switch kind {
        case .runOpen: bytes += slot.runOpen
        case .runClose: bytes += slot.markup.runClose
        case .textOpen: bytes += slot.markup.textOpen
        case .textClose: bytes += slot.markup.textClose
        case .lineBreak: bytes += slot.markup.lineBreak
        case .tab: bytes += slot.markup.tab
        case .paragraphBreak: bytes += slot.paragraphBreak ?? []
        }
    }

    mutating func text(_ byte: UInt8) { bytes.append(byte) }

    mutating func text(_ entity: StaticString) {
        entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func original() { bytes += slots[slot].original }

    mutating func endSlot() {}
}
