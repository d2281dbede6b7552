import Foundation
import LettershopTestSupport
import Testing
@testable import Relationship

/// The message format for sending: text and HTML bodies, related pictures, attachments,
/// List-Unsubscribe, quoted-printable, and addresses with international domains.
@Suite struct MailMessageTests {
    @Test func quotedPrintable() {
        #expect(QuotedPrintable.encode(Array("a=b".utf8)) == "a=3Db\r\n")
        #expect(QuotedPrintable.encode(Array("Åse".utf8)) == "=C3=85se\r\n")
        // White space before a line break is encoded; line breaks stay.
        #expect(QuotedPrintable.encode(Array("a \r\nb\t".utf8)) == "a=20\r\nb=09\r\n")
        #expect(QuotedPrintable.encode(Array("From here".utf8)) == "=46rom here\r\n")
        let long = QuotedPrintable.encode(Array(String(repeating: "ø", count: 200).utf8))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        // Soft breaks never split an `=XX`.
        #expect(!long.components(separatedBy: "\r\n").contains { $0.dropLast().contains("=") && $0.dropLast().hasSuffix("=") })
    }

    @Test func internationalDomains() {
        #expect(Punycode.asciiDomain("bücher.example") == "xn--bcher-kva.example")
        #expect(Punycode.asciiDomain("bjørnøy.no") == "xn--bjrny-wuac.no")
        #expect(Punycode.asciiDomain("例え.テスト") == "xn--r8jz45g.xn--zckzah")
        #expect(MailAddress.envelopeAddress("post@Bücher.example") == "post@xn--bcher-kva.example")
        #expect(MailAddress.isValid("ola@bjørnøy.no"))
        // A local part beyond ASCII (RFC 6531) is valid; it needs a server that offers SMTPUTF8.
        #expect(MailAddress.isValid("øla@example.com") && MailAddress.needsSMTPUTF8("øla@example.com"))
        #expect(MailAddress.envelopeAddress("øla@example.com") == "øla@example.com")
        #expect(MailAddress.envelopeAddress("jürgen@Bücher.example") == "jürgen@xn--bcher-kva.example")
        #expect(!MailAddress.needsSMTPUTF8("ola@bjørnøy.no"))
        for bad in ["ø la@example.com", "ø\u{0085}@example.com", "a\u{200B}b@example.com", "\u{00A0}a@example.com", "a@b", "a@b.123", "a@" + String(repeating: "x", count: 64) + ".no",
                    String(repeating: "l", count: 65) + "@example.com", "a@b_c.no", "a b@example.com", "a@@example.com", "\"a\"@example.com"] {
            #expect(!MailAddress.isValid(bad), "\(bad)")
        }
        #expect(MailAddress.isValid(String(repeating: "l", count: 64) + "@example.com"))
    }

    @Test func alternativeRelatedAndMixedPartsReadBackInPython() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let long = String(repeating: "Lang linje uten brudd ", count: 80)
        let message = MailMessage(
            from: MailAddress(name: "Nordlys Kontor", address: "post@nordlys.example"),
            to: MailAddress(name: "Åse Ødegård", address: "ase@xn--bjrny-wuac.no"), subject: "Våre avtaler",
            date: "Sun, 29 Nov 2026 14:30:05 +0100", messageID: "abc.CT1.SM1@nordlys.example", body: "Hei Åse,\n\(long)\n. dot line\n",
            html: "<p>Hei <b>Åse</b></p><img src=\"cid:image1.abc\">\n" + long,
            images: [MailMessage.InlineImage(contentID: "image1.abc", contentType: "image/png", name: "logo.png", bytes: [0x89, 0x50, 0, 255])],
            attachments: [MailMessage.Attachment(name: "CT1.docx", contentType: MailMessage.docxContentType, bytes: Array(0...255))],
            listUnsubscribe: ["mailto:unsub@nordlys.example", "https://nordlys.example/u/CT1"])
        let bytes = message.bytes()
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(!bytes.indices.dropFirst().contains { bytes[$0] == 10 && bytes[$0 - 1] != 13 })
        try folder.write("m.eml", bytes: bytes)
        let (status, output) = try Python.run("""
            import email, email.policy, json, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.strict)
            related = [p for p in m.walk() if p.get_content_type() == 'multipart/related'][0]
            image = [p for p in m.walk() if p.get_content_type() == 'image/png'][0]
            print(json.dumps({
                "structure": [p.get_content_type() for p in m.walk()],
                "text": m.get_body(('plain',)).get_content().replace('\\r\\n', '\\n'),
                "html": m.get_body(('html',)).get_content().replace('\\r\\n', '\\n'),
                "cid": image['Content-ID'], "image": list(image.get_content()),
                "attachment": [a.get_filename() for a in m.iter_attachments()],
                "attached": list(list(m.iter_attachments())[0].get_content()),
                "unsubscribe": m['List-Unsubscribe'], "post": m['List-Unsubscribe-Post'], "to": str(m['To']),
                "defects": sum(len(p.defects) for p in m.walk())}))
            """, [folder.file("m.eml")])
        #expect(status == 0, "\(output)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(parsed["structure"] as? [String] == ["multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html",
                                                     "image/png", MailMessage.docxContentType])
        #expect(parsed["text"] as? String == "Hei Åse,\n\(long)\n. dot line\n")
        #expect(parsed["html"] as? String == "<p>Hei <b>Åse</b></p><img src=\"cid:image1.abc\">\n" + long + "\n")
        #expect(parsed["cid"] as? String == "<image1.abc>")
        #expect(parsed["image"] as? [Int] == [0x89, 0x50, 0, 255])
        #expect(parsed["attachment"] as? [String] == ["CT1.docx"])
        #expect(parsed["attached"] as? [Int] == Array(0...255))
        #expect(parsed["unsubscribe"] as? String == "<mailto:unsub@nordlys.example>, <https://nordlys.example/u/CT1>")
        #expect(parsed["post"] as? String == "List-Unsubscribe=One-Click")
        #expect(parsed["to"] as? String == "Åse Ødegård <ase@xn--bjrny-wuac.no>")
        #expect(parsed["defects"] as? Int == 0)
    }

    @Test func withoutHTMLOrAttachmentIsPlainText() {
        let message = MailMessage(from: MailAddress(name: "", address: "a@b.example"), to: MailAddress(name: "", address: "c@d.example"),
                                  subject: "s", date: "d", messageID: "m@b.example", body: "x")
        let text = String(decoding: message.bytes(), as: UTF8.self)
        #expect(text.contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nx\r\n"))
        #expect(!text.contains("multipart") && !text.contains("List-Unsubscribe"))
    }
}
