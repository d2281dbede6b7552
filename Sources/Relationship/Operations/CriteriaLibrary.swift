/// Saved criteria: a segment's steps kept under a code, replayed on other segments later.
public struct CriteriaLibrary {
    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Saves the steps of segment `segmentNo` as criteria `code`. A step that replayed other saved
    /// criteria is saved as the steps it replayed.
    /// - Throws: `RelationshipError.noSteps` for a segment without steps; `.criteriaExists` when
    ///   `code` is taken and `force` is false.
    @discardableResult
    public func save(segment segmentNo: String, code: String, description: String?, force: Bool) throws -> SavedCriteria {
        try store.transaction {
            guard let header = try store.segment(segmentNo) else { throw RelationshipError.unknownSegment(segmentNo) }
            let steps = try store.steps(of: header.no)
            guard !steps.isEmpty else { throw RelationshipError.noSteps(segment: header.no) }
            if !force, try store.criteria(code) != nil { throw RelationshipError.criteriaExists(code) }
            let definitions = steps.flatMap { $0.definition.action == .addCriteria ? $0.replayed : [$0.definition] }
            let criteria = SavedCriteria(code: code, description: description ?? header.description, steps: definitions)
            try store.saveCriteria(criteria)
            return criteria
        }
    }

    public func list() throws -> [SavedCriteria] {
        try store.read { try store.allCriteria() }
    }

    public func show(_ code: String) throws -> SavedCriteria {
        try store.read {
            guard let criteria = try store.criteria(code) else { throw RelationshipError.unknownCriteria(code) }
            return criteria
        }
    }

    public func delete(_ code: String) throws {
        try store.transaction {
            guard try store.deleteCriteria(code) else { throw RelationshipError.unknownCriteria(code) }
        }
    }
}
