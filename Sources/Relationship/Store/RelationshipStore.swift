/// What the domain operations need from a store. `SQLiteStore` is the embedded implementation;
/// another database would implement the same protocol and leave the rules alone.
///
/// Every method is meant to run inside `transaction` or `read`.
public protocol RelationshipStore: AnyObject {
    /// Runs `body` in one write transaction: all of it is kept, or none of it.
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// Runs `body` in one write transaction that is on disk when this returns (a power cut after
    /// it cannot lose it), whatever the store's everyday setting. Its commit runs inside
    /// `committing`, which calls the function it is given once, or throws and nothing is kept (so
    /// what must happen together with the commit, such as holding off a signal, surrounds only it).
    func durableTransaction<T>(committing: (_ commit: () throws -> Void) throws -> Void, _ body: () throws -> T) throws -> T
    /// Runs `body` in one read transaction (one consistent snapshot).
    func read<T>(_ body: () throws -> T) throws -> T
    /// Runs `body`, a transaction that writes many rows (a segment step, an undo, the logging of a
    /// segment), the way that writes them fastest; without `checkingForeignKeys` only when every line
    /// `body` writes is of a contact and a segment it read in that transaction.
    func writingInBulk<T>(checkingForeignKeys: Bool, _ body: () throws -> T) throws -> T

    // Contacts
    func customFields() throws -> [CustomField]
    func addCustomField(_ field: CustomField) throws
    func contact(_ no: String) throws -> Contact?
    /// The contacts numbered `numbers` that exist, by number, custom fields included: one query for a
    /// batch (a batch of segment lines), the batch form of `contact(_:)`.
    func contacts(numbered numbers: [String]) throws -> [String: Contact]
    func contactExists(_ no: String) throws -> Bool
    /// Every contact in `No` order, custom fields included, `batch` at a time (one query per batch, so
    /// `body` may use the store and change it, and no more than one batch is held).
    func forEachContactBatch(batch: Int, _ body: ([Contact]) throws -> Void) throws
    /// The contacts that may meet every one of `narrowings` (a superset of those that do), `batch`
    /// at a time in `No` order, the others left out by the query; of each batch, `choose` (given the
    /// batch and a store to read from) picks those `body` gets, skipping empty choices.
    ///
    /// `choose` may run on another thread with a store of its own, reading the database as the
    /// caller's transaction began: neither `body` nor the transaction before may change contacts or
    /// anything `choose` reads, and `choose` must only read.
    func forEachContactBatch(narrowedBy narrowings: [FieldNarrowing], batch: Int,
                             choosing choose: @escaping @Sendable ([Contact], any RelationshipStore) throws -> [Contact],
                             _ body: ([Contact]) throws -> Void) throws
    /// The contacts on a segment's lines, as `forEachContactBatch(batch:_:)` gives all of them; `body`
    /// may remove lines of the contacts it is given.
    func forEachContactBatch(onSegment segment: String, batch: Int, _ body: ([Contact]) throws -> Void) throws
    @discardableResult
    func upsertContact(_ contact: Contact, fields: [ContactField], customKeys: [String]) throws -> Bool
    func deleteContact(_ no: String) throws
    func openSegments(holding contactNo: String) throws -> [String]
    /// A writer for one `contacts import` of a file with these columns, its statements compiled
    /// once. Used inside `transaction`, and only there.
    func contactWriter(columns: [ContactImportColumn]) throws -> any ContactWriter
    /// Runs `body`, an import's transaction, the way that writes a first import fastest.
    func loadingContacts<T>(_ body: () throws -> T) throws -> T

