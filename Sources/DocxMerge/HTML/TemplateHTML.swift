/// The HTML of a template's letters, compiled once per template: the body's static HTML with the
/// fields' values, `IF` regions and suppressed blank paragraphs left to each record. A letter's
/// HTML is then made from the values the renderer evaluated, without reading the letter back; it
/// is the same HTML `LetterHTML(docx:)` makes from the rendered letter.
///
/// ```swift
/// guard case let .compiled(html) = TemplateHTML.compile(template) else { … convert each letter … }
/// let docx = try renderer.render(values)
/// let letterHTML = try renderer.html(values, html: html, contentIDSuffix: "abc@example.com")
/// ```
public final class TemplateHTML: Sendable {
    /// What compiling gave: the template's HTML, or why its letters must be converted one by one.
    public enum Compiled: Sendable {
        case compiled(TemplateHTML)
        case perLetter(reason: String)
    }

    /// The template compiled; its renderer's slot values fill the program.
    let template: MergeTemplate
    let program: HTMLProgram

    private init(template: MergeTemplate, program: HTMLProgram) {
        self.template = template
        self.program = program
    }

    /// Compiles the HTML of `template`'s body.
    public static func compile(_ template: MergeTemplate) -> Compiled {
        let file = template.file
        do {
            let read = { (name: String) throws -> [UInt8]? in try entryBytes(name, of: template) }
            let relationships = try read("word/_rels/document.xml.rels").map {
                HTMLRelationships(try XMLPartParser(file: file, part: "word/_rels/document.xml.rels").parse($0).root)
            } ?? HTMLRelationships()
            let numbering = try read("word/numbering.xml").map {
                HTMLNumbering(try XMLPartParser(file: file, part: "word/numbering.xml").parse($0).root)
            } ?? HTMLNumbering()
            let document: [UInt8]
            var marks: HTMLMarks?
            if let part = template.entries.lazy.compactMap({ entry -> Int? in
                if case let .rendered(name, part) = entry, name == TemplateCompiler.documentPart { return part }
                return nil
            }).first {
                guard let marked = HTMLMarks.markedDocument(template.parts[part], slots: template.slots) else {
                    return .perLetter(reason: "the document already holds the marks the HTML compiler uses")
                }
                (document, marks) = (marked.bytes, marked.marks)
            } else if let bytes = try read(TemplateCompiler.documentPart) {
                document = bytes
            } else {
                return .perLetter(reason: "the template has no \(TemplateCompiler.documentPart)")
            }
            let tree = try XMLPartParser(file: file, part: TemplateCompiler.documentPart).parse(document)
            var compiler = HTMLCompiler(relationships: relationships, numbering: numbering, marks: marks) { name in
                try? entryBytes(name, of: template)
            }
            guard let program = compiler.compile(tree.root) else {
                return .perLetter(reason: compiler.unsupported ?? "the body cannot be compiled")
            }
            return .compiled(TemplateHTML(template: template, program: program))
        } catch {
            return .perLetter(reason: "\(error)")
        }
    }

    /// The HTML of one letter from its evaluated slot values; nil when a field is left as the
    /// template has it (`--missing keep`): then the letter itself must be converted.
    func render(slotValues: [String?], contentIDSuffix: String) -> LetterHTML? {
        guard let (body, images) = program.run(slotValues: slotValues, contentIDSuffix: contentIDSuffix) else { return nil }
        return LetterHTML(body: body, images: images)
    }

    /// The uncompressed bytes of an entry that is the same in every letter; nil for one the template
    /// lacks or renders.
    private static func entryBytes(_ name: String, of template: MergeTemplate) throws -> [UInt8]? {
        for entry in template.entries {
            switch entry {
            case let .stored(entryName, method, _, _, size, bytes) where entryName == name:
                return method == 0 ? bytes : try RawInflater.inflate(bytes, size: size, file: template.file, part: name)
            case let .rewritten(entryName, bytes) where entryName == name:
                return bytes
            default:
                continue
            }
        }
        return nil
    }
}

