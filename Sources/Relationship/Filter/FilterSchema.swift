import DocxMerge

/// The fields a filter may name (matched loosely, as column names are), each read from a record by
/// its index.
struct FilterSchema {
    private let indexByKey: [String: Int]
    let booleanIndexes: Set<Int>

    /// Contact fields: the standard ones (`ContactNo` also names `No`), then the custom ones.
    static func contacts(customFields: [CustomField]) -> FilterSchema {
        var map: [String: Int] = [:]
        for field in ContactField.allCases { map[FieldKey(field.rawValue).normalized] = field.index }
        map[FieldKey("ContactNo").normalized] = ContactField.no.index
        let standard = ContactField.allCases.count
        for (offset, field) in customFields.enumerated() where map[field.key] == nil { map[field.key] = standard + offset }
        return FilterSchema(indexByKey: map,
                            booleanIndexes: [ContactField.excludeFromSegment.index, ContactField.privacyBlocked.index])
    }

    /// The fields of an interaction entry that `interaction(…)` can test.
    static let interactions: FilterSchema = {
        var map: [String: Int] = [:]
        for (index, name) in InteractionEntry.filterFields.enumerated() { map[FieldKey(name).normalized] = index }
        let booleans = InteractionEntry.filterFields.indices.filter {
            InteractionEntry.booleanFilterFields.contains(InteractionEntry.filterFields[$0])
        }
        return FilterSchema(indexByKey: map, booleanIndexes: Set(booleans))
    }()

    func index(of name: String) -> Int? { indexByKey[FieldKey(name).normalized] }
}
