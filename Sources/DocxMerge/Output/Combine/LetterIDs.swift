/// The ids one letter gets in the combined document. Every id is worked out from the letter's
/// number and its own counters, never from the letters before it, so letters can be prepared on
/// several threads at once: letter `n` owns the ids `n × stride + 1 … n × stride + stride − 1`.
struct LetterIDs {
    /// Ids one letter may use of each kind.
    static let stride = 1_000

    let index: Int
    private var drawings = 0
    private var annotations = 0
    private var notes = 0
    /// (kind, id in the template) → id in the combined document.
    private var assigned: [Series: Int] = [:]
    /// The numbering instances (template numIds) the letter uses.
    var numberings = Set<Int>()

    init(index: Int) { self.index = index }

    /// The kinds of ids a letter renumbers.
    private enum Kind: Hashable { case bookmark, revision, comment, footnote, endnote }
    private struct Series: Hashable {
        let kind: Kind
        let old: Int
    }

    /// A `wp:docPr` id: unique in the document, never 0.
    mutating func drawing() throws -> Int {
        drawings += 1
        return try checked(drawings, "pictures and drawings")
    }

    mutating func bookmark(_ old: Int) throws -> Int { try annotation(old, .bookmark) }
    mutating func revision(_ old: Int) throws -> Int { try annotation(old, .revision) }
    mutating func comment(_ old: Int) throws -> Int { try annotation(old, .comment) }

    /// A footnote's or endnote's new id (ids below 1 are the separators, kept as they are).
    mutating func note(_ old: Int, kind: NoteKind) throws -> Int {
        switch kind {
        case .footnotes: return try noteID(old, .footnote)
        case .endnotes: return try noteID(old, .endnote)
        case .comments: return try comment(old)
        }
    }

    /// Bookmarks, comments and revisions share one series of ids, as Word's annotations do.
    private mutating func annotation(_ old: Int, _ kind: Kind) throws -> Int {
        if let new = assigned[Series(kind: kind, old: old)] { return new }
        annotations += 1
        let new = try checked(annotations, "bookmarks, comments and revision marks")
        assigned[Series(kind: kind, old: old)] = new
        return new
    }

    private mutating func noteID(_ old: Int, _ kind: Kind) throws -> Int {
        guard old > 0 else { return old }
        if let new = assigned[Series(kind: kind, old: old)] { return new }
        notes += 1
        let new = try checked(notes, "footnotes and endnotes")
        assigned[Series(kind: kind, old: old)] = new
        return new
    }

    private func checked(_ count: Int, _ what: String) throws -> Int {
        guard count < Self.stride else {
            throw MergeError.io(path: "letter \(index + 1)", message: "holds more than \(Self.stride - 1) \(what); they cannot be combined")
        }
        return index * Self.stride + count
    }

    /// A bookmark's name in this letter: the first letter keeps its names, the others get `_L<n>`
    /// (Word's limit of 40 characters kept).
    func bookmarkName(_ name: String) -> String {
        guard index > 0, !name.isEmpty else { return name }
        let suffix = "_L\(index + 1)"
        return String(name.prefix(max(1, 40 - suffix.count))) + suffix
    }

    /// A field instruction with the bookmark a `REF`, `PAGEREF` or `NOTEREF` names renamed.
    func instruction(_ text: String) -> String {
        guard index > 0 else { return text }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 2, ["REF", "PAGEREF", "NOTEREF"].contains(words[0].uppercased()), !words[1].hasPrefix("\\") else { return text }
        let target = words[1]
        return String(text[..<target.startIndex]) + bookmarkName(String(target)) + String(text[target.endIndex...])
    }
}
