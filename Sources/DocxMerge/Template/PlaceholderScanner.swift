/// Finds `{{Name}}` placeholders typed in a paragraph, even when Word split them over several runs,
/// and replaces each by a slot that takes the formatting of the run holding `{{`.
enum PlaceholderScanner {
    /// Where a text node's characters sit in the paragraph's joined text.
    private struct TextPiece {
        let node: XText
        let textElement: XElement
        let start: Int
        let count: Int
    }

    /// Stands between texts that a placeholder may not span (tabs, breaks, fields, drawings).
    private static let barrier: Unicode.Scalar = "\u{0}"

    static func replacePlaceholders(in root: XElement, makeSlot: (_ name: String, _ run: XElement?) -> XFieldSlot) throws {
        var paragraphs: [XElement] = []
        root.forEachElement { if $0.isWord("p") { paragraphs.append($0) } }
        var edits = TreeEdits()
        for paragraph in paragraphs {
            var scalars: [Unicode.Scalar] = []
            var pieces: [TextPiece] = []
            collect(paragraph, scalars: &scalars, pieces: &pieces)
            let found = placeholders(in: scalars)
            for (range, name) in found.reversed() {
                replace(range: range, name: name, pieces: pieces, edits: &edits, makeSlot: makeSlot)
            }
        }
        edits.apply()
    }

    private static func collect(_ element: XElement, scalars: inout [Unicode.Scalar], pieces: inout [TextPiece]) {
        for child in element.children {
            if child is XFieldSlot { scalars.append(barrier); continue }
            guard let child = child as? XElement else { continue }
            if child.isWord("r") {
                for content in child.childElements {
                    if content.isWord("t") {
                        let text = content.children.compactMap { $0 as? XText }.first ?? {
                            let node = XText("")
                            content.append(node)
                            return node
                        }()
                        let count = text.text.unicodeScalars.count
                        pieces.append(TextPiece(node: text, textElement: content, start: scalars.count, count: count))
                        scalars += text.text.unicodeScalars
                    } else if !content.isWord("rPr") && !content.isWord("lastRenderedPageBreak") {
                        scalars.append(barrier)
                    }
                }
            } else if child.isWord("p") || child.isWord("pPr") || child.isWord("proofErr") || child.isWord("bookmarkStart")
                        || child.isWord("bookmarkEnd") || child.isWord("del") {
                continue
            } else {
                collect(child, scalars: &scalars, pieces: &pieces)
            }
        }
    }

    /// Every `{{ name }}` in the text: its scalar range and the trimmed name.
    private static func placeholders(in scalars: [Unicode.Scalar]) -> [(Range<Int>, String)] {
        var result: [(Range<Int>, String)] = []
        var index = 0
        while index + 1 < scalars.count {
            guard scalars[index] == "{", scalars[index + 1] == "{" else { index += 1; continue }
            var end = index + 2
            var valid = true
            while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") {
                if scalars[end] == "{" || scalars[end] == "}" || scalars[end] == barrier { valid = false; break }
                end += 1
            }
            guard valid, end + 1 < scalars.count else { index += 1; continue }
            var name = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
            name = name.trimmingWhitespace()
            if name.isEmpty { index += 1; continue }
            result.append((index..<(end + 2), name))
            index = end + 2
        }
        return result
    }

    private static func replace(range: Range<Int>, name: String, pieces: [TextPiece], edits: inout TreeEdits,
                                makeSlot: (_ name: String, _ run: XElement?) -> XFieldSlot) {
        guard let first = piece(holding: range.lowerBound, in: pieces, endInclusive: false),
              let last = piece(holding: range.upperBound, in: pieces, endInclusive: true),
              let run = pieces[first].textElement.parent, run.parent != nil else { return }
        let startPiece = pieces[first]
        let endPiece = pieces[last]
        let startScalars = Array(startPiece.node.text.unicodeScalars)
        let endScalars = Array(endPiece.node.text.unicodeScalars)
        let prefix = String(String.UnicodeScalarView(startScalars[0..<(range.lowerBound - startPiece.start)]))
        let suffix = String(String.UnicodeScalarView(endScalars[(range.upperBound - endPiece.start)...]))

        // Texts strictly inside the placeholder disappear; the last keeps what follows `}}`.
        for piece in pieces[first...last] where piece.node !== startPiece.node && piece.node !== endPiece.node {
            setText(piece, "", edits: &edits)
        }
        let slot = makeSlot(name, run)
        // Split the run holding `{{` after its text, so the slot sits between the two halves.
        let tail = run.shallowCopy()
        if let properties = run.wordProperties("rPr") { tail.append(properties.deepCopy()) }
        startPiece.node.text = prefix
        preserveSpaces(startPiece.textElement, prefix)
        if first == last {
            if !suffix.isEmpty {
                let text = startPiece.textElement.shallowCopy()
                text.append(XText(suffix))
                preserveSpaces(text, suffix)
                tail.append(text)
            }
        } else {
            setText(endPiece, suffix, edits: &edits)
        }
        if let position = startPiece.textElement.indexInParent {
            let moved = run.children[(position + 1)...]
            run.children.removeSubrange((position + 1)...)
            for node in moved { tail.append(node) }
        }
        let keepsTail = tail.children.contains(where: { !(($0 as? XElement)?.isWord("rPr") ?? false) })
        edits.insert(keepsTail ? [slot, tail] : [slot], after: run)
        if prefix.isEmpty { startPiece.textElement.removeFromParent() }
        removeIfEmpty(run, edits: &edits)
    }

    /// The piece whose scalars hold `offset` (binary search: pieces are in order); with
    /// `endInclusive`, the piece that ends at or after `offset` and starts before it.
    private static func piece(holding offset: Int, in pieces: [TextPiece], endInclusive: Bool) -> Int? {
        var low = 0
        var high = pieces.count
        while low < high {
            let middle = (low + high) / 2
            let end = pieces[middle].start + pieces[middle].count
            if endInclusive ? end < offset : end <= offset { low = middle + 1 } else { high = middle }
        }
        // Skip empty pieces that sit exactly at the offset.
        while low < pieces.count {
            let piece = pieces[low]
            let holds = endInclusive ? (piece.start < offset && offset <= piece.start + piece.count)
                                     : (piece.start <= offset && offset < piece.start + piece.count)
            if holds { return low }
            if piece.start > offset { return nil }
            low += 1
        }
        return nil
    }

    private static func setText(_ piece: TextPiece, _ text: String, edits: inout TreeEdits) {
        piece.node.text = text
        preserveSpaces(piece.textElement, text)
        if text.isEmpty, let run = piece.textElement.parent {
            piece.textElement.removeFromParent()
            removeIfEmpty(run, edits: &edits)
        }
    }

    private static func preserveSpaces(_ element: XElement, _ text: String) {
        if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
            element.setAttribute(XName(prefix: "xml", localName: "space", namespaceURI: WordNamespace.xml), value: "preserve")
        }
    }

    /// A run left with nothing but its properties goes (when the part's edits are applied).
    private static func removeIfEmpty(_ run: XElement, edits: inout TreeEdits) {
        if run.childElements.allSatisfy({ $0.isWord("rPr") }), run.parent != nil { edits.remove([run]) }
    }
}
