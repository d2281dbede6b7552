internal import CLibXML2

/// Parses one part with libxml2 under the safe options and turns it into an `XElement` tree.
///
/// libxml2 runs with no network, no DTD loading, no entity substitution; a part carrying a DOCTYPE is
/// refused outright (OOXML parts never have one), so no entity is ever expanded or fetched. Nesting
/// deeper than `maximumDepth` is refused.
///
/// The part is read as a stream (libxml2's reader): no libxml2 tree is built beside ours. With
/// `collapsingInertParagraphs`, a paragraph that holds no field and no `{` (and is not inside a field)
/// is kept as its markup rather than as elements, next inert paragraphs in one piece: a part of a
/// million empty paragraphs costs about its own size in memory.
struct XMLPartParser {
    static let maximumDepth = 256

    let file: String
    let part: String
    var collapsingInertParagraphs = false

    init(file: String, part: String, collapsingInertParagraphs: Bool = false) {
        self.file = file
        self.part = part
        self.collapsingInertParagraphs = collapsingInertParagraphs
    }

    /// The part as a tree. With `stoppingAfter`, reading stops once a child of the root element with
    /// that local name has been read whole (the rest of the part is not read, nor checked).
    func parse(_ bytes: [UInt8], stoppingAfter stop: String? = nil) throws -> XDocument {
        guard bytes.count < Int(Int32.max) else { throw MergeError.partTooLarge(file: file, part: part, limit: Int(Int32.max)) }
        // Refused before libxml2 sees it: no DTD, internal or external, is ever read.
        if Self.containsDoctype(bytes) { throw MergeError.doctypeRefused(file: file, part: part) }
        let reader = try PartReader(bytes: bytes, file: file, part: part)
        var builder = TreeBuilder(collapsing: collapsingInertParagraphs)
        reading: while try reader.next() {
            switch reader.nodeType {
            case XML_READER_TYPE_ELEMENT:
                guard reader.depth < Self.maximumDepth else {
                    throw MergeError.brokenXML(file: file, part: part, line: reader.line, message: "nesting deeper than \(Self.maximumDepth)")
                }
                let element = XElement(name: reader.name())
                reader.readAttributes(into: element)
                builder.open(element, empty: reader.isEmptyElement)
                if reader.isEmptyElement, reader.depth == 1, let stop, element.name.localName == stop { break reading }
            case XML_READER_TYPE_END_ELEMENT:
                builder.close()
                if reader.depth == 1, let stop, reader.localName == stop { break reading }
            case XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA, XML_READER_TYPE_WHITESPACE, XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
                builder.text(reader.value)
            case XML_READER_TYPE_COMMENT:
                builder.raw("<!--\(reader.value)-->")
            case XML_READER_TYPE_PROCESSING_INSTRUCTION:
                let target = reader.localName
                let content = reader.value
                builder.raw(content.isEmpty ? "<?\(target)?>" : "<?\(target) \(content)?>")
            case XML_READER_TYPE_DOCUMENT_TYPE:
                throw MergeError.doctypeRefused(file: file, part: part)
            case XML_READER_TYPE_ENTITY_REFERENCE, XML_READER_TYPE_ENTITY:
                throw MergeError.brokenXML(file: file, part: part, line: reader.line, message: "entity references are not allowed")
            default:
                break
            }
        }
        guard let root = builder.root else {
            throw MergeError.brokenXML(file: file, part: part, line: nil, message: "no root element")
        }
        return XDocument(root: root, standalone: reader.standalone)
    }

    private static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { DoctypeFinder.occurs(in: $0) }
    }
}

/// Builds the tree from the reader's events; collapses inert paragraphs when asked.
private struct TreeBuilder {
    let collapsing: Bool
    private(set) var root: XElement?
    private var stack: [XElement] = []
    /// For each open element: whether its subtree so far holds something a field or placeholder needs.
    private var lively: [Bool] = []
    /// Complex fields begun and not yet ended: paragraphs inside one are never collapsed.
    private var openFields = 0
    /// The open fields when each open paragraph started.
    private var fieldsAtStart: [Int] = []

    init(collapsing: Bool) { self.collapsing = collapsing }

    mutating func open(_ element: XElement, empty: Bool) {
        if let parent = stack.last { parent.append(element) } else { root = element }
        if WordNamespace.isWord(element.name.namespaceURI) {
            switch element.name.localName {
            case "fldChar":
                markLively()
                switch element.wordAttribute("fldCharType") {
                case "begin": openFields += 1
                case "end": openFields = max(0, openFields - 1)
                default: break
                }
            case "fldSimple", "instrText":
                markLively()
            default: break
            }
        }
        stack.append(element)
        lively.append(false)
        fieldsAtStart.append(openFields)
        if empty { close() }
    }

