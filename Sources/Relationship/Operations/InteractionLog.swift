import DocxMerge

/// Logged segments and their interaction entries: list, show, cancel and un-cancel, follow-ups, and
/// each letter produced again byte for byte.
public struct InteractionLog {
    /// What `cancel` did: the change, or that there was nothing to change.
    public enum CancelOutcome: Sendable, Equatable {
        case changed(entries: Int)
        case unchanged
    }

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    public func loggedSegments() throws -> [(logged: LoggedSegment, interactions: Int)] {
        try store.read { try store.loggedSegments() }
    }

    /// A logged segment and its entries.
    public func show(_ entryNo: Int) throws -> (logged: LoggedSegment, interactions: [InteractionEntry]) {
        try store.read {
            guard let logged = try store.loggedSegment(entryNo) else { throw RelationshipError.unknownLoggedSegment(entryNo) }
            return (logged, try store.interactions(InteractionFilter(loggedSegmentNo: entryNo)))
        }
    }

    public func interactions(_ filter: InteractionFilter) throws -> [InteractionEntry] {
        try store.read {
            if let no = filter.loggedSegmentNo, try store.loggedSegment(no) == nil { throw RelationshipError.unknownLoggedSegment(no) }
            if let no = filter.segmentNo, try !store.segmentNumberUsed(no) { throw RelationshipError.unknownSegment(no) }
            if let code = filter.interactionTemplate, try store.template(code) == nil,
               try store.interactions(InteractionFilter(interactionTemplate: code)).isEmpty {
                throw RelationshipError.unknownTemplate(code)
            }
            if let contact = filter.contactNo, try !store.contactExists(contact) { throw RelationshipError.unknownContact(contact) }
            return try store.interactions(filter)
        }
    }

    /// Cancels a logged segment and all its entries; `undo` makes it and all its entries active again.
    public func cancelLogged(_ entryNo: Int, undo: Bool = false) throws -> CancelOutcome {
        try store.transaction {
            guard let logged = try store.loggedSegment(entryNo) else { throw RelationshipError.unknownLoggedSegment(entryNo) }
            let entries = try store.interactions(InteractionFilter(loggedSegmentNo: entryNo))
            let target = !undo
            guard logged.canceled != target || entries.contains(where: { $0.canceled != target }) else { return .unchanged }
            try store.setLoggedSegmentCanceled(entryNo, target)
            return .changed(entries: entries.count)
        }
    }

    /// Cancels one entry, or (`undo`) makes it active again. An entry of a canceled logged segment is
    /// canceled already (canceling it changes nothing); un-canceling it on its own is refused, as it
    /// is un-canceled with its segment.
    public func cancelInteraction(_ entryNo: Int, undo: Bool = false) throws -> CancelOutcome {
        try store.transaction {
            guard let entry = try store.interaction(entryNo) else { throw RelationshipError.unknownInteraction(entryNo) }
            if undo, let logged = try store.loggedSegment(entry.loggedSegmentNo), logged.canceled {
                throw RelationshipError.problems([
                    "interaction entry \(entryNo) belongs to logged segment \(logged.entryNo), which is canceled; "
                        + "un-cancel the logged segment instead (logged cancel \(logged.entryNo) --undo)",
                ])
            }
            guard entry.canceled == undo else { return .unchanged }
            try store.setInteractionCanceled(entryNo, !undo)
            return .changed(entries: 1)
        }
    }

    /// Opens a new segment "Follow-up on segment <SegmentNo>" with the logged segment's template and
    /// campaign and its contacts, less the ones privacy-blocked since (counted in the report).
    /// - Parameter segment: the new segment's number; nil for the next of the series.
    public func followUp(_ entryNo: Int, segment: String?) throws -> (header: SegmentHeader, report: StepReport) {
        try store.transaction {
            guard let logged = try store.loggedSegment(entryNo) else { throw RelationshipError.unknownLoggedSegment(entryNo) }
            var changes = SegmentEditor.HeaderChanges()
            changes.description = "Follow-up on segment \(logged.segmentNo)"
            if !logged.interactionTemplate.isEmpty, try store.template(logged.interactionTemplate) != nil {
                changes.interactionTemplate = logged.interactionTemplate
            }
            changes.campaignNo = logged.campaignNo
            let header = try SegmentEditor(store: store).create(no: segment, changes: changes)
            let report = try SegmentSteps(store: store).run(StepDefinition(action: .addLogged, expression: String(entryNo)), on: header.no)
            return (header, report)
        }
    }

    /// The letter of an entry (the `.docx`; for an e-mail, the attached letter), produced again from
    /// the stored template version, values and compression level.
    /// - Throws: `RelationshipError.problems` when the template version is gone, or when this
    ///   Lettershop would write different bytes than the logged letter (it never hands back a
    ///   different letter).
    public func document(_ entryNo: Int) throws -> (entry: InteractionEntry, bytes: [UInt8]) {
        // The template version's bytes, or the letter itself when it was edited by hand.
        let (entry, stored) = try store.read { () throws -> (InteractionEntry, [UInt8]) in
            guard let entry = try store.interaction(entryNo) else { throw RelationshipError.unknownInteraction(entryNo) }
            guard entry.hasDocument else {
                throw RelationshipError.problems(["interaction entry \(entryNo) has no document (its template \(entry.interactionTemplate) has none)"])
            }
            // A letter edited by hand is the stored document itself.
            if entry.editedByHand {
                guard let bytes = try store.documentBytes(sha256: entry.documentSHA256), SHA256.hex(bytes) == entry.documentSHA256 else {
                    throw RelationshipError.problems(["interaction entry \(entryNo): its letter edited by hand is no longer stored"])
                }
                return (entry, bytes)
            }
            guard let bytes = try store.documentBytes(sha256: entry.templateSHA256) else {
                throw RelationshipError.problems(["interaction entry \(entryNo): its template version (\(entry.templateSHA256.prefix(12))…) is no longer stored"])
            }
            return (entry, bytes)
        }
        if entry.editedByHand { return (entry, stored) }
        guard let pairs = FlatJSON.decode(entry.mergedValues) else {
            throw RelationshipError.problems(["interaction entry \(entryNo): its stored MergedValues are not a JSON object of texts"])
        }
        let engine = MergeEngine.version
        let different = entry.engineVersion == engine ? "" : " (logged with \(entry.engineVersion.isEmpty ? "an unknown engine" : entry.engineVersion), this is \(engine))"
        let bytes: [UInt8]
        do {
            let compiled = try MergeTemplate(bytes: stored, name: "template \(entry.interactionTemplate) (\(entry.templateSHA256.prefix(12))…)")
            let plan = try LetterPlan(template: compiled, columns: pairs.map(\.0), missing: .error, compressionLevel: entry.compressionLevel)
            bytes = try LetterRenderer(plan: plan).render(pairs.map(\.1))
        } catch let error as MergeError {
            throw RelationshipError.problems(["interaction entry \(entryNo): this Lettershop cannot produce the letter again\(different): \(error)"])
        }
        guard SHA256.hex(bytes) == entry.documentSHA256 else {
            throw RelationshipError.problems([
                "interaction entry \(entryNo): this Lettershop would write a different letter than the one logged\(different); "
                    + "use the Lettershop version that logged it to produce it again",
            ])
        }
        return (entry, bytes)
    }
}
