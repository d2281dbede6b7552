/// Finds the paragraphs Word's "suppress blank lines" would drop when their fields come out empty:
/// paragraphs holding only fields and spaces (bookmarks and proofing marks do not count, tabs do),
/// except the last paragraph of its container (a cell, text box or note needs one).
enum BlankParagraphs {
    /// For each suppressible paragraph, the slots it holds.
    static func find(in root: XElement) -> [ObjectIdentifier: [Int]] {
        var result: [ObjectIdentifier: [Int]] = [:]
        root.forEachElement { element in
            // The last paragraph of each container is found once, from the container's children.
            // Paragraphs kept as markup (no field in them) count as paragraphs too.
            guard let last = element.children.last(where: { ($0 as? XElement)?.isWord("p") ?? (($0 as? XRaw)?.paragraphs ?? 0 > 0) }) else { return }
            for case let paragraph as XElement in element.children where paragraph.isWord("p") && paragraph !== last {
                if let slots = slotsIfOnlyFields(paragraph) { result[ObjectIdentifier(paragraph)] = slots }
            }
        }
        return result
    }

    private static let ignored: Set<String> = [
        "proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd", "commentRangeStart", "commentRangeEnd",
        "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd", "del", "sdtPr", "sdtEndPr",
    ]
    private static let containers: Set<String> = ["hyperlink", "ins", "smartTag", "customXml", "sdt", "sdtContent", "moveTo"]

    private static func slotsIfOnlyFields(_ paragraph: XElement) -> [Int]? {
        if paragraph.wordProperties("pPr")?.wordChild("sectPr") != nil { return nil }
        var slots: [Int] = []
        guard collect(paragraph, into: &slots, isParagraph: true), !slots.isEmpty else { return nil }
        return slots
    }

    /// False as soon as the element holds something visible other than a field or spaces.
    private static func collect(_ element: XElement, into slots: inout [Int], isParagraph: Bool) -> Bool {
        for child in element.children {
            switch child {
            case let slot as XFieldSlot:
                slots.append(slot.slot)
            case is XRegionMarker:
                return false
            case let text as XText:
                if !text.text.allSatisfy(\.isWhitespace) { return false }
            case let child as XElement:
                let name = child.name.localName
                guard WordNamespace.isWord(child.name.namespaceURI) else { return false }
                if (isParagraph && name == "pPr") || ignored.contains(name) { continue }
                if name == "r" {
                    for content in child.childElements {
                        if content.isWord("rPr") || content.isWord("lastRenderedPageBreak") { continue }
                        if content.isWord("t"), content.textContent.allSatisfy({ $0 == " " }) { continue }
                        return false
                    }
                } else if containers.contains(name) {
                    if !collect(child, into: &slots, isParagraph: false) { return false }
                } else {
                    return false
                }
            default:
                continue
            }
        }
        return true
    }
}
