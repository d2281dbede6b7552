/// A filter expression checked against the known fields and ready to test contacts.
///
/// ```swift
/// let filter = try ContactFilter("City = Oslo and not interaction(InteractionTemplate = SPRING)",
///                                customFields: store.customFields())
/// try store.forEachContactBatch(batch: 1000) { batch in
///     for contact in try filter.matching(batch, in: store) { … }
/// }
/// ```
///
/// Semantics (cli.md): a comparison is numeric when both sides read as numbers, a date comparison
/// when both read as ISO dates, otherwise case-folded text; an empty value is matched only by
/// `is empty`; booleans compare as `true`/`false`.
public struct ContactFilter: Sendable {
    indirect enum Node: Sendable {
        case or(Node, Node)
        case and(Node, Node)
        case not(Node)
        case compare(Int, FilterExpression.Comparison, FilterLiteral)
        case isIn(Int, [FilterLiteral])
        case between(Int, FilterLiteral, FilterLiteral)
        case isEmpty(Int, negated: Bool)
        /// The index of an interaction sub-filter.
        case interaction(Int)
        /// The index of a test the store answers for a batch of contacts (`setTests`).
        case set(Int)
    }

    /// The expression as given.
    public let text: String
    let root: Node
    /// The filters of the `interaction(…)` tests, over `InteractionEntry.filterValues`.
    private let interactionFilters: [Node]
    /// The tests of `opted-out(…)`, `group(…)` and `campaign(…)`.
    private let setTests: [ContactSetTest]
    private let standardCount = ContactField.allCases.count
    private let customKeys: [String]

    /// Parses and checks `text`.
    /// - Throws: `FilterError`: `.syntax` when it does not parse, `.unknownField` for a field that is
    ///   neither a standard nor a known custom field (or not an interaction field inside `interaction(…)`);
    ///   every unknown field is named, the first in the error and the others in its `further`.
    public init(_ text: String, customFields: [CustomField]) throws {
        self.text = text
        customKeys = customFields.map(\.key)
        var interactionFilters: [Node] = []
        var setTests: [ContactSetTest] = []
        var unknown: [FilterError] = []
        root = try Self.bind(FilterParser.parse(text), schema: .contacts(customFields: customFields),
                             interactions: &interactionFilters, sets: &setTests, unknown: &unknown, inside: false)
        if var first = unknown.first {
            first.further = Array(unknown.dropFirst())
            throw first
        }
        self.interactionFilters = interactionFilters
        self.setTests = setTests
    }

    /// Binds field names to indexes; an unknown field is noted in `unknown` (once per name) and
    /// bound to index 0, so that the rest of the expression is still checked.
    private static func bind(_ expression: FilterExpression, schema: FilterSchema, interactions: inout [Node],
                             sets: inout [ContactSetTest], unknown: inout [FilterError], inside: Bool) throws -> Node {
        func field(_ field: FilterExpression.Field) -> Int {
            guard let index = schema.index(of: field.name) else {
                let what = inside ? "interaction field" : "field"
                let error = FilterError(.unknownField, "unknown \(what) '\(field.name)'", column: field.column)
                if !unknown.contains(where: { $0.message.lowercased() == error.message.lowercased() }) { unknown.append(error) }
                return 0
            }
            return index
        }
        func bind(_ inner: FilterExpression) throws -> Node {
            try Self.bind(inner, schema: schema, interactions: &interactions, sets: &sets, unknown: &unknown, inside: inside)
        }
        func literal(_ text: String, for index: Int) -> FilterLiteral {
            if schema.booleanIndexes.contains(index), let value = BooleanText.parse(text), !text.isEmpty {
                return FilterLiteral(BooleanText.text(value))
            }
            return FilterLiteral(text)
        }
        switch expression {
        case let .or(left, right):
            return .or(try bind(left), try bind(right))
        case let .and(left, right):
            return .and(try bind(left), try bind(right))
        case let .not(inner):
            return .not(try bind(inner))
        case let .compare(name, comparison, value):
            let index = field(name)
            return .compare(index, comparison, literal(value, for: index))
        case let .isIn(name, values):
            let index = field(name)
            return .isIn(index, values.map { literal($0, for: index) })
        case let .between(name, low, high):
            let index = field(name)
            return .between(index, literal(low, for: index), literal(high, for: index))
        case let .isEmpty(name, negated):
            return .isEmpty(field(name), negated: negated)
        case let .interaction(inner, column):
            guard !inside else { throw FilterError(.syntax, "interaction(…) cannot be nested", column: column) }
            let node = try Self.bind(inner, schema: .interactions, interactions: &interactions, sets: &sets, unknown: &unknown,
                                     inside: true)
            interactions.append(node)
            return .interaction(interactions.count - 1)
        case let .call(name, arguments, column):
            guard !inside else { throw FilterError(.syntax, "\(name)(…) cannot be used inside interaction(…)", column: column) }
            let test = try ContactSetTest(call: name, arguments: arguments, column: column)
            if let known = sets.firstIndex(of: test) { return .set(known) }
            sets.append(test)
            return .set(sets.count - 1)
        }
    }

