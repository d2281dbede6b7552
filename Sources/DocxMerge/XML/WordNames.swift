/// Namespaces and element names of WordprocessingML that the compiler looks at.
enum WordNamespace {
    static let transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let strictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    static let xml = "http://www.w3.org/XML/1998/namespace"

    static func isWord(_ uri: String?) -> Bool { uri == transitional || uri == strict }
    static func isRelationships(_ uri: String?) -> Bool { uri == relationships || uri == strictRelationships }
}

extension XElement {
    /// True when this is `w:<localName>` in either the transitional or the strict namespace.
    func isWord(_ localName: String) -> Bool {
        name.localName == localName && WordNamespace.isWord(name.namespaceURI)
    }

    /// The value of the `w:<localName>` attribute.
    func wordAttribute(_ localName: String) -> String? {
        attributes.first { $0.name.localName == localName && WordNamespace.isWord($0.name.namespaceURI) }?.value
    }

    /// The first child element `w:<localName>`.
    func wordChild(_ localName: String) -> XElement? {
        for child in children {
            if let element = child as? XElement, element.isWord(localName) { return element }
        }
        return nil
    }

    /// A new WordprocessingML element named like this part names them (same prefix and namespace).
    func makeWordElement(_ localName: String) -> XElement {
        let prefix = WordNamespace.isWord(name.namespaceURI) ? name.prefix : "w"
        let uri = WordNamespace.isWord(name.namespaceURI) ? name.namespaceURI : WordNamespace.transitional
        return XElement(name: XName(prefix: prefix, localName: localName, namespaceURI: uri))
    }
}