    mutating func close() {
        guard let element = stack.popLast(), let isLively = lively.popLast(), let fieldsBefore = fieldsAtStart.popLast() else { return }
        if isLively, !lively.isEmpty { lively[lively.count - 1] = true }
        guard collapsing, !isLively, fieldsBefore == 0, openFields == 0, element.isWord("p"),
              let parent = stack.last, parent.children.last === element else { return }
        // An inert paragraph: its markup, joined to the inert paragraphs just before it.
        parent.children.removeLast()
        element.parent = nil
        var serializer = XMLSerializer()
        serializer.write(element)
        let markup = String(decoding: serializer.output, as: UTF8.self)
        if let previous = parent.children.last as? XRaw, previous.paragraphs > 0 {
            previous.markup += markup
            previous.paragraphs += 1
        } else {
            let raw = XRaw(markup)
            raw.paragraphs = 1
            parent.append(raw)
        }
    }

    mutating func text(_ value: String) {
        guard let parent = stack.last else { return }
        if value.contains("{") { markLively() }
        if let last = parent.children.last as? XText { last.text += value } else { parent.append(XText(value)) }
    }

    mutating func raw(_ markup: String) {
        stack.last?.append(XRaw(markup))
    }

    private mutating func markLively() {
        if !lively.isEmpty { lively[lively.count - 1] = true }
    }
}

/// Owns one libxml2 reader over a part's bytes; frees it when done. Names and namespace URIs are
/// shared between elements (libxml2 interns them; so do we).
private final class PartReader {
    private let reader: xmlTextReaderPtr
    private let file: String
    private let part: String
    /// Swift strings for libxml2's interned strings (names, prefixes, namespace URIs: its dictionary keeps
    /// them at one address for the reader's life), by address. Values are never cached this way.
    private var strings: [UnsafePointer<xmlChar>: String] = [:]

    /// The first error libxml2 reported (its last one is often only "Premature end of data").
    private final class FirstError {
        var message: String?
        var line: Int?
    }
    private let firstError = FirstError()

    /// Safe options: no network, no warnings or errors printed; never NOENT, DTDLOAD, DTDATTR, XINCLUDE, HUGE.
    private static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    init(bytes: [UInt8], file: String, part: String) throws {
        self.file = file
        self.part = part
        // The reader reads from the buffer as it goes; `bytes` outlives it (the caller holds it).
        let made = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { base in
                xmlReaderForMemory(base, Int32(buffer.count), nil, nil, Self.options)
            }
        }
        guard let made else {
            throw MergeError.brokenXML(file: file, part: part, line: nil, message: "libxml2 could not allocate a reader")
        }
        reader = made
        retained = bytes
        xmlTextReaderSetStructuredErrorHandler(reader, { userData, error in
            guard let userData, let error else { return }
            let first = Unmanaged<FirstError>.fromOpaque(userData).takeUnretainedValue()
            guard first.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            first.message = error.pointee.message.map { String(cString: $0).trimmingWhitespace() } ?? "not well-formed"
            first.line = error.pointee.line > 0 ? Int(error.pointee.line) : nil
        }, Unmanaged.passUnretained(firstError).toOpaque())
    }

    /// The bytes the reader reads from, kept alive as long as it.
    private let retained: [UInt8]

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node; false at the end. Throws the first error libxml2 reported.
    func next() throws -> Bool {
        let status = xmlTextReaderRead(reader)
        if status == 1 { return true }
        if status == 0, firstError.message == nil { return false }
        throw MergeError.brokenXML(file: file, part: part, line: firstError.line, message: firstError.message ?? "not well-formed")
    }

    var nodeType: xmlReaderTypes { xmlReaderTypes(rawValue: UInt32(xmlTextReaderNodeType(reader))) }
    var depth: Int { Int(xmlTextReaderDepth(reader)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var line: Int? { let line = Int(xmlTextReaderGetParserLineNumber(reader)); return line > 0 ? line : nil }
    /// The current node's local name, read afresh (a processing instruction's target is not interned).
    var localName: String { xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? "" }
    var value: String { xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "" }

    /// The XML declaration's `standalone`: true, false, or nil when it has none.
    var standalone: Bool? {
        switch xmlTextReaderStandalone(reader) {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }

    /// The current element's or attribute's name.
    func name() -> XName {
        XName(prefix: interned(xmlTextReaderConstPrefix(reader)),
              localName: interned(xmlTextReaderConstLocalName(reader)) ?? "",
              namespaceURI: interned(xmlTextReaderConstNamespaceUri(reader)))
    }

    /// The current element's attributes and namespace declarations, in document order.
    func readAttributes(into element: XElement) {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 {
                // For a declaration libxml2 hands out the declaration's own prefix string (freed with its node,
                // its address reused later), not an interned one: read it, never cache it by address.
                let prefix = xmlTextReaderConstPrefix(reader) == nil ? nil : xmlTextReaderConstLocalName(reader).map { String(cString: $0) }
                // The value is the reader's own buffer, not an interned string: read it, never cache it by address.
                element.namespaceDeclarations.append(XNamespaceDeclaration(prefix: prefix, uri: value))
            } else {
                element.attributes.append(XAttribute(name: name(), value: value))
            }
        }
        xmlTextReaderMoveToElement(reader)
    }

    private func interned(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = strings[pointer] { return known }
        let string = String(cString: pointer)
        strings[pointer] = string
        return string
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
