import Foundation
import LettershopTestSupport
import Testing
@testable import Relationship

@Suite struct MailTests {
    @Test func addressesParse() {
        #expect(MailAddress(parsing: "post@nordlys.example") == MailAddress(name: "", address: "post@nordlys.example"))
        #expect(MailAddress(parsing: "Nordlys Kontor <post@nordlys.example>") == MailAddress(name: "Nordlys Kontor", address: "post@nordlys.example"))
        #expect(MailAddress(parsing: "\"Kontor, Nordlys\" <a.b@c.example>")?.name == "Kontor, Nordlys")
        for bad in ["", "nobody", "a@", "@b", "a b@c.example", "a@b..example", "Name <bad>", "a@-b.example", "x@y.example\r\nBcc: z@z"] {
            #expect(MailAddress(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func headersAreEncodedAndFolded() {
        #expect(MailMessage.encodedText("Spring letter") == "Spring letter")
        #expect(MailMessage.encodedText("Våre avtaler") == "=?UTF-8?B?VsOlcmUgYXZ0YWxlcg==?=")
        #expect(MailMessage.encodedText("=?UTF-8?B?x?=").hasPrefix("=?UTF-8?B?"))
        #expect(MailMessage.mailbox(MailAddress(name: "Ola Nordmann", address: "ola@x.example")) == "Ola Nordmann <ola@x.example>")
        #expect(MailMessage.mailbox(MailAddress(name: "Nordmann, Ola", address: "ola@x.example")) == "\"Nordmann, Ola\" <ola@x.example>")
        #expect(MailMessage.mailbox(MailAddress(name: "Åse", address: "a@x.example")) == "=?UTF-8?B?w4VzZQ==?= <a@x.example>")
        // Long non-ASCII text: several words of at most 75 characters, never splitting a character.
        let long = String(repeating: "Ærlig talt, søknaden må være på plass før fristen. ", count: 4)
        let words = MailMessage.encodedWords(long).split(separator: " ")
        #expect(words.count > 3)
        #expect(words.allSatisfy { $0.count <= 75 })
        let folded = MailMessage.header("Subject", MailMessage.encodedText(long, firstRoom: MailMessage.firstRoom("Subject")))
        #expect(folded.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(MailMessage.singleLine("a\r\nBcc: b") == "a  Bcc: b")
    }

    /// Subjects and display names read back exactly by Python's `email` package (policy.default),
    /// with the first encoded word on the header's own line, every encoded word within 75
    /// characters and whole characters, and every header line within 78.
    @Test func headersReadBackExactlyInPython() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var words = ["Ærlig", "Øystein", "Åsmund", "Bjørnstjerne", "Kristoffersen-Ødegård", "av", "Sørlandet", "blåbærsyltetøy",
                     "Nordmann,", "Ola", "kontormøbler", "2027", "æøå", "ÆØÅ", "\"Sitat\"", "Zoë", "😀"]
        var generator = SplitMix(seed: 7)
        func sentence(_ length: Int) -> String {
            var text = ""
            while text.count < length { text += (text.isEmpty ? "" : " ") + words[Int(generator.next() % UInt64(words.count))] }
            return text
        }
        var texts = ["Vår nye rammeavtale for kontormøbler 2027", "Ærlig Øystein Åsmund Bjørnstjerne Kristoffersen-Ødegård av Sørlandet",
                     "Spring letter", "Åse", "Nordmann, Ola Å", String(repeating: "ø", count: 22)]
        texts += [20, 40, 45, 60, 80, 120, 160, 200].map(sentence)
        words.shuffle(using: &generator)
        texts += [50, 100, 200].map(sentence)
        // Subjects only: ASCII that cannot fold at spaces, and words too long for one encoded word
        // (in a display name, Python reads a space where such a word is split).
        let subjectsOnly = [String(repeating: "x", count: 1200), "kort " + String(repeating: "y", count: 75), "a=?b c",
                            String(repeating: "ø", count: 60),
                            String(repeating: "æ", count: 40) + "x" + String(repeating: "é", count: 30)]
        for (index, text) in (texts + subjectsOnly).enumerated() {
            let message = MailMessage(from: MailAddress(name: "Nordlys Kontor Å", address: "post@nordlys.example"),
                                      to: MailAddress(name: index < texts.count ? text : "Ola", address: "ola@example.com"),
                                      subject: text, date: "Sun, 29 Nov 2026 14:30:05 +0100", messageID: "id\(index)@nordlys.example",
                                      body: "Hei", attachmentName: "X.docx", attachment: [1, 2, 3])
            try folder.write("\(index).eml", bytes: message.bytes())
            let head = String(decoding: message.bytes(), as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
            let lines = head.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(text): \(lines.map(\.utf8.count))")
            #expect(!lines.contains("Subject:") && !lines.contains("To:"), "\(text)")
            for word in head.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) where word.hasPrefix("=?UTF-8?B?") {
                #expect(word.count <= 75)
                let base64 = word.dropFirst(10).dropLast(2)
                let bytes = try #require(Data(base64Encoded: String(base64)), "\(word)")
                #expect(String(validatingCString: bytes.map { CChar(bitPattern: $0) } + [0]) != nil, "\(word) splits a character")
            }
        }
        let script = """
            import email, email.policy, json, sys
            out = []
            for i in range(int(sys.argv[2])):
                m = email.message_from_bytes(open(f"{sys.argv[1]}/{i}.eml", 'rb').read(), policy=email.policy.default)
                out.append([str(m['Subject']), m['To'].addresses[0].display_name, m['From'].addresses[0].display_name,
                            len(m.defects) + len(m['Subject'].defects) + len(m['To'].defects)])
            print(json.dumps(out))
            """
        let (status, output) = try Python.run(script, [folder.path, String(texts.count + subjectsOnly.count)])
        #expect(status == 0)
        let read = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]])
        for (index, text) in (texts + subjectsOnly).enumerated() {
            #expect(read[index][0] as? String == text, "subject \(index)")
            #expect(read[index][1] as? String == (index < texts.count ? text : "Ola"), "name \(index)")
            #expect(read[index][2] as? String == "Nordlys Kontor Å")
            #expect(read[index][3] as? Int == 0, "defects \(index)")
        }
    }

    @Test func encodedWordsSplitBetweenCharactersOnly() {
        // 44 bytes of ASCII, then a 2-byte character: it goes whole into the next word.
        let words = MailMessage.encodedWords(String(repeating: "a", count: 44) + "ø").split(separator: " ")
        #expect(words.count == 2)
        #expect(words.last == "=?UTF-8?B?w7g=?=")
        // The first word leaves room for `Subject: ` on its line.
        let first = MailMessage.encodedWords(String(repeating: "ø", count: 40), firstRoom: MailMessage.firstRoom("Subject"))
        #expect(first.split(separator: " ").first.map { 9 + $0.count }.map { $0 <= 78 } == true)
        let folded = MailMessage.header("Subject", first)
        #expect(folded.hasPrefix("Subject: =?UTF-8?B?"))
    }

    @Test func base64MatchesRFC4648() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors { #expect(Base64.encode(Array(plain.utf8)) == encoded) }
        let lines = Base64.lines([UInt8](repeating: 7, count: 1000)).split(separator: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
    }

    @Test func mailDates() {
        #expect(MailDate.format(date: "2026-11-29", time: "14:30:05", offsetMinutes: 60) == "Sun, 29 Nov 2026 14:30:05 +0100")
        #expect(MailDate.format(date: "2024-02-29", time: "00:00:00", offsetMinutes: -330) == "Thu, 29 Feb 2024 00:00:00 -0530")
    }

    @Test func letterTextFromDocumentXML() {
        let xml = """
            <w:document><w:body><w:p><w:r><w:t>Dear </w:t></w:r><w:r><w:t xml:space="preserve">Åse &amp; Ola</w:t></w:r></w:p>\
            <w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>1</w:t><w:tab/><w:t>A&#233;</w:t><w:br/><w:t>next</w:t></w:r></w:p>\
            <w:p/><w:p><w:r><w:t>End</w:t></w:r></w:p><w:p></w:p></w:body></w:document>
            """
        #expect(LetterText.extract(documentXML: Array(xml.utf8)) == "Dear Åse & Ola\n1\tAé\nnext\n\nEnd")
    }

    @Test func mergedValuesRoundTrip() throws {
        let values = ["Name": "Åse \"Ø\"\n\\", "City": "Oslo", "Empty": "", "Control": "\u{1}\t"]
        let text = FlatJSON.encode(values)
        #expect(text.hasPrefix("{\"City\": \"Oslo\", \"Control\": \"\\u0001\\t\""))
        let decoded = try #require(FlatJSON.decode(text))
        #expect(Dictionary(uniqueKeysWithValues: decoded) == values)
        #expect(FlatJSON.decode("{\"a\": 1}") == nil)
        #expect(FlatJSON.decode("{\"a\": \"\\ud83d\\ude00\"}")?.first?.1 == "😀")
    }

}
