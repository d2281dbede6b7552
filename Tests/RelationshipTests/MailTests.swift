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
        let folded = MailMessage.header("Subject", MailMessage.encodedText(long))
        #expect(folded.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(MailMessage.singleLine("a\r\nBcc: b") == "a  Bcc: b")
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
