/// A compiled text part: literal bytes and the holes where field values go, with the paragraphs
/// to drop when all their fields come out empty. Rendering runs it without any XML parsing.
struct PartProgram: Sendable {
    enum Operation: Sendable {
        /// Bytes `start..<end` of `literals`.
        case literal(start: Int, end: Int)
        /// The value of a slot (template-wide index).
        case slot(Int)
        /// When every listed slot is blank, continue at operation `resumeAt` (drops a paragraph).
        case skipWhenBlank(slots: [Int], resumeAt: Int)
        /// Unless the `IF` of test slot `slot` comes out `when`, continue at operation `resumeAt`
        /// (leaves out the `IF` text that was not chosen).
        case region(slot: Int, when: Bool, resumeAt: Int)
    }

    let literals: [UInt8]
    let operations: [Operation]
}

/// Serialises a rewritten part tree into a `PartProgram`.
struct PartProgramBuilder {
    private var serializer = XMLSerializer()
    private var operations: [PartProgram.Operation] = []
    private var literalStart = 0
    /// The region operations not yet closed, innermost last.
    private var openRegions: [Int] = []
    private let slotBase: Int
    private let blankParagraphs: [ObjectIdentifier: [Int]]

    init(slotBase: Int, blankParagraphs: [ObjectIdentifier: [Int]]) {
        self.slotBase = slotBase
        self.blankParagraphs = blankParagraphs
    }

    static func build(_ document: XDocument, slotBase: Int) -> PartProgram {
        var builder = PartProgramBuilder(slotBase: slotBase, blankParagraphs: BlankParagraphs.find(in: document.root))
        builder.serializer.writeDeclaration(standalone: document.standalone)
        builder.write(document.root)
        builder.flush()
        return PartProgram(literals: builder.serializer.output, operations: builder.operations)
    }

    private mutating func flush() {
        let end = serializer.output.count
        if end > literalStart { operations.append(.literal(start: literalStart, end: end)) }
        literalStart = end
    }

    private mutating func write(_ node: XNode) {
        guard let element = node as? XElement else {
            if let slot = node as? XFieldSlot {
                flush()
                operations.append(.slot(slotBase + slot.slot))
            } else if let marker = node as? XRegionMarker {
                flush()
                if marker.isStart {
                    openRegions.append(operations.count)
                    operations.append(.region(slot: slotBase + marker.slot, when: marker.when, resumeAt: -1))
                } else if let open = openRegions.popLast(), case let .region(slot, when, _) = operations[open] {
                    operations[open] = .region(slot: slot, when: when, resumeAt: operations.count)
                }
            } else {
                serializer.write(node)
            }
            return
        }
        let blankSlots = blankParagraphs[ObjectIdentifier(element)]
        var skipIndex: Int?
        if let blankSlots {
            flush()
            skipIndex = operations.count
            operations.append(.skipWhenBlank(slots: blankSlots.map { slotBase + $0 }, resumeAt: -1))
        }
        serializer.writeStartTag(element, selfClosing: element.children.isEmpty)
        if !element.children.isEmpty {
            for child in element.children { write(child) }
            serializer.writeEndTag(element)
        }
        if let skipIndex, let blankSlots {
            flush()
            operations[skipIndex] = .skipWhenBlank(slots: blankSlots.map { slotBase + $0 }, resumeAt: operations.count)
        }
    }
}
