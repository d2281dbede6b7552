/// What the combined document needs of one template, worked out once: which relationships each
/// letter gets afresh (headers and footers) and which all its letters share, its constant text
/// parts, and its numbering instances ready to be written again for each letter.
struct CombinedPlan: Sendable {
    /// A header or footer part every letter of the template writes under a name of its own.
    struct SectionPart: Sendable {
        let relationship: PackageRelationship
        /// `word/header1.xml`.
        let part: String
        let contentType: String
        /// The part's own `.rels`, if it has one (targets already moved for this template).
        let relationships: [UInt8]?
    }

    let index: Int
    let template: MergeTemplate
    /// Body relationship id → id in the combined document, for relationships all letters share.
    let sharedIDs: [String: String]
    /// Relationships this template adds to the combined document's part (not for the first template,
    /// whose relationships are the base).
    let sharedRelationships: [PackageRelationship]
    /// Body relationship id → the header or footer it names.
    let sectionParts: [String: SectionPart]
    /// `word/footnotes.xml`, `word/endnotes.xml`, `word/comments.xml` as this template names them.
    let noteParts: [NoteKind: String]
    /// Text parts without fields, as the template has them (the rendered ones come with each letter).
    let constantText: [String: [UInt8]]
    /// numId → what follows `<w:num w:numId="…"` for a letter's own instance (restarting every level).
    let numberingInstances: [Int: [UInt8]]
    /// The template's `w:abstractNum` elements, renumbered (for templates after the first).
    let abstractNumbering: [UInt8]
    /// The start tag of the document element, and its namespace declarations (`xmlns:w="…"`).
    let documentElement: (tag: [UInt8], namespaces: [(prefix: String, declaration: String)])
    /// The template's numbering part, read.
    let numbering: (part: String, definitions: NumberingDefinitions)?
    /// Entries copied from this template under new names (its media), with their content.
    let copiedEntries: [(name: String, entry: TemplateEntry)]
    /// Extensions → content types this template's media need.
    let defaults: [String: String]

    static let documentPart = "word/document.xml"
    static let documentRelationships = "word/_rels/document.xml.rels"
    /// abstractNumId offset per template after the first.
    static let abstractStride = 10_000

