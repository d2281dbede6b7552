/// The criteria steps of an open segment: add, reduce, refine, add or remove by hand, replay saved
/// criteria, reuse a logged segment, and undo the last step exactly.
///
/// Each step runs in one transaction. Undo bookkeeping: a line remembers the step that inserted it,
/// and a line a step removes is kept as it was (number, overrides, note) under that step, unless
/// the same step had inserted it.
public struct SegmentSteps {
    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Runs one step on segment `no`.
    /// - Throws: `FilterError` for a bad expression; `RelationshipError` for an unknown segment,
    ///   contact, saved criteria or logged segment, a privacy-blocked contact added by hand, or a
    ///   contact to remove that is not on the segment.
    public func run(_ definition: StepDefinition, on no: String) throws -> StepReport {
        try store.transaction {
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
        }
    }

    /// Reverts the last step: removes the lines it inserted and puts back the lines it removed,
    /// except those of contacts privacy-blocked since (no path adds those), which it counts.
    public func undo(_ no: String) throws -> UndoReport {
        try store.transaction {
            guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
            guard let last = try store.steps(of: header.no).last else {
                throw RelationshipError.problems(["segment \(header.no) has no steps to undo"])
            }
            let kept = Set(try store.lines(of: header.no).filter { $0.addedByStep != last.stepNo }.map(\.lineNo))
            let (deleted, restored) = try store.revertStep(last.stepNo, segment: header.no)
            var skipped = 0
            for line in try store.lines(of: header.no) where !kept.contains(line.lineNo) {
                guard try store.contact(line.contactNo)?.isPrivacyBlocked == true else { continue }
                try store.removeLine(line, segment: header.no, keepFor: nil)
                skipped += 1
            }
            return UndoReport(segment: header.no, step: last, deleted: deleted, restored: restored - skipped,
                              skippedPrivacyBlocked: skipped, lineCount: try store.lineCount(of: header.no))
        }
    }
}

/// The state of one step while it runs: the segment's lines by contact, and what changed.
private struct StepRun {
    let store: any RelationshipStore
    let header: SegmentHeader
    let stepNo: Int
    var lines: [String: SegmentLine] = [:]
    var report: StepReport
    var inheritance: LineInheritance
    let customFields: [CustomField]
    /// Contacts left out so far in this step (counted once however many replayed steps skip them).
    var skippedExcluded = Set<String>()
    var skippedBlocked = Set<String>()
    /// Privacy-blocked contacts a replayed step named by number.
    var blockedByNumber = 0

    init(store: any RelationshipStore, header: SegmentHeader, stepNo: Int) throws {
        self.store = store
        self.header = header
        self.stepNo = stepNo
        report = StepReport(segment: header.no, stepNo: stepNo)
        for line in try store.lines(of: header.no) { lines[line.contactNo] = line }
        inheritance = LineInheritance(header: header, store: store)
        customFields = try store.customFields()
    }

    mutating func apply(_ step: StepDefinition, replaying: Bool) throws {
        let options = Set(step.options)
        switch step.action {
        case .add:
            let filter = try ContactFilter(step.expression, customFields: customFields)
            let history = try filter.interactionHistory(in: store)
            var matches: [Contact] = []
            try store.forEachContact { if filter.matches($0, history: history) { matches.append($0) } }
            try add(matches, byHand: false, options: options)
        case .reduce, .refine:
            let filter = try ContactFilter(step.expression, customFields: customFields)
            let history = try filter.interactionHistory(in: store)
            var matchedContacts = Set<String>()
            var matchedCompanies = Set<String>()
            var companyOf: [String: String] = [:]
            let lines = self.lines
            try store.forEachContact { contact in
                if lines[contact.no] != nil { companyOf[contact.no] = contact.companyKey }
                if filter.matches(contact, history: history) {
                    matchedContacts.insert(contact.no)
                    if !contact.companyKey.isEmpty { matchedCompanies.insert(contact.companyKey) }
                }
            }
            let entire = options.contains(.entireCompanies)
            let removeMatching = step.action == .reduce
            for line in lines.values.sorted(by: { $0.lineNo < $1.lineNo }) {
                var matches = matchedContacts.contains(line.contactNo)
                if entire, !matches, let company = companyOf[line.contactNo], !company.isEmpty {
                    matches = matchedCompanies.contains(company)
                }
                if matches == removeMatching { try remove(line) }
            }
        case .addContacts:
            var contacts: [Contact] = []
            var problems: [RelationshipError] = []
            for no in step.contacts {
                guard let contact = try store.contact(no) else {
                    if replaying { report.skippedMissing += 1 } else { problems.append(.unknownContact(no)) }
                    continue
                }
                if contact.isPrivacyBlocked {
                    if replaying { blockedByNumber += 1 } else { problems.append(.privacyBlocked(contact: no)) }
                    continue
                }
                contacts.append(contact)
            }
            try Self.throwIfAny(problems)
            try add(contacts, byHand: true, options: options)
        case .removeContacts:
            var problems: [RelationshipError] = []
            for no in step.contacts where lines[no] == nil && !replaying {
                problems.append(try store.contactExists(no) ? .notOnSegment(contact: no, segment: header.no) : .unknownContact(no))
            }
            try Self.throwIfAny(problems)
            for no in step.contacts {
                if let line = lines[no] { try remove(line) }
            }
        case .addLogged:
            guard let entryNo = Int(step.expression), try store.loggedSegment(entryNo) != nil else {
                throw RelationshipError.unknownLoggedSegment(Int(step.expression) ?? 0)
            }
            var contacts: [Contact] = []
            for no in try store.contactNos(ofLogged: entryNo) {
                guard let contact = try store.contact(no) else { report.skippedMissing += 1; continue }
                contacts.append(contact)
            }
            try add(contacts, byHand: true, options: options)
        case .addCriteria:
            guard let criteria = try store.criteria(step.expression) else { throw RelationshipError.unknownCriteria(step.expression) }
            for inner in criteria.steps { try apply(inner, replaying: true) }
        }
    }

