/// An RFC 5322 message of a letter: a `text/plain` body and, when given, an HTML body
/// (`multipart/alternative`), the HTML's pictures as related parts (`multipart/related`,
/// referenced as `cid:`), and attachments (`multipart/mixed`). Text parts are quoted-printable
/// UTF-8, the rest base64. CRLF line endings, no line over 78 characters where it can be helped
/// and none over 998, non-ASCII header text as RFC 2047 encoded words.
///
/// The bytes depend only on the fields given: the same letter gives the same message.
public struct MailMessage: Sendable {
    /// A file attached to the message.
    public struct Attachment: Sendable, Equatable {
        public var name: String
        public var contentType: String
        public var bytes: [UInt8]

        public init(name: String, contentType: String, bytes: [UInt8]) {
            self.name = name
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    /// A picture the HTML body shows as `cid:<contentID>`.
    public struct InlineImage: Sendable, Equatable {
        public var contentID: String
        public var contentType: String
        public var name: String
        public var bytes: [UInt8]

        public init(contentID: String, contentType: String, name: String, bytes: [UInt8]) {
            self.contentID = contentID
            self.contentType = contentType
            self.name = name
            self.bytes = bytes
        }
    }

    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    /// The `Date:` header, already formatted (`MailDate.format`).
    public var date: String
    /// Without the angle brackets.
    public var messageID: String
    public var body: String
    /// The HTML body; nil for a text-only message.
    public var html: String?
    public var images: [InlineImage]
    public var attachments: [Attachment]
    /// `List-Unsubscribe` URIs (`mailto:…`, `https://…`); with an `https` one the message also says
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
    public var listUnsubscribe: [String]

    public static let docxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    public init(from: MailAddress, to: MailAddress, subject: String, date: String, messageID: String, body: String,
                html: String? = nil, images: [InlineImage] = [], attachments: [Attachment] = [], listUnsubscribe: [String] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.body = body
        self.html = html
        self.images = images
        self.attachments = attachments
        self.listUnsubscribe = listUnsubscribe
    }

    /// A text message with one `.docx` attached.
    public init(from: MailAddress, to: MailAddress, subject: String, date: String, messageID: String, body: String,
                attachmentName: String, attachment: [UInt8]) {
        self.init(from: from, to: to, subject: subject, date: date, messageID: messageID, body: body,
                  attachments: [Attachment(name: attachmentName, contentType: Self.docxContentType, bytes: attachment)])
    }

    /// The message as bytes, ready to be saved as `.eml` or handed to a mail program.
    public func bytes() -> [UInt8] {
        let stem = "=_lettershop_" + String(messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            .prefix(32).map(Character.init))
        var out = ""
        out += Self.header("From", Self.mailbox(from, firstRoom: Self.firstRoom("From")))
        out += Self.header("To", Self.mailbox(to, firstRoom: Self.firstRoom("To")))
        out += Self.header("Subject", Self.encodedText(Self.singleLine(subject), firstRoom: Self.firstRoom("Subject")))
        out += Self.header("Date", date)
        out += Self.header("Message-ID", "<\(messageID)>")
        let unsubscribe = listUnsubscribe.map { Self.singleLine($0) }.filter { !$0.isEmpty }
        if !unsubscribe.isEmpty {
            out += Self.header("List-Unsubscribe", unsubscribe.map { "<\($0)>," }.joined(separator: " ").dropLast().description,
                               foldAfterName: true)
            if unsubscribe.contains(where: { $0.lowercased().hasPrefix("https:") }) {
                out += Self.header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
            }
        }
        out += Self.header("MIME-Version", "1.0")
        var content = textPart()
        if let html {
            var htmlPart = Self.part("text/html; charset=UTF-8", encoding: "quoted-printable", body: QuotedPrintable.encode(Array(html.replacingLineEndings().utf8)))
            if !images.isEmpty {
                htmlPart = Self.multipart("related", boundary: stem + "_r", preamble: nil, parts: [htmlPart] + images.map(Self.imagePart),
                                          parameters: "; type=\"text/html\"")
            }
            content = Self.multipart("alternative", boundary: stem + "_a", preamble: nil, parts: [content, htmlPart])
        }
        if !attachments.isEmpty {
            content = Self.multipart("mixed", boundary: stem, preamble: "This is a message in MIME format.",
                                     parts: [content] + attachments.map(Self.attachmentPart))
        }
        out += content
        return Array(out.utf8)
    }

    private func textPart() -> String {
        Self.part("text/plain; charset=UTF-8", encoding: "quoted-printable", body: QuotedPrintable.encode(Array(body.replacingLineEndings().utf8)))
    }

    /// A part: its headers, a blank line, its encoded body (ending in CRLF).
    private static func part(_ contentType: String, encoding: String, extraHeaders: String = "", body: String) -> String {
        header("Content-Type", contentType, foldAfterName: true) + extraHeaders + "Content-Transfer-Encoding: \(encoding)\r\n\r\n" + body
    }

    private static func multipart(_ subtype: String, boundary: String, preamble: String?, parts: [String], parameters: String = "") -> String {
        var out = header("Content-Type", "multipart/\(subtype); boundary=\"\(boundary)\"\(parameters)", foldAfterName: true) + "\r\n"
        if let preamble { out += preamble + "\r\n" }
        for part in parts { out += "\r\n--\(boundary)\r\n" + part }
        out += "\r\n--\(boundary)--\r\n"
        return out
    }

    private static func imagePart(_ image: InlineImage) -> String {
        let name = parameter(singleLine(image.name))
        return part("\(image.contentType); name=\(name)", encoding: "base64",
                    extraHeaders: header("Content-ID", "<\(singleLine(image.contentID))>")
                        + header("Content-Disposition", "inline; filename=\(name)", foldAfterName: true),
                    body: Base64.lines(image.bytes))
    }

    private static func attachmentPart(_ attachment: Attachment) -> String {
        let name = parameter(singleLine(attachment.name))
        return part("\(attachment.contentType); name=\(name)", encoding: "base64",
                    extraHeaders: header("Content-Disposition", "attachment; filename=\(name)", foldAfterName: true),
                    body: Base64.lines(attachment.bytes))
    }

    // MARK: Headers

    /// `Name: value` folded at spaces so no line passes 78 characters where it can be helped, and
    /// never before an empty word (no blank continuation line). The first word stays on the
    /// `Name:` line (in a subject or a display name, a fold right after the colon reads back as a
    /// leading space) unless `foldAfterName`, for structured headers whose first word is long.
    static func header(_ name: String, _ value: String, foldAfterName: Bool = false) -> String {
        var lines: [String] = []
        var line = name + ":"
        for (index, word) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 || foldAfterName, !word.isEmpty, line.utf8.count + 1 + word.utf8.count > 78 {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Room for the value on a header's first line: 78 less `Name: `.
    static func firstRoom(_ name: String) -> Int { 78 - name.utf8.count - 2 }

    /// `Display Name <addr>`: the name quoted when it holds specials, encoded when not ASCII.
    /// - Parameter firstRoom: room on the header's first line (`firstRoom(_:)`).
    static func mailbox(_ address: MailAddress, firstRoom: Int = 75) -> String {
        let name = singleLine(address.name)
        guard !name.isEmpty else { return address.address }
        return encodedPhrase(name, firstRoom: firstRoom) + " <\(address.address)>"
    }

    /// A display name: as it is (or quoted) when printable ASCII in words that fold; else plain
    /// ASCII words as they are and the rest as encoded words that each hold whole words of the name.
    ///
    /// RFC 2047 readers drop the space between two encoded words; Python's `email` package and
    /// others keep it in a display name. So a run of words is split into encoded words only where
    /// it must, and only at the name's own spaces, the space left between the two encoded words:
    /// Python reads the name back exactly. Only a word too long for one encoded word is split
    /// inside (between characters).
    static func encodedPhrase(_ text: String, firstRoom: Int = 75) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if isPrintableASCII(text), words.allSatisfy({ $0.utf8.count <= 70 }) {
            if text.unicodeScalars.allSatisfy(atextOrSpace.contains) { return text }
            return "\"" + text.quotedStringEscaped + "\""
        }
        var tokens: [String] = []
        var run: [String] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            tokens += encodedRun(run, firstRoom: tokens.isEmpty ? firstRoom : 75)
            run.removeAll()
        }
        for word in words {
            if !word.isEmpty, word.utf8.count <= 70, !word.contains("=?"), word.unicodeScalars.allSatisfy(atextOrSpace.contains) {
                flushRun()
                tokens.append(word)
            } else {
                run.append(word)
            }
        }
        flushRun()
        return tokens.joined(separator: " ")
    }

    /// Encoded words for consecutive words of a display name: as many whole words in each as fit;
    /// a word longer than one encoded word holds is split between characters.
    private static func encodedRun(_ words: [String], firstRoom: Int) -> [String] {
        var encoded: [String] = []
        var chunk: [UInt8] = []
        var started = false
        func limit() -> Int { capacity(encoded.isEmpty ? firstRoom : 75) }
        for word in words {
            let bytes = Array(word.utf8)
            if started, chunk.count + 1 + bytes.count <= limit() {
                chunk += [UInt8(ascii: " ")] + bytes
                continue
            }
            if started {
                encoded.append(encodedWord(chunk))
                chunk.removeAll()
            }
            started = true
            for scalar in word.unicodeScalars {
                let scalarBytes = Array(String(scalar).utf8)
                if !chunk.isEmpty, chunk.count + scalarBytes.count > limit() {
                    encoded.append(encodedWord(chunk))
                    chunk.removeAll()
                }
                chunk += scalarBytes
            }
        }
        if started { encoded.append(encodedWord(chunk)) }
        return encoded
    }

    /// Unstructured text (`Subject`): its words as they are when printable ASCII that folds at
    /// single spaces within 78 characters per line, else encoded words (readers join adjacent
    /// encoded words without the space between them, so the text reads back exactly).
    /// - Parameter firstRoom: room on the header's first line (`firstRoom(_:)`).
    static func encodedText(_ text: String, firstRoom: Int = 75) -> String {
        guard !text.isEmpty else { return "" }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let plain = isPrintableASCII(text)
            // A word that looks like an encoded word must be encoded too, or readers would decode it.
            && !text.contains("=?")
            && words.enumerated().allSatisfy { !$0.element.isEmpty && $0.element.utf8.count <= ($0.offset == 0 ? firstRoom : 77) }
        return plain ? text : encodedWords(text, firstRoom: firstRoom)
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words of at most 75 characters (the first at most `firstRoom`),
    /// split between characters (never inside one's UTF-8 bytes), separated by spaces (where
    /// `header` folds).
    static func encodedWords(_ text: String, firstRoom: Int = 75) -> String {
        encodedWordList(text, firstRoom: firstRoom).joined(separator: " ")
    }

    private static func encodedWordList(_ text: String, firstRoom: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > capacity(words.isEmpty ? firstRoom : 75) {
                words.append(encodedWord(chunk))
                chunk.removeAll()
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String { "=?UTF-8?B?\(Base64.encode(bytes))?=" }

    /// How many bytes an encoded word of at most `room` characters holds (at most 75): 12 are
    /// `=?UTF-8?B?` and `?=`, and base64 takes 4 characters per 3 bytes. At least 3.
    static func capacity(_ room: Int) -> Int { max(1, (min(75, room) - 12) / 4) * 3 }

    private static let atextOrSpace = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".unicodeScalars)

    private static func isPrintableASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// A MIME parameter value: quoted when ASCII, RFC 2231 `*=UTF-8''…` is not used; non-ASCII file
    /// names are given as one encoded word inside quotes, as common mail programs expect.
    static func parameter(_ value: String) -> String {
        let ascii = value.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        let text = ascii ? value : encodedWords(value)
        return "\"" + text.quotedStringEscaped + "\""
    }

    /// Header text on one line: CR, LF and tabs become spaces (no header injection from data).
    static func singleLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\r" || $0 == "\n" || $0 == "\t" ? " " : Character($0) })
    }
}

/// Base64 (RFC 4648) and MIME's 76-character lines.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], alphabet[Int(value & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)]]
            out += rest == 2 ? [alphabet[Int(value >> 6 & 63)], UInt8(ascii: "=")] : [UInt8(ascii: "="), UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters, each ending in CRLF.
    public static func lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(encode(bytes).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / 76 * 2 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(encoded.count, start + 76)
            out += encoded[start..<end]
            out += [13, 10]
            start = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The `Date:` header of a message: `Sun, 29 Nov 2026 14:30:05 +0100`.
public enum MailDate {
    /// Formats a local date (`2026-11-29`) and time (`14:30:05`) with the zone offset in minutes.
    public static func format(date: String, time: String, offsetMinutes: Int) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return date }
        let (year, month, day) = (parts[0], parts[1], parts[2])
        // Zeller-style weekday (0 = Sunday) by Sakamoto's method.
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        let weekday = (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let sign = offsetMinutes < 0 ? "-" : "+"
        let zone = sign + pad(abs(offsetMinutes) / 60) + pad(abs(offsetMinutes) % 60)
        return "\(days[weekday]), \(day) \(months[month - 1]) \(year) \(time) \(zone)"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

private extension String {
    /// Every line ending (LF, CR or CRLF) as CRLF.
    func replacingLineEndings() -> String {
        var out = ""
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\n" {
                if !previousCR { out += "\r\n" }
                previousCR = false
            } else if scalar == "\r" {
                out += "\r\n"
                previousCR = true
            } else {
                out.unicodeScalars.append(scalar)
                previousCR = false
            }
        }
        return out
    }

    /// Escaped for the inside of a quoted string: `\` and `"` get a backslash.
    var quotedStringEscaped: String {
        replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
    }
}