    // Opt-outs per channel
    /// Records an opt-out or an opt-in (history: nothing is ever changed or deleted).
    @discardableResult
    func insertOptOut(_ record: OptOutRecord) throws -> Int
    /// The last record of a contact for a channel, which decides; nil when it has none.
    func currentOptOut(contactNo: String, channel: CorrespondenceType) throws -> OptOutRecord?
    /// `currentOptOut` for each of `contactNos` and each channel, by contact and channel (contacts and
    /// channels without a record left out): one query for a batch.
    func currentOptOuts(contactNos: [String]) throws -> [String: [CorrespondenceType: OptOutRecord]]
    /// Whether the contact's last record for `channel` is an opt-out: what the letter checks and
    /// e-mail sending ask before a contact gets anything by that channel.
    func isOptedOut(contactNo: String, channel: CorrespondenceType) throws -> Bool
    /// A contact's opt-out history, oldest first.
    func optOutHistory(contactNo: String) throws -> [OptOutRecord]
    /// The contacts numbered `first` through `last` in `No` order that pass `test` (one query for
    /// a batch of contacts; the batch form of `isOptedOut` and the group and campaign tests).
    func contactNos(passing test: ContactSetTest, contactsFrom first: String, through last: String) throws -> Set<String>

    // Mailing groups
    func mailingGroup(_ code: String) throws -> MailingGroup?
    /// Every group with its number of contacts, in code order.
    func mailingGroups() throws -> [(group: MailingGroup, contacts: Int)]
    func insertMailingGroup(_ group: MailingGroup) throws
    /// Deletes a group and every membership of it.
    func deleteMailingGroup(_ code: String) throws
    /// The codes of the groups a contact belongs to, in code order.
    func mailingGroups(ofContact contactNo: String) throws -> [String]
    /// - Returns: false when the contact belonged to the group already.
    @discardableResult
    func addToMailingGroup(contactNo: String, group: String) throws -> Bool
    /// - Returns: false when the contact did not belong to the group.
    @discardableResult
    func removeFromMailingGroup(contactNo: String, group: String) throws -> Bool

    // Campaigns
    func campaign(_ no: String) throws -> Campaign?
    func campaigns() throws -> [Campaign]
    /// Inserts or replaces the campaign of that number.
    func saveCampaign(_ campaign: Campaign) throws
    func deleteCampaign(_ no: String) throws
    /// How many interaction entries and open segments name the campaign.
    func campaignUse(_ no: String) throws -> (entries: Int, segments: Int)
    /// Targets, interactions, responses, cost and duration of the campaign's entries that are not canceled.
    func campaignStatistics(_ no: String) throws -> CampaignStatistics

    // Interaction templates
    func template(_ code: String) throws -> InteractionTemplate?
    func templates() throws -> [InteractionTemplate]
    func saveTemplate(_ template: InteractionTemplate) throws
    func documents(of templateCode: String) throws -> [TemplateDocument]
    func addDocument(_ document: TemplateDocument, bytes: [UInt8]) throws
    func documentBytes(sha256: String) throws -> [UInt8]?

    // Open segments
    func nextNumber(series: String, isFree: (String) throws -> Bool) throws -> String
    func segmentNumberUsed(_ no: String) throws -> Bool
    func insertSegment(_ header: SegmentHeader) throws
    func updateSegment(_ header: SegmentHeader) throws
    func segment(_ no: String) throws -> SegmentHeader?
    func segments() throws -> [(header: SegmentHeader, lines: Int)]
    func deleteSegment(_ no: String) throws
    func reserveLineNumbers(segment: String, count: Int) throws -> Int
    func lines(of segment: String) throws -> [SegmentLine]
    /// The lines in line order, `batch` at a time.
    func forEachSegmentLine(segment: String, batch: Int, _ body: ([SegmentLine]) throws -> Void) throws
    func contactNo(ofLine lineNo: Int, segment: String) throws -> String?
    func line(of segment: String, contact: String) throws -> SegmentLine?
    /// The lines of the contacts numbered `first` through `last` in `No` order (a batch of
    /// `forEachContactBatch`, or part of one), in that order.
    func lines(of segment: String, contactsFrom first: String, through last: String) throws -> [SegmentLine]
    func lineCount(of segment: String) throws -> Int
    func contactNos(on segment: String) throws -> Set<String>
    /// Inserts `lines` in their order (a batch: one statement for many of them).
    func insertLines(_ lines: [SegmentLine], segment: String) throws
    func updateLine(_ line: SegmentLine, segment: String) throws
    /// Deletes lines `lineNos` (a batch); with `keepFor`, keeps a copy of each as removed by that step.
    func removeLines(_ lineNos: [Int], segment: String, keepFor step: Int?) throws
    func steps(of segment: String) throws -> [SegmentStep]
    func insertStep(_ step: SegmentStep, segment: String) throws
    /// The lines `step` removed and keeps for undo, in line order, `batch` at a time.
    func forEachRemovedLine(segment: String, step: Int, batch: Int, _ body: ([SegmentLine]) throws -> Void) throws
    /// Forgets that `step` removed line `lineNo`: reverting the step leaves that line out.
    func discardRemovedLine(_ lineNo: Int, step: Int, segment: String) throws
    func revertStep(_ stepNo: Int, segment: String) throws -> (deleted: Int, restored: Int)

