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

    /// The properties element `w:<localName>` (`w:pPr` of a paragraph, `w:rPr` of a run): the schema puts
    /// it first, so only the first element children are looked at, whatever the number of children.
    func wordProperties(_ localName: String) -> XElement? {
        var looked = 0
        for child in children {
            guard let element = child as? XElement else { continue }
            if element.isWord(localName) { return element }
            looked += 1
            if looked == 3 { return nil }
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
