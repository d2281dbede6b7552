/// Adding contacts: those criteria find, those named by hand, those of a logged segment; then, with
/// the options, their companies' persons or their persons' companies.
///
/// Contacts chosen by hand keep their exclusion; the ones criteria find, and every expansion, skip
/// excluded contacts unless told to ignore exclusion. Privacy-blocked contacts are always skipped.
/// New lines are numbered in the order the contacts come: the ones found or named, then the expansion.
extension StepRun {
    /// The contacts an add step takes besides those it finds or is given: with `--expand-companies`
    /// every person of a company among them, with `--with-companies` the company of a person among them.
    struct Expansion {
        let expand: Bool
        let withCompanies: Bool
        /// The companies among the contacts (their `No`), for `expand`.
        private var companies = Set<String>()
        /// The companies of the persons among the contacts, for `withCompanies`.
        private var parents = Set<String>()

        init(options: Set<StepOption>) {
            expand = options.contains(.expandCompanies)
            withCompanies = options.contains(.withCompanies)
        }

        var isEmpty: Bool { companies.isEmpty && parents.isEmpty }

        /// Notes the contacts found or given (whether or not they were added).
        mutating func note(_ contacts: [Contact]) {
            for contact in contacts {
                if expand, contact.type == .company { companies.insert(contact.no) }
                if withCompanies, contact.type == .person, !contact.companyKey.isEmpty { parents.insert(contact.companyKey) }
            }
        }

        /// Whether `contact` belongs to the expansion of the contacts noted.
        func includes(_ contact: Contact) -> Bool {
            (expand && contact.type == .person && companies.contains(contact[.companyNo]))
                || (withCompanies && contact.type == .company && parents.contains(contact.no))
        }
    }

    /// Adds the contacts `filter` matches (criteria: excluded ones skipped).
    mutating func addMatching(_ filter: ContactFilter, options: Set<StepOption>) throws {
        var expansion = Expansion(options: options)
        try store.forEachContactBatch(narrowedBy: filter.narrowings, batch: StoreBatch.size,
                                      choosing: { try filter.matching($0, in: $1) }) { found in
            expansion.note(found)
            try insert(found, explicit: false, options: options, inNoOrder: true)
        }
        try finishAdding(expansion, options: options)
    }

