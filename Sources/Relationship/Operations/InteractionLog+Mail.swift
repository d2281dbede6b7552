import DocxMerge

/// The e-mail side of the log: delivery records, and each message made again byte for byte.
extension InteractionLog {
    /// A logged segment's e-mail entries' delivery records, each with its entry's contact and whether
    /// the entry is canceled, in entry order.
    public func deliveries(_ loggedNo: Int) throws -> [(delivery: EmailDelivery, contactNo: String, canceled: Bool)] {
        try store.read {
            guard try store.loggedSegment(loggedNo) != nil else { throw RelationshipError.unknownLoggedSegment(loggedNo) }
            return try store.deliveriesWithContacts(ofLogged: loggedNo)
        }
    }

    /// The delivery records of those of `entries` that are e-mails, by entry number.
    public func deliveries(of entries: [InteractionEntry]) throws -> [Int: EmailDelivery] {
        try store.read {
            var found: [Int: EmailDelivery] = [:]
            for entry in entries where entry.correspondenceType == CorrespondenceType.email.rawValue {
                if let delivery = try store.delivery(entry.entryNo) { found[entry.entryNo] = delivery }
            }
            return found
        }
    }

    /// The message of an e-mail entry as its delivery record describes it: the one last handed to a
    /// server, or before any sending the one `segment log` wrote.
    /// - Parameter pdf: makes the letter's PDF, for a message that attached one.
    /// - Throws: `RelationshipError.problems` when the entry is no e-mail, its letter cannot be made
    ///   again, or the message would differ from the one sent.
    public func message(_ entryNo: Int, pdf: ((_ docx: [UInt8], _ name: String) throws -> [UInt8])? = nil) throws
        -> (entry: InteractionEntry, delivery: EmailDelivery, bytes: [UInt8]) {
        let (entry, docx) = try document(entryNo)
        let (found, folder) = try store.read { (try store.delivery(entryNo), try store.loggedSegment(entry.loggedSegmentNo)?.lettersFolder ?? "") }
        guard let delivery = found, !delivery.sender.isEmpty else {
            throw RelationshipError.problems(["interaction entry \(entryNo) is not an e-mail logged with its sender (no message to make)"])
        }
        // The copy kept in the letters' folder when it is the very message sent (the one made now would
        // only differ if LibreOffice, making its PDF again, did).
        if !delivery.messageSHA256.isEmpty, !folder.isEmpty, !entry.documentName.isEmpty,
           let kept = try? Folder.readFile(folder + "/" + entry.documentName), SHA256.hex(kept) == delivery.messageSHA256 {
            return (entry, delivery, kept)
        }
        var attached: [UInt8]?
        if delivery.attachment == .pdf {
            attached = try LetterPDF.logged(entry, folder: folder) ?? pdf.map { try $0(docx, entry.documentName) }
            if attached == nil {
                throw RelationshipError.problems(["interaction entry \(entryNo): its message attached a PDF, which this command cannot make"])
            }
        }
        let subject = entry.subject.isEmpty ? entry.description : entry.subject
        let bytes = try LetterMail.message(docx: docx, documentName: entry.documentName, subject: subject, delivery: delivery, pdf: attached)
        if !delivery.messageSHA256.isEmpty, SHA256.hex(bytes) != delivery.messageSHA256 {
            throw RelationshipError.problems([
                "interaction entry \(entryNo): this Lettershop would write a different message than the one sent; "
                    + "use the Lettershop version that sent it to produce it again",
            ])
        }
        return (entry, delivery, bytes)
    }
}
