internal import CLibXML2

/// Parses one part with libxml2 under the safe options and turns it into an `XElement` tree.
///
/// libxml2 runs with no network, no DTD loading, no entity substitution; a part carrying a DOCTYPE is
/// refused outright (OOXML parts never have one), so no entity is ever expanded or fetched. Nesting
/// deeper than `maximumDepth` is refused.
struct XMLPartParser {
    static let maximumDepth = 256

    let file: String
    let part: String

    func parse(_ bytes: [UInt8]) throws -> XDocument {
        guard bytes.count < Int(Int32.max) else { throw MergeError.partTooLarge(file: file, part: part, limit: Int(Int32.max)) }
        // Refused before libxml2 sees it: no DTD, internal or external, is ever read.
        if Self.containsDoctype(bytes) { throw MergeError.doctypeRefused(file: file, part: part) }
        let context = try ParserContext(file: file, part: part)
        let document = try context.read(bytes)
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            throw MergeError.doctypeRefused(file: file, part: part)
        }
        guard let rootNode = xmlDocGetRootElement(document) else {
            throw MergeError.brokenXML(file: file, part: part, line: nil, message: "no root element")
        }
        let root = try convertElement(rootNode, depth: 1)
        let standalone: Bool? = document.pointee.standalone == 1 ? true : (document.pointee.standalone == 0 ? false : nil)
        return XDocument(root: root, standalone: standalone)
    }

    private static let doctype = Array("<!DOCTYPE".utf8)

    private static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= doctype.count else { return false }
        var index = 0
        let last = bytes.count - doctype.count
        while index <= last {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "!"),
               bytes[index..<(index + doctype.count)].elementsEqual(doctype) { return true }
            index += 1
        }
        return false
    }

    private func convertElement(_ node: xmlNodePtr, depth: Int) throws -> XElement {
        guard depth <= Self.maximumDepth else {
            throw MergeError.brokenXML(file: file, part: part, line: Int(xmlGetLineNo(node)), message: "nesting deeper than \(Self.maximumDepth)")
        }
        let element = XElement(name: Self.name(node.pointee.name, node.pointee.ns))
        var declaration = node.pointee.nsDef
        while let ns = declaration {
            element.namespaceDeclarations.append(XNamespaceDeclaration(
                prefix: ns.pointee.prefix.map { String(cString: $0) },
                uri: ns.pointee.href.map { String(cString: $0) } ?? ""))
            declaration = ns.pointee.next
        }
        var property = node.pointee.properties
        while let attribute = property {
            var value = ""
            var child = attribute.pointee.children
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            element.attributes.append(XAttribute(name: Self.name(attribute.pointee.name, attribute.pointee.ns), value: value))
            property = attribute.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.append(try convertElement(current, depth: depth + 1))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let text = String(cString: content)
                    if let last = element.children.last as? XText { last.text += text } else { element.append(XText(text)) }
                }
            case XML_COMMENT_NODE:
                let content = current.pointee.content.map { String(cString: $0) } ?? ""
                element.append(XRaw("<!--\(content)-->"))
            case XML_PI_NODE:
                let target = current.pointee.name.map { String(cString: $0) } ?? ""
                let content = current.pointee.content.map { String(cString: $0) } ?? ""
                element.append(XRaw(content.isEmpty ? "<?\(target)?>" : "<?\(target) \(content)?>"))
            case XML_ENTITY_REF_NODE:
                throw MergeError.brokenXML(file: file, part: part, line: Int(xmlGetLineNo(current)), message: "entity references are not allowed")
            default:
                break
            }
            child = current.pointee.next
        }
        return element
    }

    private static func name(_ name: UnsafePointer<xmlChar>?, _ ns: xmlNsPtr?) -> XName {
        XName(
            prefix: ns?.pointee.prefix.map { String(cString: $0) },
            localName: name.map { String(cString: $0) } ?? "",
            namespaceURI: ns?.pointee.href.map { String(cString: $0) })
    }
}

/// Owns one libxml2 parser context; frees it when done.
private final class ParserContext {
    private let context: xmlParserCtxtPtr
    private let file: String
    private let part: String

    /// The first error libxml2 reported (its last one is often only "Premature end of data").
    private final class FirstError {
        var message: String?
        var line: Int?
    }
    private let firstError = FirstError()

    init(file: String, part: String) throws {
        guard let context = xmlNewParserCtxt() else {
            throw MergeError.brokenXML(file: file, part: part, line: nil, message: "libxml2 could not allocate a parser")
        }
        self.context = context
        self.file = file
        self.part = part
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let box = parser.pointee._private else { return }
            let first = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
            guard first.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            first.message = error.pointee.message.map { String(cString: $0).trimmingWhitespace() } ?? "not well-formed"
            first.line = error.pointee.line > 0 ? Int(error.pointee.line) : nil
        }
    }

    deinit { xmlFreeParserCtxt(context) }

    /// Safe options: no network, no warnings or errors printed; never NOENT, DTDLOAD, DTDATTR, XINCLUDE, HUGE.
    private static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    func read(_ bytes: [UInt8]) throws -> xmlDocPtr {
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                xmlCtxtReadMemory(context, base, Int32(buffer.count), nil, nil, Self.options)
            }
        }
        if let document, context.pointee.wellFormed != 0 {
            return document
        }
        if let document { xmlFreeDoc(document) }
        if let message = firstError.message {
            throw MergeError.brokenXML(file: file, part: part, line: firstError.line, message: message)
        }
        let error = xmlCtxtGetLastError(context)
        let message = error?.pointee.message.map { String(cString: $0).trimmingWhitespace() } ?? "not well-formed"
        let line = error.map { Int($0.pointee.line) }.flatMap { $0 > 0 ? $0 : nil }
        throw MergeError.brokenXML(file: file, part: part, line: line, message: message)
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
