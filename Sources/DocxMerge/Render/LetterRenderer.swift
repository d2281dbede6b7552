/// Renders letters from a `LetterPlan`, one record at a time, reusing its buffers and compressor.
/// Not Sendable: give each thread its own.
public final class LetterRenderer {
    /// The template and columns this renderer writes letters for.
    public let plan: LetterPlan
    private let deflater: Deflater
    private var writer = ZipWriter()
    private var scratch: [UInt8] = []
    private var slotValues: [String?]
    private let splicer = LetterSplicer()

    /// The most the part buffer keeps from one letter to the next.
    static let keptCapacity = 8 << 20

    /// A renderer with its own buffers and compressor.
    public init(plan: LetterPlan) {
        self.plan = plan
        deflater = Deflater(level: plan.compressionLevel)
        slotValues = Array(repeating: nil, count: plan.template.slots.count)
    }

    /// The `.docx` for one record; `values` are in the order of the plan's columns.
    /// Throws `MergeError.forbiddenCharacter` for a value XML cannot hold.
    public func render(_ values: [String]) throws -> [UInt8] {
        var parts: [String: [UInt8]]?
        return try assemble(values, parts: &parts)
    }

    /// The `.docx` for one record and, from the same pass, its rendered parts uncompressed (as
    /// `renderParts` gives them), for a run that writes each letter and combines them too.
    public func renderWithParts(_ values: [String]) throws -> (document: [UInt8], parts: [String: [UInt8]]) {
        var parts: [String: [UInt8]]? = [:]
        let document = try assemble(values, parts: &parts)
        return (document, parts ?? [:])
    }

    /// The HTML of one record's letter, from `html` (compiled once for this renderer's template) and
    /// the record's values, without the letter: the same HTML `LetterHTML(docx:)` makes from it.
    /// Nil when the letter itself must be converted (`TemplateHTML.render`). `contentIDSuffix` names
    /// its pictures as `LetterHTML` does.
    public func html(_ values: [String], html: TemplateHTML, contentIDSuffix: String) throws -> LetterHTML? {
        precondition(html.template === plan.template, "the HTML was compiled for another template")
        try evaluateSlots(values)
        return html.render(slotValues: slotValues, contentIDSuffix: contentIDSuffix)
    }

    /// Writes the letter; when `parts` is not nil, also keeps each rendered part in it.
    private func assemble(_ values: [String], parts: inout [String: [UInt8]]?) throws -> [UInt8] {
        try evaluateSlots(values)
        if let spliced = plan.spliced {
            if parts != nil {
                for case let .rendered(name, part) in plan.preparedEntries {
                    scratch.removeAll(keepingCapacity: scratch.capacity <= Self.keptCapacity)
                    run(part)
                    parts?[String(decoding: name, as: UTF8.self)] = scratch
                }
            }
            return splicer.letter(plan: plan, spliced: spliced, values: slotValues)
        }
        writer.reset()
        for entry in plan.preparedEntries {
            switch entry {
            case let .constant(name, method, crc32, compressedSize, size, record):
                writer.appendPrepared(record, name: name, method: method, crc32: crc32, compressedSize: compressedSize, size: size)
            case let .rendered(name, part):
                // A letter with a huge value does not leave its buffer to every later letter.
                scratch.removeAll(keepingCapacity: scratch.capacity <= Self.keptCapacity)
                run(part)
                if parts != nil { parts?[String(decoding: name, as: UTF8.self)] = scratch }
                let level = plan.compressionLevel
                writer.appendEntry(name: name, method: level == 0 ? 0 : 8) { out in
                    scratch.withUnsafeBytes { input in
                        let crc = Checksum.crc32(input)
                        if level == 0 { out.append(contentsOf: input) } else { deflater.compress(input, appendingTo: &out) }
                        return (crc, input.count)
                    }
                }
            }
        }
        writer.finish()
        return writer.bytes
    }

    /// The parts rendered for one record, uncompressed, by name (`word/document.xml`, headers,
    /// footers, notes that hold fields): what a `LetterCombiner` takes. Parts without fields are the
    /// template's and are not repeated here.
    public func renderParts(_ values: [String]) throws -> [String: [UInt8]] {
        try evaluateSlots(values)
        var parts: [String: [UInt8]] = [:]
        for case let .rendered(name, part) in plan.preparedEntries {
            scratch.removeAll(keepingCapacity: true)
            run(part)
            parts[String(decoding: name, as: UTF8.self)] = scratch
        }
        return parts
    }

    /// Checks one record without writing its letter: throws what `render` would throw.
    public func check(_ values: [String]) throws {
        try evaluateSlots(values)
    }

    /// The values every field reads in this record, by field name (for the interaction log). A Mailings
    /// block's address fields are given under the column each read, so the same columns read them again.
    public func mergedValues(_ values: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: sortedMergedValues(values))
    }

    /// `mergedValues` as pairs sorted by name, without sorting per letter.
    public func sortedMergedValues(_ values: [String]) -> [(name: String, value: String)] {
        let evaluator = FieldEvaluator(values: values, columnForVariable: plan.columnForVariable)
        return plan.mergedValueOrder.map { ($0.name, evaluator.value(of: $0.variable)) }
    }

    private func evaluateSlots(_ values: [String]) throws {
        let evaluator = FieldEvaluator(values: values, columnForVariable: plan.columnForVariable)
        for (index, slot) in plan.template.slots.enumerated() {
            if plan.keptSlots[index] {
                slotValues[index] = nil
                continue
            }
            let value = evaluator.evaluate(slot.expression)
            if let bad = XMLCharacters.firstForbidden(in: value) {
                throw MergeError.forbiddenCharacter(field: slot.displayName, codePoint: bad.value)
            }
            slotValues[index] = value
        }
    }

    /// Runs part program `part` into `scratch`, uncompressed.
    private func run(_ part: Int) {
        var output = PlainPartOutput(bytes: [], program: plan.template.parts[part], slots: plan.template.slots)
        swap(&output.bytes, &scratch)
        PartRunner.run(plan.template.parts[part], slots: plan.template.slots, values: slotValues, into: &output)
        swap(&output.bytes, &scratch)
    }
}
