/// The state of one step while it runs: what it changed and which contacts it left out. The
/// segment's lines stay in the store; contacts and lines are read `StoreBatch.size` at a time.
struct StepRun {
    let store: any RelationshipStore
    let header: SegmentHeader
    let stepNo: Int
    var report: StepReport
    var inheritance: LineInheritance
    let customFields: [CustomField]
    /// Contacts left out so far in this step (counted once however many replayed steps skip them).
    var skippedExcluded = Set<String>()
    var skippedBlocked = Set<String>()
    /// Contacts left out because they opted out of the channel their line would use.
    var skippedOptedOut = Set<String>()
    /// Privacy-blocked contacts a replayed step named by number.
    var blockedByNumber = 0

    init(store: any RelationshipStore, header: SegmentHeader, stepNo: Int) throws {
        self.store = store
        self.header = header
        self.stepNo = stepNo
        report = StepReport(segment: header.no, stepNo: stepNo)
        inheritance = LineInheritance(header: header, store: store)
        customFields = try store.customFields()
    }

    mutating func apply(_ step: StepDefinition, replaying: Bool) throws {
        let options = Set(step.options)
        switch step.action {
        case .add:
            try addMatching(ContactFilter(step.expression, customFields: customFields), options: options)
        case .reduce, .refine:
            try removeLines(matching: ContactFilter(step.expression, customFields: customFields),
                            keepMatching: step.action == .refine, entireCompanies: options.contains(.entireCompanies))
        case .addContacts:
            try addByHand(step.contacts, replaying: replaying, options: options)
        case .removeContacts:
            try removeByHand(step.contacts, replaying: replaying)
        case .addLogged:
            guard let entryNo = Int(step.expression), try store.loggedSegment(entryNo) != nil else {
                throw RelationshipError.unknownLoggedSegment(Int(step.expression) ?? 0)
            }
            try addLogged(entryNo, options: options)
        case .addCriteria:
            guard let criteria = try store.criteria(step.expression) else { throw RelationshipError.unknownCriteria(step.expression) }
            for inner in criteria.steps { try apply(inner, replaying: true) }
        }
    }

    /// Throws the one problem as itself, several as `.problems` (one line each).
    static func throwIfAny(_ problems: [RelationshipError]) throws {
        guard let first = problems.first else { return }
        throw problems.count == 1 ? first : RelationshipError.problems(problems.map(\.description))
    }

    /// The segment's lines of the contacts from the first of `contacts` to the last (in `No` order, a
    /// batch or part of one), by contact: lines of contacts in between that are not in `contacts` too.
    func lines(of contacts: [Contact]) throws -> [String: SegmentLine] {
        guard let first = contacts.first, let last = contacts.last else { return [:] }
        let lines = try store.lines(of: header.no, contactsFrom: first.no, through: last.no)
        return Dictionary(lines.map { ($0.contactNo, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