    // Letters edited by hand for one line
    /// Stores document bytes by their SHA-256 (once per SHA-256).
    func storeDocument(sha256: String, bytes: [UInt8]) throws
    /// Makes a stored document the letter of the line of `contactNo` (replacing one attached before).
    func attachLineDocument(segment: String, contactNo: String, sha256: String, at moment: String) throws
    /// - Returns: false when the line had no document attached.
    @discardableResult
    func detachLineDocument(segment: String, contactNo: String) throws -> Bool
    /// The SHA-256 of the document attached to the line of `contactNo`, if any.
    func lineDocument(segment: String, contactNo: String) throws -> String?
    /// The attached documents of a segment's lines: SHA-256 by contact.
    func lineDocuments(segment: String) throws -> [String: String]

    // Saved criteria
    func criteria(_ code: String) throws -> SavedCriteria?
    func allCriteria() throws -> [SavedCriteria]
    func saveCriteria(_ criteria: SavedCriteria) throws
    @discardableResult
    func deleteCriteria(_ code: String) throws -> Bool

    // Logged segments and interactions
    /// Each entry that is not canceled of the contacts numbered `first` through `last` in `No` order,
    /// read as it goes (`body` must not use the store).
    func forEachActiveInteraction(contactsFrom first: String, through last: String,
                                  _ body: (InteractionEntry) throws -> Void) throws
    func interactionCount(contact: String) throws -> Int
    func insertLoggedSegment(_ logged: LoggedSegment) throws -> Int
    func loggedSegment(_ entryNo: Int) throws -> LoggedSegment?
    @discardableResult
    func insertInteraction(_ entry: InteractionEntry) throws -> Int
    /// The contacts of a logged segment's entries, in entry order, each once, `batch` at a time (no
    /// more than one batch is held; `body` may use the store and change it).
    func forEachContactNo(ofLogged entryNo: Int, batch: Int, _ body: ([String]) throws -> Void) throws
    func nextLoggedSegmentNo() throws -> Int
    func loggedSegments() throws -> [(logged: LoggedSegment, interactions: Int)]
    func setLoggedSegmentCanceled(_ entryNo: Int, _ canceled: Bool) throws
    func interaction(_ entryNo: Int) throws -> InteractionEntry?
    func interactions(_ filter: InteractionFilter) throws -> [InteractionEntry]
    func setInteractionCanceled(_ entryNo: Int, _ canceled: Bool) throws
    /// Stores an entry's `Evaluation`, `AttemptFailed` and `CampaignResponse` (nothing else changes).
    func updateInteractionOutcome(_ entry: InteractionEntry) throws
    // E-mail delivery
    /// Records a new e-mail entry's delivery (queued, with what its message is made of).
    func insertDelivery(_ delivery: EmailDelivery) throws
    func delivery(_ entryNo: Int) throws -> EmailDelivery?
    /// The delivery records of a logged segment's e-mail entries, each with its entry's contact and
    /// whether the entry is canceled, in entry order.
    func deliveriesWithContacts(ofLogged loggedNo: Int) throws -> [(delivery: EmailDelivery, contactNo: String, canceled: Bool)]
    /// Marks an entry `sending` (one more attempt, owned by `claim.owner`, with the message's make-up)
    /// when it is in one of `claim.from` and not canceled. - Returns: false when it was not.
    func claimDelivery(_ claim: DeliveryClaim) throws -> Bool
    /// Sets an entry's state and reply (and queue id and time, when given); `undoAttempt` takes back
    /// the attempt its claim counted (nothing reached a server).
    func setDelivery(_ entryNo: Int, state: DeliveryState, reply: String, queueID: String?, deliveredAt: String?, at: String,
                     undoAttempt: Bool) throws
    /// Keeps a note of what happened to a message whose fate is unknown, leaving its state.
    func noteDeliveryReply(_ entryNo: Int, reply: String, at: String) throws
    /// Changes whenever another connection commits (SQLite's `data_version`).
    func changeCounter() throws -> Int

