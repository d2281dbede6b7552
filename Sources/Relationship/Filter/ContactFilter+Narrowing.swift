/// A condition every contact a filter matches meets, for the store to leave the others out before
/// they are read: a text field that must fold to an ASCII text (`City = Oslo` at the top level of
/// the filter, or in a chain of `and`s). The filter still decides each contact the store gives.
public struct FieldNarrowing: Sendable, Equatable {
    public let field: ContactField
    /// The literal, folded (printable ASCII only).
    public let folded: String
    /// The characters besides ASCII that fold to a part of `folded` (`ſ`, long s, for `oslo`): a
    /// value that matches is `folded` in ASCII lower case, or holds one of these.
    public let foldingCharacters: [String]

    init(field: ContactField, folded: String) {
        self.field = field
        self.folded = folded
        foldingCharacters = TextFolding.foldingToASCII.filter { folded.utf8.contains($0.folded.utf8) }.map(\.character)
    }
}

extension ContactFilter {
    /// The narrowings the filter implies (empty when none: every contact must then be read).
    public var narrowings: [FieldNarrowing] {
        var found: [FieldNarrowing] = []
        func collect(_ node: Node) {
            switch node {
            case let .and(left, right):
                collect(left)
                collect(right)
            case let .compare(index, .equal, literal):
                // Numbers and dates compare by value, booleans are stored as numbers: only plain text narrows.
                guard index < ContactField.allCases.count, literal.number == nil, literal.date == nil,
                      !literal.folded.isEmpty, literal.folded.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return }
                let field = ContactField.allCases[index]
                guard !field.isBoolean else { return }
                found.append(FieldNarrowing(field: field, folded: literal.folded))
            default:
                return
            }
        }
        collect(root)
        return found
    }
}
