/// Writes an `XElement` tree back as XML bytes, escaping text and attribute values.
///
/// The part compiler drives it element by element, so it can cut the output into literal pieces
/// and the holes where field values go.
struct XMLSerializer {
    var output: [UInt8] = []

    static let declarationStandalone = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n".utf8)
    static let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n".utf8)

    mutating func writeDeclaration(standalone: Bool?) {
        output += standalone == true ? Self.declarationStandalone : Self.declaration
    }

    /// Writes a subtree that holds no field slots (run properties, kept parts, original field XML).
    mutating func write(_ node: XNode) {
        switch node {
        case let text as XText:
            Self.appendEscaped(text.text, to: &output, inAttribute: false)
        case let raw as XRaw:
            output += Array(raw.markup.utf8)
        case let element as XElement:
            writeStartTag(element, selfClosing: element.children.isEmpty)
            guard !element.children.isEmpty else { return }
            for child in element.children { write(child) }
            writeEndTag(element)
        default:
            preconditionFailure("a field slot outside a compiled part")
        }
    }

    mutating func writeEndTag(_ element: XElement) {
        output.append(contentsOf: "</".utf8)
        output.append(contentsOf: element.name.qualified.utf8)
        output.append(UInt8(ascii: ">"))
    }

    mutating func writeStartTag(_ element: XElement, selfClosing: Bool) {
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: element.name.qualified.utf8)
        for declaration in element.namespaceDeclarations {
            if let prefix = declaration.prefix {
                output.append(contentsOf: " xmlns:".utf8)
                output.append(contentsOf: prefix.utf8)
            } else {
                output.append(contentsOf: " xmlns".utf8)
            }
            output.append(contentsOf: "=\"".utf8)
            Self.appendEscaped(declaration.uri, to: &output, inAttribute: true)
            output.append(UInt8(ascii: "\""))
        }
        for attribute in element.attributes {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: attribute.name.qualified.utf8)
            output.append(contentsOf: "=\"".utf8)
            Self.appendEscaped(attribute.value, to: &output, inAttribute: true)
            output.append(UInt8(ascii: "\""))
        }
        output.append(contentsOf: selfClosing ? "/>".utf8 : ">".utf8)
    }

    /// Appends `text` escaped for XML content or for a double-quoted attribute value.
    static func appendEscaped(_ text: String, to output: inout [UInt8], inAttribute: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where inAttribute: output.append(contentsOf: "&quot;".utf8)
            case 0x0A where inAttribute: output.append(contentsOf: "&#10;".utf8)
            case 0x09 where inAttribute: output.append(contentsOf: "&#9;".utf8)
            case 0x0D: output.append(contentsOf: "&#13;".utf8)
            default: output.append(byte)
            }
        }
    }
}