    /// Adds contacts named by number. Unknown and privacy-blocked contacts are errors, all of them
    /// listed; a replayed step counts them instead.
    mutating func addByHand(_ numbers: [String], replaying: Bool, options: Set<StepOption>) throws {
        var expansion = Expansion(options: options)
        var problems: [RelationshipError] = []
        for start in stride(from: 0, to: numbers.count, by: StoreBatch.size) {
            var contacts: [Contact] = []
            for no in numbers[start..<min(start + StoreBatch.size, numbers.count)] {
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
            // After a problem the step fails (and its transaction rolls back): only the rest is checked.
            guard problems.isEmpty else { continue }
            expansion.note(contacts)
            try insert(contacts, explicit: true, options: options, inNoOrder: false)
        }
        try Self.throwIfAny(problems)
        try finishAdding(expansion, options: options)
    }

    /// Adds every contact of logged segment `entryNo` (kept when excluded, counted when gone).
    mutating func addLogged(_ entryNo: Int, options: Set<StepOption>) throws {
        var expansion = Expansion(options: options)
        try store.forEachContactNo(ofLogged: entryNo, batch: StoreBatch.size) { numbers in
            var contacts: [Contact] = []
            for no in numbers {
                guard let contact = try store.contact(no) else { report.skippedMissing += 1; continue }
                contacts.append(contact)
            }
            expansion.note(contacts)
            try insert(contacts, explicit: true, options: options, inNoOrder: false)
        }
        try finishAdding(expansion, options: options)
    }

    /// Adds the expansion of the contacts noted, then counts the contacts left out.
    private mutating func finishAdding(_ expansion: Expansion, options: Set<StepOption>) throws {
        if !expansion.isEmpty {
            try store.forEachContactBatch(batch: StoreBatch.size) { batch in
                try insert(batch.filter(expansion.includes), explicit: false, options: options, inNoOrder: true)
            }
        }
        report.skippedExcluded = skippedExcluded.count
        report.skippedOptedOut = skippedOptedOut.count
        report.skippedPrivacyBlocked = skippedBlocked.count + blockedByNumber
    }

    /// Inserts lines for the `candidates` not on the segment yet, in their order, leaving out
    /// privacy-blocked contacts, and excluded ones unless `explicit` or the step ignores exclusion.
    /// - Parameter inNoOrder: whether `candidates` are in `No` order (a batch of contacts, or part of
    ///   one), so that the lines they already have are read in one query.
    private mutating func insert(_ candidates: [Contact], explicit: Bool, options: Set<StepOption>, inNoOrder: Bool) throws {
        guard !candidates.isEmpty else { return }
        let onSegment: Set<String>
        if inNoOrder {
            onSegment = Set(try lines(of: candidates).keys)
        } else {
            onSegment = Set(try candidates.filter { try store.line(of: header.no, contact: $0.no) != nil }.map(\.no))
        }
        let ignoreExclusion = options.contains(.ignoreExclusion)
        let checksOptOut = !explicit && !ignoreExclusion
        // Only the channels someone in the batch opted out of.
        let optedOut = checksOptOut ? try optedOut(candidates, inNoOrder: inNoOrder).filter { !$0.value.isEmpty } : [:]
        var chosen: [(contact: Contact, values: LineValues)] = []
        chosen.reserveCapacity(candidates.count)
        var seen = Set<String>(minimumCapacity: candidates.count)
        // A contact given twice is decided the first time (the same way both times).
        for contact in candidates where (onSegment.isEmpty || !onSegment.contains(contact.no)) && seen.insert(contact.no).inserted {
            if contact.isPrivacyBlocked { skippedBlocked.insert(contact.no); continue }
            if contact.isExcluded && !explicit && !ignoreExclusion { skippedExcluded.insert(contact.no); continue }
            let values = try inheritance.values(for: contact)
            if !optedOut.isEmpty, optedOut[values.correspondenceType ?? .hardCopy]?.contains(contact.no) == true {
                skippedOptedOut.insert(contact.no)
                continue
            }
            chosen.append((contact, values))
        }
        guard !chosen.isEmpty else { return }
        let firstLineNo = try store.reserveLineNumbers(segment: header.no, count: chosen.count)
        let lines = chosen.enumerated().map { offset, chosen in
            SegmentLine(lineNo: firstLineNo + 10_000 * offset, contactNo: chosen.contact.no, values: chosen.values, addedByStep: stepNo)
        }
        try store.insertLines(lines, segment: header.no)
        // A contact skipped earlier in the step and added now is no longer left out.
        if !skippedExcluded.isEmpty || !skippedOptedOut.isEmpty {
            for (contact, _) in chosen {
                skippedExcluded.remove(contact.no)
                skippedOptedOut.remove(contact.no)
            }
        }
        report.added += lines.count
    }

    /// Which of `candidates` have opted out, per channel: one query per channel for a batch in `No`
    /// order, else one query for the batch (`currentOptOuts`).
    private func optedOut(_ candidates: [Contact], inNoOrder: Bool) throws -> [CorrespondenceType: Set<String>] {
        var found: [CorrespondenceType: Set<String>] = [:]
        if inNoOrder, let first = candidates.first?.no, let last = candidates.last?.no {
            for channel in CorrespondenceType.allCases {
                found[channel] = try store.contactNos(passing: .optedOut(channel), contactsFrom: first, through: last)
            }
            return found
        }
        for (no, channels) in try store.currentOptOuts(contactNos: candidates.map(\.no)) {
            for (channel, record) in channels where record.optedOut { found[channel, default: []].insert(no) }
        }
        return found
    }
}
