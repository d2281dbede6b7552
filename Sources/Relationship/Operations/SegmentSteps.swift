/// The criteria steps of an open segment: add, reduce, refine, add or remove by hand, replay saved
/// criteria, reuse a logged segment, and undo the last step exactly.
///
/// Each step runs in one transaction. Undo bookkeeping: a line remembers the step that inserted it,
/// and a line a step removes is kept as it was (number, overrides, note) under that step, unless
/// the same step had inserted it. Contacts and lines are read a batch at a time (`StepRun`), so
/// memory stays flat however many contacts a step goes through.
public struct SegmentSteps {
    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Runs one step on segment `no`.
    /// - Throws: `FilterError` for a bad expression; `RelationshipError` for an unknown segment,
    ///   contact, saved criteria or logged segment, a privacy-blocked contact added by hand, or a
    ///   contact to remove that is not on the segment.
    public func run(_ definition: StepDefinition, on no: String) throws -> StepReport {
        // Every line a step inserts is of a contact it read in the step's transaction (`StepRun`).
        try store.writingInBulk(checkingForeignKeys: false) { try store.transaction {
            guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
            let stepNo = (try store.steps(of: header.no).map(\.stepNo).max() ?? 0) + 1
            var run = try StepRun(store: store, header: header, stepNo: stepNo)
            var replayed: [StepDefinition] = []
            if definition.action == .addCriteria {
                guard let criteria = try store.criteria(definition.expression) else {
                    throw RelationshipError.unknownCriteria(definition.expression)
                }
                replayed = criteria.steps
                for step in criteria.steps { try run.apply(step, replaying: true) }
            } else {
                try run.apply(definition, replaying: false)
            }
            var report = run.report
            try store.insertStep(SegmentStep(stepNo: stepNo, definition: definition, replayed: replayed,
                                             added: report.added, removed: report.removed), segment: header.no)
            report.lineCount = try store.lineCount(of: header.no)
            return report
        } }
    }

    /// Reverts the last step: removes the lines it inserted and puts back the lines it removed,
    /// except those of contacts privacy-blocked since (no path adds those), which it counts.
    public func undo(_ no: String) throws -> UndoReport {
        try store.writingInBulk(checkingForeignKeys: true) { try store.transaction {
            guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
            guard let last = try store.steps(of: header.no).last else {
                throw RelationshipError.problems(["segment \(header.no) has no steps to undo"])
            }
            // The lines of contacts privacy-blocked since are dropped from the undo records first, so
            // that reverting leaves them out.
            var skipped = 0
            try store.forEachRemovedLine(segment: header.no, step: last.stepNo, batch: StoreBatch.size) { lines in
                for line in lines {
                    guard try store.contact(line.contactNo)?.isPrivacyBlocked == true else { continue }
                    try store.discardRemovedLine(line.lineNo, step: last.stepNo, segment: header.no)
                    skipped += 1
                }
            }
            let (deleted, restored) = try store.revertStep(last.stepNo, segment: header.no)
            return UndoReport(segment: header.no, step: last, deleted: deleted, restored: restored,
                              skippedPrivacyBlocked: skipped, lineCount: try store.lineCount(of: header.no))
        } }
    }
}
