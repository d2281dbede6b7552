import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Writes many letters into one `.docx`: each letter in its own section starting on a new page,
/// with its own header and footer parts (fresh relationship ids) and page numbers from 1, and every
/// id that must be unique in a document made unique (drawings, bookmarks, notes, comments,
/// relationships; numbering instances of its own, so its lists restart).
///
/// Work is split in two: `prepare` takes a letter's rendered parts as bytes and does everything that
/// depends on that letter alone (ids come from the letter's number), on any thread; `append` adds
/// prepared letters in order, on one thread, writing straight to the file, so memory stays flat
/// however many letters there are. `commit` ends the file and moves it into place; until then the
/// destination is untouched.
///
/// ```swift
/// let combiner = try LetterCombiner(destination: "all.docx", plans: [plan])
/// let letter = try combiner.prepare(index: 0, plan: 0, parts: renderer.renderParts(values))
/// try combiner.append(letter)
/// try combiner.commit()
/// ```
public final class LetterCombiner: @unchecked Sendable {
    /// The file the combined document goes to.
    public let destination: String
    /// How many letters were appended.
    public private(set) var count = 0
    private let plans: [CombinedPlan]
    private let compressionLevel: Int
    private let numberingStride: Int
    private let workspaces = WorkspacePool()
    private let temporaryPath: String
    private let writer: CombinedPackageWriter
    private let document: DeflatedStream
    private let relationships: DeflatedStream
    private let contentTypes: DeflatedStream
    private let numbering: (stream: DeflatedStream, tail: [UInt8])?
    private var notes: [NoteKind: (stream: DeflatedStream, started: Bool)] = [:]
    /// The end of the last letter appended: written one way when another letter follows, another
    /// when it is the last.
    private var pendingTail: (within: [UInt8], atEnd: [UInt8])?
    private var finished = false
    /// The partial file's registration, removed if a signal ends the process.
    private var interruptionToken: Int?
    /// Letters from more than one template: a letter's section may lack a header or footer the one
    /// before it has, and gets an empty one instead of inheriting it.
    private var mixesTemplates: Bool { plans.count > 1 }

    /// Starts the combined document for letters from `plans` (a letter names its plan by index).
    /// `destination` must not exist, unless `replace`. The styles, settings and theme are the first
    /// plan's; each plan's pictures and lists come along.
    public init(destination: String, plans: [LetterPlan], replace: Bool = false) throws {
        precondition(!plans.isEmpty, "a combined document needs a template")
        self.destination = destination
        if !replace, access(destination, F_OK) == 0 {
            throw MergeError.io(path: destination, message: "the file exists (use --force to replace it)")
        }
        let parent = Folder.parent(of: destination)
        guard Folder.state(of: parent) != .missing else { throw MergeError.io(path: parent, message: "no such folder") }
        self.plans = try plans.enumerated().map { try CombinedPlan(template: $1.template, index: $0) }
        compressionLevel = plans[0].compressionLevel
        let highest = self.plans.flatMap { $0.numberingInstances.keys }.max() ?? 0
        numberingStride = Self.roundedUp(highest + 1)
        temporaryPath = parent + "/." + Folder.baseName(of: destination) + ".combining-\(getpid())"
        unlink(temporaryPath)
        writer = try CombinedPackageWriter(path: temporaryPath)
        let first = self.plans[0]
        let level = max(1, compressionLevel)
        document = try DeflatedStream(name: CombinedPlan.documentPart, deflater: nil)
        relationships = try DeflatedStream(name: CombinedPlan.documentRelationships, deflater: StreamDeflater(level: level))
        contentTypes = try DeflatedStream(name: "[Content_Types].xml", deflater: StreamDeflater(level: level))
        if let (part, definitions) = first.numbering {
            let stream = try DeflatedStream(name: part, deflater: StreamDeflater(level: level))
            try stream.append(definitions.head + self.plans.dropFirst().flatMap(\.abstractNumbering) + definitions.numbers)
            numbering = (stream, definitions.tail)
        } else {
            numbering = nil
        }
        for (kind, part) in first.noteParts {
            notes[kind] = (try DeflatedStream(name: part, deflater: StreamDeflater(level: level)), false)
        }
        do {
            try writeHeads()
            try writeConstantEntries()
        } catch {
            unlink(temporaryPath)
            throw error
        }
        interruptionToken = Interruption.register(file: temporaryPath)
    }

