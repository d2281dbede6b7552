/// Marks one edge of a conditional region in a part tree: the content between a start and its end
/// is written only when the `IF` of test slot `slot` comes out `when`.
final class XRegionMarker: XNode {
    let slot: Int
    let when: Bool
    let isStart: Bool
    init(slot: Int, when: Bool, isStart: Bool) {
        self.slot = slot
        self.when = when
        self.isStart = isStart
    }
}

/// An `IF` whose texts hold more than plain text (pictures, hyperlinks, tables, several paragraphs,
/// runs formatted differently): its texts stay in the document as they are, each in a conditional
/// region, and only the test is compiled.
struct BranchPlan {
    let field: ScannedField
    /// The test slot: `1` when the condition holds, else empty.
    let slot: Int
    /// Each text: when it is written, and where it lies (after its opening quote, before its closing one).
    let branches: [(when: Bool, start: Boundary, end: Boundary)]

    /// A place between two characters of the instruction, or beside a nested field.
    enum Boundary {
        /// In the text of `instrText`, before character `offset`.
        case text(XElement, offset: Int)
        /// Before or after a nested field's runs.
        case beforeRun(XElement)
        case afterRun(XElement)
    }
}

/// Rewrites a part for its `BranchPlan`s: splits the runs at the texts' edges, puts region markers
/// there, removes the rest of each `IF` (its code, its cached result) and turns the texts'
/// instruction runs into text runs. Linear in the size of the part.
enum BranchRegions {
    /// The run (and its parent) at the edge of each text, or nil when the texts' edges do not sit in
    /// elements of the same kind (then the `IF` is merged as plain text instead).
    static func isSupported(_ plan: BranchPlan) -> Bool {
        for branch in plan.branches {
            guard let start = run(of: branch.start)?.parent, let end = run(of: branch.end)?.parent,
                  path(of: start) == path(of: end) else { return false }
        }
        return true
    }

    /// Applies every plan of a part; the plans' fields do not overlap.
    static func apply(_ plans: [BranchPlan], in root: XElement) {
        guard !plans.isEmpty else { return }
        for plan in plans { placeMarkers(plan) }
        var walker = Walker(plans: plans)
        walker.walk(root)
        walker.joinParagraphs()
    }

    private static func run(of boundary: BranchPlan.Boundary) -> XElement? {
        switch boundary {
        case let .text(instruction, _): return instruction.parent
        case let .beforeRun(run), let .afterRun(run): return run
        }
    }

    /// The element names from the root down to `element`.
    private static func path(of element: XElement) -> [String] {
        var names: [String] = []
        var current: XElement? = element
        while let node = current {
            names.append(node.name.qualified)
            current = node.parent
        }
        return names
    }

    /// Splits runs and inserts the start and end markers of each text, the last edge first so that the
    /// offsets of earlier edges stay valid.
    private static func placeMarkers(_ plan: BranchPlan) {
        var edges: [(BranchPlan.Boundary, XRegionMarker)] = []
        for branch in plan.branches {
            edges.append((branch.start, XRegionMarker(slot: plan.slot, when: branch.when, isStart: true)))
            edges.append((branch.end, XRegionMarker(slot: plan.slot, when: branch.when, isStart: false)))
        }
        for (boundary, marker) in edges.reversed() {
            guard let (parent, index) = insertionPoint(boundary, of: plan.field) else { continue }
            parent.insert(marker, at: index)
            plan.field.markers.append(marker)
        }
    }

    /// Where a boundary falls among its run's siblings, splitting the run when it falls inside it.
    private static func insertionPoint(_ boundary: BranchPlan.Boundary, of field: ScannedField) -> (XElement, Int)? {
        switch boundary {
        case let .beforeRun(run):
            guard let parent = run.parent, let index = run.indexInParent else { return nil }
            return (parent, index)
        case let .afterRun(run):
            guard let parent = run.parent, let index = run.indexInParent else { return nil }
            return (parent, index + 1)
        case let .text(instruction, offset):
            guard let run = instruction.parent, let parent = run.parent, let runIndex = run.indexInParent,
                  let childIndex = instruction.indexInParent else { return nil }
            let characters = Array(instruction.textContent)
            let content = run.children.indices.filter { !((run.children[$0] as? XElement)?.isWord("rPr") ?? false) }
            if offset <= 0, childIndex == content.first { return (parent, runIndex) }
            if offset >= characters.count, childIndex == content.last { return (parent, runIndex + 1) }
            // Split: the run keeps what is before the boundary, a copy of it takes the rest.
            let second = run.shallowCopy()
            if let properties = run.wordProperties("rPr") { second.append(properties.deepCopy()) }
            let head = String(characters[..<min(max(offset, 0), characters.count)])
            let tail = String(characters[min(max(offset, 0), characters.count)...])
            instruction.children = []
            instruction.append(XText(head))
            if !tail.isEmpty {
                let rest = instruction.shallowCopy()
                rest.append(XText(tail))
                second.append(rest)
            }
            for child in run.children[(childIndex + 1)...] { second.append(child) }
            run.children.removeSubrange((childIndex + 1)...)
            parent.insert(second, at: runIndex + 1)
            field.instructionRuns.append(second)
            return (parent, runIndex + 1)
        }
    }