    init(template: MergeTemplate, index: Int) throws {
        self.index = index
        self.template = template
        let entries = Dictionary(template.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func constant(_ name: String) throws -> [UInt8]? {
            guard let entry = entries[name] else { return nil }
            return try entry.constantBytes(file: template.file)
        }
        let contentTypes = ContentTypes(try constant("[Content_Types].xml") ?? [])
        let relationships = PackageRelationship.read(try constant(Self.documentRelationships) ?? [])
        var shared: [String: String] = [:]
        var sharedRelationships: [PackageRelationship] = []
        var sectionParts: [String: SectionPart] = [:]
        var noteParts: [NoteKind: String] = [:]
        var constantText: [String: [UInt8]] = [:]
        var copied: [(String, TemplateEntry)] = []
        var defaults: [String: String] = [:]
        /// Moves a media target of a later template into a folder of its own.
        func moved(_ target: String, from folder: String) -> String {
            guard index > 0 else { return target }
            let part = PackageRelationship.partName(target: target, from: folder)
            let newPart = "word/t\(index + 1)/" + part.dropFirst("word/".count)
            if let entry = entries[part], !copied.contains(where: { $0.0 == newPart }) {
                copied.append((newPart, entry))
                if let dot = part.lastIndex(of: "."), let type = contentTypes.defaults[String(part[part.index(after: dot)...]).lowercased()] {
                    defaults[String(part[part.index(after: dot)...]).lowercased()] = type
                }
            }
            return String(repeating: "../", count: folder.split(separator: "/").count - 1) + newPart.dropFirst("word/".count)
        }
        for relationship in relationships {
            let part = PackageRelationship.partName(target: relationship.target)
            switch relationship.kind {
            case "header", "footer":
                let relsName = "word/_rels/" + part.dropFirst("word/".count) + ".rels"
                var relsBytes = try constant(relsName)
                if index > 0, let bytes = relsBytes {
                    var own = PackageRelationship.read(bytes)
                    for position in own.indices where !own[position].external {
                        own[position].target = moved(own[position].target, from: "word")
                    }
                    relsBytes = Array(Self.relationshipsPart(own.map(\.element).joined()).utf8)
                }
                sectionParts[relationship.id] = SectionPart(
                    relationship: relationship, part: part,
                    contentType: contentTypes.type(of: part) ?? "application/vnd.openxmlformats-officedocument.wordprocessingml.\(relationship.kind)+xml",
                    relationships: relsBytes)
                if let text = try constant(part) { constantText[part] = text }
            case "footnotes", "endnotes", "comments":
                let kind = NoteKind(rawValue: String(relationship.kind))!
                noteParts[kind] = part
                if let text = try constant(part) { constantText[part] = text }
            case "styles", "settings", "webSettings", "fontTable", "theme", "numbering", "customXml", "glossaryDocument",
                 "people", "commentsExtended", "commentsIds", "commentsExtensible", "stylesWithEffects":
                break
            default:
                if index == 0 {
                    shared[relationship.id] = relationship.id
                } else {
                    var copy = relationship
                    copy.id = "t\(index + 1)\(relationship.id)"
                    if !copy.external { copy.target = moved(relationship.target, from: "word") }
                    shared[relationship.id] = copy.id
                    sharedRelationships.append(copy)
                }
            }
        }
        if let text = try constant(Self.documentPart) { constantText[Self.documentPart] = text }
        self.sharedIDs = shared
        self.sharedRelationships = sharedRelationships
        self.sectionParts = sectionParts
        self.noteParts = noteParts
        self.constantText = constantText
        self.copiedEntries = copied
        self.defaults = defaults
        let numberingPart = relationships.first { $0.kind == "numbering" }.map { PackageRelationship.partName(target: $0.target) }
        let lists = NumberingDefinitions(try numberingPart.flatMap { try constant($0) } ?? [], abstractOffset: index * Self.abstractStride)
        numbering = numberingPart.map { ($0, lists) }
        numberingInstances = lists.instances
        abstractNumbering = index == 0 ? [] : lists.abstractElements
        documentElement = Self.documentElement(template: template, constant: constantText[Self.documentPart])
    }

    /// The start tag of `word/document.xml`'s root element and its namespace declarations.
    private static func documentElement(template: MergeTemplate, constant: [UInt8]?) -> (tag: [UInt8], namespaces: [(prefix: String, declaration: String)]) {
        var head: [UInt8] = constant ?? []
        if head.isEmpty, let part = template.entries.firstIndex(where: { $0.name == documentPart }),
           case let .rendered(_, program) = template.entries[part] {
            let operations = template.parts[program].operations
            if case let .literal(start, end)? = operations.first { head = Array(template.parts[program].literals[start..<end]) }
        }
        return head.withUnsafeBufferPointer { buffer in
            var reader = XMLTagReader(buffer)
            while let tag = reader.next() {
                guard tag.kind == .start || tag.kind == .empty else { continue }
                let namespaces: [(prefix: String, declaration: String)] = reader.attributes(of: tag).compactMap { attribute in
                    let name = reader.string(attribute.name)
                    guard name.hasPrefix("xmlns") else { return nil }
                    return (name, name + "=\"" + reader.string(attribute.value) + "\"")
                }
                return (Array(buffer[tag.range]), namespaces)
            }
            return (Array("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">".utf8), [])
        }
    }

    static func relationshipsPart(_ elements: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + elements + "</Relationships>"
    }
}

/// The parts that hold notes, each with its own ids.
enum NoteKind: String, Sendable, CaseIterable {
    case footnotes, endnotes, comments

    /// The element of one note (`w:footnote`).
    var element: [UInt8] {
        switch self {
        case .footnotes: Array("w:footnote".utf8)
        case .endnotes: Array("w:endnote".utf8)
        case .comments: Array("w:comment".utf8)
        }
    }
}

extension TemplateEntry {
    var name: String {
        switch self {
        case let .stored(name, _, _, _, _, _), let .rewritten(name, _), let .rendered(name, _): name
        }
    }

    /// The entry's content when it is the same in every letter; nil for a rendered part.
    func constantBytes(file: String) throws -> [UInt8]? {
        switch self {
        case let .stored(name, method, _, _, size, bytes):
            return method == 0 ? bytes : try RawInflater.inflate(bytes, size: size, file: file, part: name)
        case let .rewritten(_, bytes):
            return bytes
        case .rendered:
            return nil
        }
    }
}
