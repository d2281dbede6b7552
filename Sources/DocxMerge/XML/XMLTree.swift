/// A mutable XML tree, built once per template part from libxml2's parse and then rewritten by the
/// field compiler. It never lives past compilation: rendering works on the compiled program.
class XNode {
    /// The element holding this node. Unowned: a node never outlives the tree it is in, and a weak
    /// reference would cost every node of a large part a side table.
    unowned var parent: XElement?

    /// Document-order index of this node among its parent's children, if it has a parent.
    var indexInParent: Int? {
        parent?.children.firstIndex { $0 === self }
    }

    func removeFromParent() {
        guard let parent, let index = indexInParent else { return }
        parent.children.remove(at: index)
        self.parent = nil
    }
}

/// Insertions and removals gathered over a whole part and applied in one go: each parent's children
/// are rebuilt once, so replacing many fields costs time linear in the part, not fields × siblings.
struct TreeEdits {
    private var insertBefore: [ObjectIdentifier: [XNode]] = [:]
    private var insertAfter: [ObjectIdentifier: [XNode]] = [:]
    private var removed = Set<ObjectIdentifier>()
    private var touched: [XNode] = []

    /// Puts `node` just before `anchor` (which may itself be removed).
    mutating func insert(_ node: XNode, before anchor: XNode) {
        insertBefore[ObjectIdentifier(anchor), default: []].append(node)
        touched.append(anchor)
    }

    /// Puts `nodes` just after `anchor`, before what earlier calls put after it (callers going
    /// backwards through a paragraph keep document order).
    mutating func insert(_ nodes: [XNode], after anchor: XNode) {
        insertAfter[ObjectIdentifier(anchor), default: []].insert(contentsOf: nodes, at: 0)
        touched.append(anchor)
    }

    mutating func remove<S: Sequence>(_ nodes: S) where S.Element: XNode {
        for node in nodes where removed.insert(ObjectIdentifier(node)).inserted { touched.append(node) }
    }

    /// Applies every edit; nodes are grouped by the parent they have now.
    func apply() {
        var parents: [ObjectIdentifier: XElement] = [:]
        for node in touched { if let parent = node.parent { parents[ObjectIdentifier(parent)] = parent } }
        for parent in parents.values {
            var children: [XNode] = []
            children.reserveCapacity(parent.children.count)
            for child in parent.children {
                if let inserted = insertBefore[ObjectIdentifier(child)] {
                    for node in inserted { node.parent = parent; children.append(node) }
                }
                if removed.contains(ObjectIdentifier(child)) {
                    child.parent = nil
                } else {
                    children.append(child)
                }
                if let inserted = insertAfter[ObjectIdentifier(child)] {
                    for node in inserted { node.parent = parent; children.append(node) }
                }
            }
            parent.children = children
        }
    }
}


/// A namespace URI and a prefix as written in the source part.
struct XName: Equatable {
    var prefix: String?
    var localName: String
    var namespaceURI: String?

    var qualified: String {
        if let prefix, !prefix.isEmpty { return prefix + ":" + localName }
        return localName
    }
}

struct XAttribute {
    var name: XName
    var value: String
}

struct XNamespaceDeclaration {
    var prefix: String?
    var uri: String
}

final class XElement: XNode {
    var name: XName
    var attributes: [XAttribute]
    var namespaceDeclarations: [XNamespaceDeclaration]
    var children: [XNode] = []

    init(name: XName, attributes: [XAttribute] = [], namespaceDeclarations: [XNamespaceDeclaration] = []) {
        self.name = name
        self.attributes = attributes
        self.namespaceDeclarations = namespaceDeclarations
    }

    func append(_ node: XNode) {
        node.parent = self
        children.append(node)
    }

    func insert(_ node: XNode, at index: Int) {
        node.parent = self
        children.insert(node, at: index)
    }

    var childElements: [XElement] { children.compactMap { $0 as? XElement } }

    func attribute(_ localName: String) -> String? {
        attributes.first { $0.name.localName == localName }?.value
    }

    func setAttribute(_ name: XName, value: String) {
        if let index = attributes.firstIndex(where: { $0.name.localName == name.localName && $0.name.namespaceURI == name.namespaceURI }) {
            attributes[index].value = value
        } else {
            attributes.append(XAttribute(name: name, value: value))
        }
    }

    /// A shallow copy: same name, attributes and namespace declarations, no children.
    func shallowCopy() -> XElement {
        XElement(name: name, attributes: attributes, namespaceDeclarations: namespaceDeclarations)
    }

    /// A copy of the whole subtree.
    func deepCopy() -> XElement {
        let copy = shallowCopy()
        for child in children {
            switch child {
            case let element as XElement: copy.append(element.deepCopy())
            case let text as XText: copy.append(XText(text.text))
            case let raw as XRaw:
                let rawCopy = XRaw(raw.markup)
                rawCopy.paragraphs = raw.paragraphs
                copy.append(rawCopy)
            default: break
            }
        }
        return copy
    }

    /// Every element of the subtree in document order, this one first.
    func forEachElement(_ body: (XElement) throws -> Void) rethrows {
        try body(self)
        for child in children {
            if let element = child as? XElement { try element.forEachElement(body) }
        }
    }

    /// The nearest ancestor (not self) for which `predicate` holds.
    func ancestor(where predicate: (XElement) -> Bool) -> XElement? {
        var current = parent
        while let element = current {
            if predicate(element) { return element }
            current = element.parent
        }
        return nil
    }

    /// The text content of the subtree.
    var textContent: String {
        var result = ""
        for child in children {
            if let text = child as? XText { result += text.text }
            if let element = child as? XElement { result += element.textContent }
        }
        return result
    }
}

final class XText: XNode {
    var text: String
    init(_ text: String) { self.text = text }
}

/// Markup kept as it was: comments, processing instructions, and inert paragraphs (no field, no
/// placeholder) kept as their markup.
final class XRaw: XNode {
    var markup: String
    /// How many paragraphs the markup holds (0 for a comment or processing instruction).
    var paragraphs = 0
    init(_ markup: String) { self.markup = markup }
}

/// Where a compiled field goes: the renderer writes the field's value here.
final class XFieldSlot: XNode {
    let slot: Int
    init(slot: Int) { self.slot = slot }
}

/// A parsed part: its root element and its XML declaration's `standalone`.
struct XDocument {
    var root: XElement
    var standalone: Bool?
}
