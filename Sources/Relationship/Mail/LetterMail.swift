import DocxMerge

/// The message of an e-mail interaction: a text body and an HTML body made from the merged letter,
/// the letter's pictures as related parts, the letter attached as asked, and the headers its
/// delivery record holds. `segment log`, `mail send` and `interactions document --message` all make
/// it here, so the same record and letter give the same bytes.
public enum LetterMail {
    /// The message bytes.
    /// - Parameters:
    ///   - docx: the merged letter.
    ///   - documentName: the entry's file name (`CT0001.eml`); the attachment takes its stem.
    ///   - subject: the entry's Subject, else its Description.
    ///   - pdf: the letter as PDF, when `delivery.attachment` is `pdf`.
    ///   - documentXML, html: the letter's `word/document.xml` and HTML when they were made with it
    ///     (`LetterReproducer.mailParts`); otherwise they are read from `docx`.
    /// - Throws: `RelationshipError.problems` when the sender or recipient is not an address, or the
    ///   letter cannot be read.
    public static func message(docx: [UInt8], documentName: String, subject: String, delivery: EmailDelivery,
                               pdf: [UInt8]? = nil, documentXML: [UInt8]? = nil, html made: LetterHTML? = nil) throws -> [UInt8] {
        guard let from = MailAddress(parsing: delivery.sender) else {
            throw RelationshipError.problems(["interaction entry \(delivery.entryNo): the sender '\(delivery.sender)' is not an e-mail address"])
        }
        guard let address = MailAddress.envelopeAddress(delivery.recipientAddress) else {
            throw RelationshipError.problems([
                "interaction entry \(delivery.entryNo): '\(delivery.recipientAddress)' is not a valid e-mail address",
            ])
        }
        let stem = documentName.hasSuffix(".eml") ? String(documentName.dropLast(4)) : documentName
        let xml: [UInt8]
        let html: LetterHTML
        do {
            xml = try documentXML ?? MergeEngine.part("word/document.xml", ofDocument: docx, documentName: stem + ".docx") ?? []
            html = try made ?? LetterHTML(docx: docx, name: stem + ".docx", contentIDSuffix: delivery.messageID)
        } catch let error as MergeError {
            throw RelationshipError.problems(["interaction entry \(delivery.entryNo): \(error)"])
        }
        var attachments: [MailMessage.Attachment] = []
        switch delivery.attachment {
        case .none: break
        case .docx: attachments.append(MailMessage.Attachment(name: stem + ".docx", contentType: MailMessage.docxContentType, bytes: docx))
        case .pdf:
            guard let pdf else { throw RelationshipError.problems(["interaction entry \(delivery.entryNo): no PDF of the letter to attach"]) }
            attachments.append(MailMessage.Attachment(name: stem + ".pdf", contentType: "application/pdf", bytes: pdf))
        }
        return MailMessage(
            from: from, to: MailAddress(name: delivery.recipientName, address: address), subject: subject, date: delivery.messageDate,
            messageID: delivery.messageID, body: LetterText.extract(documentXML: xml), html: html.text,
            images: html.images.map { MailMessage.InlineImage(contentID: $0.contentID, contentType: $0.contentType, name: $0.fileName, bytes: $0.bytes) },
            attachments: attachments,
            listUnsubscribe: delivery.listUnsubscribe.split(separator: "\n").map(String.init)
        ).bytes()
    }

    /// `<16 hex digits of the letter's SHA-256>.<ContactNo>.<SegmentNo>@<sender's domain>`, the numbers
    /// cut to 64 characters each, any character but ASCII letters, digits and `-` as `_`.
    public static func messageID(documentSHA256 hex: String, contactNo: String, segmentNo: String, from: MailAddress) -> String {
        let idPart = { (text: String) in
            String(text.unicodeScalars.prefix(64).map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") ? Character($0) : "_" })
        }
        let domain = MailAddress.asciiDomain(from.domain) ?? "localhost"
        return "\(hex.prefix(16)).\(idPart(contactNo)).\(idPart(segmentNo))@\(domain)"
    }

    /// `Name <address>` as a `From` header would say it, for the delivery record.
    public static func senderText(_ address: MailAddress) -> String {
        address.name.isEmpty ? address.address : "\"\(address.name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\""))\" <\(address.address)>"
    }
}