    /// The contacts of `contacts` that match, in their order. `contacts` must be in `No` order, as
    /// `forEachContactBatch` hands them over (a batch, or part of one): the interaction history is read
    /// for the contacts from the first to the last, and kept for these contacts only.
    public func matching(_ contacts: [Contact], in store: any RelationshipStore) throws -> [Contact] {
        let history = try interactionHistory(of: contacts, in: store)
        var passing: [Set<String>] = []
        if let first = contacts.first?.no, let last = contacts.last?.no {
            passing = try setTests.map { try store.contactNos(passing: $0, contactsFrom: first, through: last) }
        }
        return contacts.filter { matches($0, history: history, sets: passing) }
    }

    /// For each `interaction(…)` test, which of `contacts` (in `No` order) have a non-canceled entry
    /// that matches it.
    private func interactionHistory(of contacts: [Contact], in store: any RelationshipStore) throws -> [Set<String>] {
        var sets = Array(repeating: Set<String>(), count: interactionFilters.count)
        guard !interactionFilters.isEmpty, let first = contacts.first?.no, let last = contacts.last?.no else { return sets }
        let numbers = Set(contacts.map(\.no))
        try store.forEachActiveInteraction(contactsFrom: first, through: last) { entry in
            guard numbers.contains(entry.contactNo) else { return }
            let values = entry.filterValues
            for (index, node) in interactionFilters.enumerated() where Self.evaluate(node, { values[$0] }, nil) {
                sets[index].insert(entry.contactNo)
            }
        }
        return sets
    }

    /// Whether `contact` matches, given which contacts pass each `interaction(…)` test.
    private func matches(_ contact: Contact, history: [Set<String>], sets: [Set<String>]) -> Bool {
        // The closures capture these, not a copy of the whole filter.
        let standardCount = standardCount, customKeys = customKeys
        return Self.evaluate(root, { index in
            index < standardCount ? contact.fields[index] : (contact.custom[customKeys[index - standardCount]] ?? "")
        }, { history[$0].contains(contact.no) }, { sets[$0].contains(contact.no) })
    }

    /// - Parameters:
    ///   - interaction: whether the record passes `interaction(…)` test N (nil inside one).
    ///   - set: whether the record passes set test N (nil inside `interaction(…)`).
    private static func evaluate(_ node: Node, _ value: (Int) -> String, _ interaction: ((Int) -> Bool)?,
                                 _ set: ((Int) -> Bool)? = nil) -> Bool {
        switch node {
        case let .or(left, right): return evaluate(left, value, interaction, set) || evaluate(right, value, interaction, set)
        case let .and(left, right): return evaluate(left, value, interaction, set) && evaluate(right, value, interaction, set)
        case let .not(inner): return !evaluate(inner, value, interaction, set)
        case let .isEmpty(index, negated): return value(index).isEmpty != negated
        case let .interaction(index): return interaction?(index) ?? false
        case let .set(index): return set?(index) ?? false
        case let .compare(index, comparison, literal):
            let text = value(index)
            guard !text.isEmpty, !literal.text.isEmpty else { return false }
            switch comparison {
            case .contains: return TextFolding.fold(text).contains(literal.folded)
            case .startsWith: return TextFolding.fold(text).hasPrefix(literal.folded)
            case .equal: return literal.order(of: text) == .equal
            case .notEqual: return literal.order(of: text) != .equal
            case .less: return literal.order(of: text) == .less
            case .lessOrEqual: return literal.order(of: text) != .greater
            case .greater: return literal.order(of: text) == .greater
            case .greaterOrEqual: return literal.order(of: text) != .less
            }
        case let .isIn(index, literals):
            let text = value(index)
            guard !text.isEmpty else { return false }
            return literals.contains { !$0.text.isEmpty && $0.order(of: text) == .equal }
        case let .between(index, low, high):
            let text = value(index)
            guard !text.isEmpty, !low.text.isEmpty, !high.text.isEmpty else { return false }
            return low.order(of: text) != .less && high.order(of: text) != .greater
        }
    }
}
