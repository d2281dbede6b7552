/// Splits runs so that every `w:fldChar` sits in a run of its own; then a field's begin and end runs
/// can be removed whole without losing text that shared a run with them.
enum RunSplitter {
    static func isolateFieldCharacters(in root: XElement) {
        var runs: [XElement] = []
        root.forEachElement { element in
            guard element.isWord("r") else { return }
            let content = element.childElements.filter { !$0.isWord("rPr") }
            if content.count > 1, content.contains(where: { $0.isWord("fldChar") }) { runs.append(element) }
        }
        for run in runs { split(run) }
    }

    private static func split(_ run: XElement) {
        guard let parent = run.parent, var index = run.indexInParent else { return }
        let properties = run.wordProperties("rPr")
        var groups: [[XNode]] = []
        var current: [XNode] = []
        for child in run.children where child !== properties {
            if let element = child as? XElement, element.isWord("fldChar") {
                if !current.isEmpty { groups.append(current) }
                groups.append([element])
                current = []
            } else {
                current.append(child)
            }
        }
        if !current.isEmpty { groups.append(current) }
        run.removeFromParent()
        for group in groups {
            let piece = run.shallowCopy()
            if let properties { piece.append(properties.deepCopy()) }
            for node in group { piece.append(node) }
            parent.insert(piece, at: index)
            index += 1
        }
    }
}