    /// Throws the one problem as itself, several as `.problems` (one line each).
    private static func throwIfAny(_ problems: [RelationshipError]) throws {
        guard let first = problems.first else { return }
        throw problems.count == 1 ? first : RelationshipError.problems(problems.map(\.description))
    }

    /// Adds contacts (and with the options, their companies' persons or their companies). Contacts
    /// chosen by hand keep their exclusion; the ones criteria found, and every expansion, skip
    /// excluded contacts unless told to ignore exclusion. Privacy-blocked contacts are always skipped.
    private mutating func add(_ contacts: [Contact], byHand: Bool, options: Set<StepOption>) throws {
        let ignoreExclusion = options.contains(.ignoreExclusion)
        var chosen: [Contact] = []
        var seen = Set<String>()
        var skippedExcluded = self.skippedExcluded
        var skippedBlocked = self.skippedBlocked
        func consider(_ contact: Contact, explicit: Bool) {
            guard lines[contact.no] == nil, !seen.contains(contact.no) else { return }
            if contact.isPrivacyBlocked { skippedBlocked.insert(contact.no); return }
            if contact.isExcluded && !explicit && !ignoreExclusion { skippedExcluded.insert(contact.no); return }
            seen.insert(contact.no)
            chosen.append(contact)
        }
        for contact in contacts { consider(contact, explicit: byHand) }
        let expand = options.contains(.expandCompanies), withCompanies = options.contains(.withCompanies)
        if expand || withCompanies {
            let companies = Set(contacts.filter { $0.type == .company }.map(\.no))
            let parents = Set(contacts.filter { $0.type == .person && !$0.companyKey.isEmpty }.map(\.companyKey))
            var related: [Contact] = []
            try store.forEachContact { contact in
                if expand, contact.type == .person, companies.contains(contact[.companyNo]) { related.append(contact) }
                if withCompanies, contact.type == .company, parents.contains(contact.no) { related.append(contact) }
            }
            for contact in related { consider(contact, explicit: false) }
        }
        self.skippedExcluded = skippedExcluded.subtracting(seen)
        self.skippedBlocked = skippedBlocked
        report.skippedExcluded = self.skippedExcluded.count
        report.skippedPrivacyBlocked = self.skippedBlocked.count + blockedByNumber
        guard !chosen.isEmpty else { return }
        var lineNo = try store.reserveLineNumbers(segment: header.no, count: chosen.count)
        for contact in chosen {
            let line = SegmentLine(lineNo: lineNo, contactNo: contact.no, values: try inheritance.values(for: contact), addedByStep: stepNo)
            try store.insertLine(line, segment: header.no)
            lines[contact.no] = line
            lineNo += 10_000
            report.added += 1
        }
    }

    /// Removes a line; a line this step inserted is simply dropped, any other is kept for undo.
    private mutating func remove(_ line: SegmentLine) throws {
        let insertedHere = line.addedByStep == stepNo
        try store.removeLine(line, segment: header.no, keepFor: insertedHere ? nil : stepNo)
        lines[line.contactNo] = nil
        if insertedHere { report.added -= 1 } else { report.removed += 1 }
    }
}
