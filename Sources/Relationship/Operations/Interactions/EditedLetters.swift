import DocxMerge

/// A letter edited by hand for one line of an open segment: exported as merged, edited in Word,
/// attached (stored by SHA-256), and from then on written byte for byte by `merge` and `log`
/// instead of merging; detached to merge again.
public struct EditedLetters {
    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// The letter of the line of `contactNo` as `segment merge` would write it: the attached one when
    /// there is one, else the merged one.
    /// - Throws: `RelationshipError` for an unknown segment, a contact not on it, a line whose
    ///   template has no document, or the line's errors (what `segment check` reports for it).
    public func export(segment no: String, contact contactNo: String) throws -> (bytes: [UInt8], edited: Bool) {
        let letters = try SegmentLetters(store: store, segment: no, warningLimit: 0)
        let segment = letters.header.no
        guard let line = try store.read({ try store.line(of: segment, contact: contactNo) }) else {
            throw RelationshipError.notOnSegment(contact: contactNo, segment: segment)
        }
        let errors = letters.issues.errors.filter { $0.lineNo == line.lineNo }
        guard errors.isEmpty else { throw RelationshipError.problems(errors.map(\.text)) }
        var found: (letter: SegmentLetters.Letter, plan: SegmentLetters.Plan?)?
        try letters.forEachLetter(batch: SegmentLetters.readBatch, changed: "segment \(segment) changed meanwhile (run it again)") { _, batch, plans in
            guard found == nil, let letter = batch.first(where: { $0.lineNo == line.lineNo }) else { return }
            found = (letter, letter.plan.map { plans[$0] })
        }
        guard let (letter, plan) = found else { throw RelationshipError.notOnSegment(contact: contactNo, segment: segment) }
        if let edited = letter.editedSHA256 {
            guard let bytes = try store.read({ try store.documentBytes(sha256: edited) }) else {
                throw RelationshipError.problems(["line \(line.lineNo) (\(contactNo)): its letter edited by hand is no longer stored"])
            }
            return (bytes, true)
        }
        guard let plan else {
            throw RelationshipError.problems(["line \(line.lineNo) (\(contactNo)): template \(line.values.interactionTemplate) has no document"])
        }
        return (try LetterRenderer(plan: plan.plan).render(letter.values), false)
    }

    /// Stores `bytes` (a Word document, checked as a template is) as the letter of the line of
    /// `contactNo`. - Returns: its SHA-256.
    /// - Throws: `MergeError` when the bytes are not a Word document Lettershop can open;
    ///   `RelationshipError` for an unknown segment, a contact not on it, a line whose template has no document.
    public func attach(segment no: String, contact contactNo: String, bytes: [UInt8], fileName: String) throws -> String {
        _ = try MergeTemplate(bytes: bytes, name: fileName)
        let sha = SHA256.hex(bytes)
        return try store.transaction {
            guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
            guard let line = try store.line(of: header.no, contact: contactNo) else {
                throw RelationshipError.notOnSegment(contact: contactNo, segment: header.no)
            }
            let code = line.values.interactionTemplate
            if !code.isEmpty, try store.template(code) != nil, try store.documents(of: code).isEmpty {
                throw RelationshipError.problems(["line \(line.lineNo) (\(contactNo)): template \(code) has no document, so the line has no letter to replace"])
            }
            try store.storeDocument(sha256: sha, bytes: bytes)
            try store.attachLineDocument(segment: header.no, contactNo: contactNo, sha256: sha, at: LocalClock.now())
            return sha
        }
    }

    /// Drops the letter attached to the line of `contactNo`: the line is merged again.
    /// - Returns: false when none was attached.
    public func detach(segment no: String, contact contactNo: String) throws -> Bool {
        try store.transaction {
            guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
            guard try store.line(of: header.no, contact: contactNo) != nil else {
                throw RelationshipError.notOnSegment(contact: contactNo, segment: header.no)
            }
            return try store.detachLineDocument(segment: header.no, contactNo: contactNo)
        }
    }

    /// The attached letters of a segment's lines: SHA-256 by contact.
    public func attached(segment no: String) throws -> [String: String] {
        try store.read { try store.lineDocuments(segment: no) }
    }
}