/// The marks a template's rendered document carries for `HTMLCompiler`: each field as a run with the
/// field's formatting holding `<?lettershop-html slot N?>` (and, for a field over paragraphs, an
/// empty paragraph with the properties of those its value opens), each region or blank paragraph's start
/// as `<?lettershop-html control N?>` and each place one resumes as `<?lettershop-html resume N?>`
/// (N an operation of the part's `PartProgram`). Parsed, that document is the letter's, with the
/// marks where the renderer writes values and decides.
struct HTMLMarks {
    enum Mark {
        case slot(Int)
        case control(Int)
        case resume(Int)
    }

    static let target = "lettershop-html"

    /// The control operations by their index in the part's program, as HTML operations (resume
    /// point still to be set), with the operation they resume at.
    let controls: [Int: (operation: HTMLProgram.Operation, resumeAt: Int)]
    let regionCount: Int
    let slotsInInstruction: Set<Int>

    static func mark(_ raw: XRaw) -> Mark? {
        let prefix = "<?\(target) "
        guard raw.markup.hasPrefix(prefix), raw.markup.hasSuffix("?>") else { return nil }
        let words = raw.markup.dropFirst(prefix.count).dropLast(2).split(separator: " ")
        guard words.count == 2, let number = Int(words[1]) else { return nil }
        switch words[0] {
        case "slot": return .slot(number)
        case "control": return .control(number)
        case "resume": return .resume(number)
        default: return nil
        }
    }

    /// `program`'s document with the marks; nil when its own text holds a mark already.
    static func markedDocument(_ program: PartProgram, slots: [CompiledSlot]) -> (bytes: [UInt8], marks: HTMLMarks)? {
        let marker = Array("<?\(target)".utf8)
        if program.literals.count >= marker.count,
           (0...(program.literals.count - marker.count)).contains(where: { program.literals[$0] == marker[0] && program.literals[$0..<($0 + marker.count)].elementsEqual(marker) }) {
            return nil
        }
        var resumePoints = Set<Int>()
        for operation in program.operations {
            switch operation {
            case let .skipWhenBlank(_, resumeAt), let .region(_, _, resumeAt): resumePoints.insert(resumeAt)
            default: break
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(program.literals.count + program.operations.count * 32)
        var controls: [Int: (operation: HTMLProgram.Operation, resumeAt: Int)] = [:]
        var regionCount = 0
        var inInstruction = Set<Int>()
        func append(_ kind: String, _ number: Int) { bytes += Array("<?\(target) \(kind) \(number)?>".utf8) }
        for (index, operation) in program.operations.enumerated() {
            if resumePoints.contains(index) { append("resume", index) }
            switch operation {
            case let .literal(start, end):
                bytes += program.literals[start..<end]
            case let .slot(slot):
                let markup = slots[slot].markup
                bytes += slots[slot].runOpen
                append("slot", slot)
                if let paragraphBreak = slots[slot].paragraphBreak {
                    bytes += markup.paragraphOpen + paragraphBreak.dropFirst(markup.paragraphBreak.count) + markup.paragraphClose
                }
                bytes += markup.runClose
                if slots[slot].markup.inInstruction { inInstruction.insert(slot) }
            case let .skipWhenBlank(slotsOfParagraph, resumeAt):
                controls[index] = (.skipWhenBlank(slots: slotsOfParagraph, resumeAt: -1), resumeAt)
                append("control", index)
            case let .region(slot, when, resumeAt):
                controls[index] = (.region(slot: slot, when: when, resumeAt: -1), resumeAt)
                regionCount += 1
                append("control", index)
            }
        }
        if resumePoints.contains(program.operations.count) { append("resume", program.operations.count) }
        return (bytes, HTMLMarks(controls: controls, regionCount: regionCount, slotsInInstruction: inInstruction))
    }
}
