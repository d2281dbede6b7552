extension SQLiteStore {
    public func criteria(_ code: String) throws -> SavedCriteria? {
        guard let header = try statement("SELECT code, description FROM saved_criteria WHERE code = ?")
            .firstRow([.text(code)], { ($0.text(0), $0.text(1)) }) else { return nil }
        let steps = try statement("""
            SELECT action, expression, options, contacts FROM saved_criteria_steps WHERE criteria_code = ? ORDER BY step_no
            """).rows([.text(code)]) { Self.readDefinition($0, from: 0) }
        return SavedCriteria(code: header.0, description: header.1, steps: steps)
    }

    public func allCriteria() throws -> [SavedCriteria] {
        try statement("SELECT code FROM saved_criteria ORDER BY code").rows { $0.text(0) }.compactMap { try criteria($0) }
    }

    /// Saves criteria, replacing any with the same code.
    public func saveCriteria(_ criteria: SavedCriteria) throws {
        try deleteCriteria(criteria.code)
        try statement("INSERT INTO saved_criteria (code, description) VALUES (?, ?)")
            .run([.text(criteria.code), .text(criteria.description)])
        let insert = try statement("""
            INSERT INTO saved_criteria_steps (criteria_code, step_no, action, expression, options, contacts) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (index, step) in criteria.steps.enumerated() {
            try insert.run([.text(criteria.code), .integer(index + 1)] + Self.definitionValues(step))
        }
    }

    /// Deletes saved criteria. - Returns: false when there were none with this code.
    @discardableResult
    public func deleteCriteria(_ code: String) throws -> Bool {
        try statement("DELETE FROM saved_criteria_steps WHERE criteria_code = ?").run([.text(code)])
        try statement("DELETE FROM saved_criteria WHERE code = ?").run([.text(code)])
        return database.changes > 0
    }
}