    // Staging folders of logging runs
    func insertStaging(_ staging: StagingRecord) throws -> Int
    func commitStaging(_ id: Int, destination: String, loggedSegmentNo: Int) throws
    func setStagingOwner(_ id: Int, owner: ProcessIdentity) throws
    func deleteStaging(_ id: Int) throws
    func stagings() throws -> [StagingRecord]
}

/// What one column of an imported contacts file holds.
public enum ContactImportColumn: Equatable, Sendable {
    /// A standard field.
    case field(ContactField)
    /// A custom field, by its loose key (`CustomField.key`).
    case custom(key: String)
    /// A column the import applies itself after writing the row (opt-outs, mailing groups); the
    /// writer leaves it alone.
    case applied
}

/// Writes the rows of one `contacts import`, row by row, with statements prepared for the file's
/// columns. The rules (validation, defaults, the company name) are the caller's; a row arrives with
/// its values as `Contact` keeps them (booleans `true`/`false`), in the file's column order.
public protocol ContactWriter: AnyObject {
    /// Inserts the row's contact (absent fields empty, `false`, type `company`), or replaces the
    /// columns' fields of the stored one, keeping the others. An empty custom value removes it.
    /// When the file has no CompanyName column, a non-empty `fillingCompanyName` becomes the
    /// contact's CompanyName where that is empty (and is ignored otherwise).
    /// A new contact gets row id `rowID` (at least `firstNewRowID`, never used before).
    func upsert(_ row: [String], rowID: Int64, fillingCompanyName: String) throws
    /// The row id the first new contact may have: one more than any in the database.
    var firstNewRowID: Int64 { get }
    /// How many contacts the database holds.
    func count() throws -> Int
    /// The row id of contact `no`, if it exists.
    func rowID(of no: String) throws -> Int64?
    /// The `No` of the contact with row id `rowID`, if it exists.
    func no(ofRowID rowID: Int64) throws -> String?
    /// The stored type, company number and company name of contact `no`, if it exists.
    func companyLink(of no: String) throws -> (type: String, companyNo: String, companyName: String)?
    /// The row id, type and `Name` of contact `no`, if it exists.
    func company(_ no: String) throws -> (rowID: Int64, type: String, name: String)?
    /// Sets the stored `CompanyName` of contact `no`.
    func setCompanyName(_ name: String, of no: String) throws
    /// Ends the import's writing: how many contacts it added (the others it wrote were updated).
    func finish() throws -> Int
}

extension RelationshipStore {
    /// Runs `body` in one write transaction that is on disk when this returns.
    public func durableTransaction<T>(_ body: () throws -> T) throws -> T {
        try durableTransaction(committing: { try $0() }, body)
    }
}