    deinit {
        if !finished { unlink(temporaryPath) }
        interruptionToken.map(Interruption.unregister)
    }

    /// Prepares letter number `index` (from 0, in the order letters are appended) of plan `plan`
    /// from its rendered parts (`LetterRenderer.renderParts`); parts the template has without
    /// fields need not be given. Safe to call from several threads at once.
    /// - Throws: `MergeError` when the letter holds more ids of one kind than a letter may.
    public func prepare(index: Int, plan: Int, parts: [String: [UInt8]]) throws -> CombinedLetter {
        let layout = plans[plan]
        let workspace = workspaces.take(level: compressionLevel)
        defer { workspaces.give(workspace) }
        let stride = numberingStride
        let number = index + 1
        var rewriter = PartRewriter(
            ids: LetterIDs(index: index),
            relationshipIDs: { old in layout.sectionParts[old] != nil ? "L\(number)_\(old)" : layout.sharedIDs[old] },
            numberingID: { old in layout.numberingInstances[old] != nil ? number * stride + old : nil },
            fillsMissingSectionParts: mixesTemplates && index > 0)
        guard let documentXML = parts[CombinedPlan.documentPart] ?? layout.constantText[CombinedPlan.documentPart] else {
            throw MergeError.missingPart(file: layout.template.file, part: CombinedPlan.documentPart)
        }
        let body = try rewriter.body(documentXML)
        var entries: [PreparedZipEntry] = []
        var relationshipText = ""
        var overrides = ""
        for (id, section) in layout.sectionParts.sorted(by: { $0.key < $1.key }) {
            guard let text = parts[section.part] ?? layout.constantText[section.part] else { continue }
            let base = "l\(number)-" + section.part.dropFirst("word/".count).split(separator: "/").joined(separator: "-")
            entries.append(PreparedZipEntry(name: "word/" + base, content: try rewriter.section(text), deflater: workspace.deflater))
            if let own = section.relationships {
                entries.append(PreparedZipEntry(name: "word/_rels/" + base + ".rels", content: own, deflater: workspace.deflater))
            }
            relationshipText += PackageRelationship(id: "L\(number)_\(id)", type: section.relationship.type, target: base, external: false).element
            overrides += ContentTypes.override(part: "word/" + base, type: section.contentType)
        }
        var letterNotes: [NoteKind: (head: [UInt8], notes: [UInt8])] = [:]
        for (kind, part) in layout.noteParts {
            guard let text = parts[part] ?? layout.constantText[part] else { continue }
            letterNotes[kind] = try rewriter.notes(text, kind: kind)
        }
        var lists: [UInt8] = []
        for old in rewriter.ids.numberings.sorted() {
            lists += Array("<w:num w:numId=\"\(number * stride + old)".utf8) + layout.numberingInstances[old]!
        }
        let split = body.split()
        var compressed: [UInt8] = []
        workspace.stream.reset()
        split.head.withUnsafeBytes { workspace.stream.compress($0, flush: .sync, appendingTo: &compressed) }
        return CombinedLetter(
            body: compressed, bodyCRC: split.head.withUnsafeBytes { StreamChecksum.crc32($0) }, bodySize: split.head.count,
            tailWithin: split.within, tailAtEnd: split.atEnd, entries: entries, relationships: Array(relationshipText.utf8),
            overrides: Array(overrides.utf8), numbering: lists, notes: letterNotes)
    }