    /// One walk over the part in document order.
    private struct Walker {
        /// The field a begin run opens.
        var planByBegin: [ObjectIdentifier: BranchPlan] = [:]
        /// Ancestors of the markers and end runs: kept (and walked into) outside the texts.
        var spine = Set<ObjectIdentifier>()
        /// The `IF`s' own instruction runs: inside a text they become text runs.
        var instructionRuns = Set<ObjectIdentifier>()
        var active: BranchPlan?
        var inRegion = false
        /// Paragraphs whose mark belonged to an `IF`'s code or result: joined with the next.
        var joins: [XElement] = []

        /// Property elements that stay whatever else of their parent goes.
        static let kept: Set<String> = ["pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "bookmarkStart", "bookmarkEnd"]

        init(plans: [BranchPlan]) {
            for plan in plans {
                planByBegin[ObjectIdentifier(plan.field.beginRun)] = plan
                for run in plan.field.instructionRuns { instructionRuns.insert(ObjectIdentifier(run)) }
                if let end = plan.field.endRun { addSpine(end) }
                for marker in plan.field.markers { addSpine(marker) }
            }
        }

        mutating func addSpine(_ node: XNode) {
            var current: XElement? = node.parent
            if let element = node as? XElement { current = element }
            while let element = current, spine.insert(ObjectIdentifier(element)).inserted {
                current = element.parent
            }
        }

        mutating func walk(_ element: XElement) {
            var index = 0
            while index < element.children.count {
                let child = element.children[index]
                if let marker = child as? XRegionMarker {
                    if let active, marker.slot == active.slot { inRegion = marker.isStart }
                    index += 1
                    continue
                }
                guard let child = child as? XElement else {
                    index += 1
                    continue
                }
                guard let plan = active else {
                    if let plan = planByBegin[ObjectIdentifier(child)] {
                        active = plan
                        inRegion = false
                        element.children.remove(at: index)
                        child.parent = nil
                        continue
                    }
                    walk(child)
                    index += 1
                    continue
                }
                if child === plan.field.endRun {
                    element.children.remove(at: index)
                    child.parent = nil
                    active = nil
                    continue
                }
                if inRegion {
                    if instructionRuns.contains(ObjectIdentifier(child)) {
                        for text in child.childElements where text.isWord("instrText") { text.name.localName = "t" }
                    }
                    walk(child)
                    index += 1
                    continue
                }
                if spine.contains(ObjectIdentifier(child)) {
                    walk(child)
                    if child.isWord("p"), active != nil, !inRegion { joins.append(child) }
                    index += 1
                    continue
                }
                if WordNamespace.isWord(child.name.namespaceURI), Self.kept.contains(child.name.localName) {
                    index += 1
                    continue
                }
                element.children.remove(at: index)
                child.parent = nil
            }
        }

        /// Joins each paragraph whose mark went with an `IF`'s code to the paragraph after it, the
        /// last first; the section break of a joined paragraph stays.
        func joinParagraphs() {
            for paragraph in joins.reversed() {
                guard let parent = paragraph.parent, let index = paragraph.indexInParent,
                      let next = parent.children[(index + 1)...].first(where: { $0 is XElement }) as? XElement,
                      next.isWord("p") else { continue }
                let nextProperties = next.wordProperties("pPr")
                if let nextProperties, nextProperties.wordChild("sectPr") != nil {
                    paragraph.wordProperties("pPr")?.removeFromParent()
                    paragraph.insert(nextProperties, at: 0)
                }
                for child in next.children where child !== nextProperties { paragraph.append(child) }
                next.removeFromParent()
            }
        }
    }
}
