/// Removing lines: those whose contact matches (`reduce`) or does not (`refine`), and those named by
/// hand. A line this step inserted is simply dropped; any other is kept for undo.
extension StepRun {
    /// Removes the lines whose contact matches `filter`, or with `keepMatching` those whose contact
    /// does not. With `entireCompanies` a line matches when its contact or any contact of the same
    /// company matches, on the segment or not.
    mutating func removeLines(matching filter: ContactFilter, keepMatching: Bool, entireCompanies: Bool) throws {
        // Which companies match is known only after going through every contact.
        var matchedCompanies = Set<String>()
        if entireCompanies {
            try store.forEachContactBatch(batch: StoreBatch.size) { batch in
                for contact in try filter.matching(batch, in: store) where !contact.companyKey.isEmpty {
                    matchedCompanies.insert(contact.companyKey)
                }
            }
        }
        try store.forEachContactBatch(onSegment: header.no, batch: StoreBatch.size) { batch in
            // A contact of a matched company matches whatever its own fields.
            let undecided = batch.filter { $0.companyKey.isEmpty || !matchedCompanies.contains($0.companyKey) }
            let matched = Set(try filter.matching(undecided, in: store).map(\.no))
            let leaving = batch.filter { contact in
                let matches = matched.contains(contact.no) || (!contact.companyKey.isEmpty && matchedCompanies.contains(contact.companyKey))
                return matches != keepMatching
            }
            let lines = try lines(of: leaving)
            try remove(leaving.compactMap { lines[$0.no] })
        }
    }

    /// Removes the lines of contacts named by number. A contact that is not on the segment is an
    /// error, all of them listed; a replayed step passes over it.
    mutating func removeByHand(_ numbers: [String], replaying: Bool) throws {
        if !replaying {
            var problems: [RelationshipError] = []
            for no in numbers where try store.line(of: header.no, contact: no) == nil {
                problems.append(try store.contactExists(no) ? .notOnSegment(contact: no, segment: header.no) : .unknownContact(no))
            }
            try Self.throwIfAny(problems)
        }
        for no in numbers {
            if let line = try store.line(of: header.no, contact: no) { try remove([line]) }
        }
    }

    /// Removes lines (a batch); a line this step inserted is simply dropped, any other is kept for undo.
    private mutating func remove(_ lines: [SegmentLine]) throws {
        let insertedHere = lines.filter { $0.addedByStep == stepNo }.map(\.lineNo)
        let kept = lines.filter { $0.addedByStep != stepNo }.map(\.lineNo)
        try store.removeLines(insertedHere, segment: header.no, keepFor: nil)
        try store.removeLines(kept, segment: header.no, keepFor: stepNo)
        report.added -= insertedHere.count
        report.removed += kept.count
    }
}