    /// Adds the next letter, in order. Call from one thread.
    public func append(_ letter: CombinedLetter) throws {
        precondition(!finished, "letters appended after commit")
        try Interruption.check()
        if let pendingTail { try document.append(pendingTail.within) }
        try document.appendDeflated(letter.body, crc: letter.bodyCRC, size: letter.bodySize)
        pendingTail = (letter.tailWithin, letter.tailAtEnd)
        for entry in letter.entries { try writer.add(entry) }
        try relationships.append(letter.relationships)
        try contentTypes.append(letter.overrides)
        try numbering?.stream.append(letter.numbering)
        for (kind, part) in letter.notes {
            guard let (stream, started) = notes[kind] else { continue }
            if !started {
                try stream.append(part.head)
                notes[kind] = (stream, true)
            }
            try stream.append(part.notes)
        }
        count += 1
    }

    /// Ends the document and moves it into place (replacing what was there, if allowed).
    public func commit() throws {
        precondition(!finished, "commit called twice")
        do {
            try document.append(pendingTail?.atEnd ?? Array("<w:p/><w:sectPr/>".utf8))
            try document.append(Array("</w:body></w:document>".utf8))
            try relationships.append(Array("</Relationships>".utf8))
            try contentTypes.append(Array(ContentTypes.tail.utf8))
            try writer.add(contentTypes)
            try writer.add(document)
            try writer.add(relationships)
            if let numbering {
                try numbering.stream.append(numbering.tail)
                try writer.add(numbering.stream)
            }
            for kind in NoteKind.allCases {
                guard let (stream, started) = notes[kind] else { continue }
                let root = kind == .comments ? "w:comments" : "w:\(kind.rawValue)"
                if !started {
                    try stream.append(Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<\(root) xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">".utf8))
                }
                try stream.append(Array("</\(root)>".utf8))
                try writer.add(stream)
            }
            try writer.finish()
            try Interruption.check()
            guard rename(temporaryPath, destination) == 0 else {
                throw MergeError.io(path: destination, message: "cannot move the combined document into place: \(String(cString: strerror(errno)))")
            }
            finished = true
            interruptionToken.map(Interruption.unregister)
        } catch {
            discard()
            throw error
        }
    }

    /// Gives up: the partial file is removed, the destination untouched.
    public func discard() {
        finished = true
        unlink(temporaryPath)
        interruptionToken.map(Interruption.unregister)
    }

    // MARK: The parts the letters share

    private func writeHeads() throws {
        let first = plans[0]
        var root = first.documentElement.tag
        let declared = Set(first.documentElement.namespaces.map(\.prefix))
        var extra = ""
        var seen = declared
        for plan in plans.dropFirst() {
            for (prefix, declaration) in plan.documentElement.namespaces where seen.insert(prefix).inserted { extra += " " + declaration }
        }
        if !extra.isEmpty, let close = root.lastIndex(of: UInt8(ascii: ">")) { root.insert(contentsOf: Array(extra.utf8), at: close) }
        try document.append(Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n".utf8) + root + Array("<w:body>".utf8))

        let entries = Dictionary(first.template.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let baseRelationships = PackageRelationship.read(try entries[CombinedPlan.documentRelationships]?.constantBytes(file: first.template.file) ?? [])
        var text = ""
        for relationship in baseRelationships where first.sectionParts[relationship.id] == nil { text += relationship.element }
        for plan in plans.dropFirst() { for relationship in plan.sharedRelationships { text += relationship.element } }
        if mixesTemplates {
            for (kind, id) in [("header", PartRewriter.emptyHeaderID), ("footer", PartRewriter.emptyFooterID)] {
                text += PackageRelationship(id: id, type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/\(kind)",
                                            target: "lettershop-empty-\(kind).xml", external: false).element
            }
        }
        try relationships.append(Array((CombinedPlan.relationshipsPart(text).utf8).dropLast("</Relationships>".utf8.count)))

        var types = ContentTypes(try entries["[Content_Types].xml"]?.constantBytes(file: first.template.file) ?? [])
        for plan in plans.dropFirst() {
            for (ext, type) in plan.defaults.sorted(by: { $0.key < $1.key }) where types.defaults[ext] == nil {
                types.defaults[ext] = type
                types.defaultOrder.append(ext)
            }
        }
        let dropped = Set(first.sectionParts.values.map(\.part))
        var head = types.head(dropping: dropped)
        if mixesTemplates {
            for kind in ["header", "footer"] {
                head += ContentTypes.override(part: "word/lettershop-empty-\(kind).xml",
                                              type: "application/vnd.openxmlformats-officedocument.wordprocessingml.\(kind)+xml")
            }
        }
        try contentTypes.append(Array(head.utf8))
    }

    /// The first plan's parts that are the same for every letter, and the media of the others.
    private func writeConstantEntries() throws {
        let first = plans[0]
        var streamed: Set<String> = [CombinedPlan.documentPart, CombinedPlan.documentRelationships, "[Content_Types].xml"]
        if let numbering = first.numbering { streamed.insert(numbering.part) }
        for part in first.noteParts.values { streamed.insert(part) }
        for section in first.sectionParts.values {
            streamed.insert(section.part)
            streamed.insert("word/_rels/" + section.part.dropFirst("word/".count) + ".rels")
        }
        let deflater = compressionLevel > 0 ? Deflater(level: compressionLevel) : nil
        for entry in first.template.entries where !streamed.contains(entry.name) {
            try writeEntry(entry, as: entry.name, file: first.template.file, deflater: deflater)
        }
        for plan in plans.dropFirst() {
            for (name, entry) in plan.copiedEntries { try writeEntry(entry, as: name, file: plan.template.file, deflater: deflater) }
        }
        if mixesTemplates {
            for (kind, root) in [("header", "w:hdr"), ("footer", "w:ftr")] {
                let part = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                    + "<\(root) xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p/></\(root)>"
                try writer.add(name: "word/lettershop-empty-\(kind).xml", content: Array(part.utf8), deflater: deflater)
            }
        }
    }

    private func writeEntry(_ entry: TemplateEntry, as name: String, file: String, deflater: Deflater?) throws {
        switch entry {
        case let .stored(_, method, crc32, compressedSize, size, bytes):
            let nameBytes = Array(name.utf8)
            try writer.add(PreparedZipEntry(name: nameBytes, method: method, crc32: crc32, compressedSize: compressedSize, size: size,
                                            record: PreparedZipEntry.localHeader(name: nameBytes, method: method, crc32: crc32,
                                                                                 compressedSize: compressedSize, size: size) + bytes))
        case let .rewritten(_, bytes):
            try writer.add(name: name, content: bytes, deflater: deflater)
        case .rendered:
            break  // text parts come with each letter
        }
    }

    private static func roundedUp(_ value: Int) -> Int {
        var power = 10
        while power < value { power *= 10 }
        return power
    }
}

/// One letter ready to be appended to a combined document: its body deflated, the ends it takes
/// within the document or at its end, its header and footer entries, and what it adds to the
/// shared parts.
public struct CombinedLetter: Sendable {
    let body: [UInt8]
    let bodyCRC: UInt32
    let bodySize: Int
    let tailWithin: [UInt8]
    let tailAtEnd: [UInt8]
    let entries: [PreparedZipEntry]
    let relationships: [UInt8]
    let overrides: [UInt8]
    let numbering: [UInt8]
    let notes: [NoteKind: (head: [UInt8], notes: [UInt8])]
}

/// Compressors for the threads preparing letters, reused from one letter to the next.
private final class WorkspacePool: @unchecked Sendable {
    final class Workspace {
        let stream: StreamDeflater
        let deflater: Deflater?
        init(level: Int) {
            stream = StreamDeflater(level: max(1, level))
            deflater = level > 0 ? Deflater(level: level) : nil
        }
    }

    private let lock = DispatchSemaphore(value: 1)
    private var idle: [Workspace] = []

    func take(level: Int) -> Workspace {
        lock.wait()
        let workspace = idle.popLast()
        lock.signal()
        return workspace ?? Workspace(level: level)
    }

    func give(_ workspace: Workspace) {
        lock.wait()
        idle.append(workspace)
        lock.signal()
    }
}
