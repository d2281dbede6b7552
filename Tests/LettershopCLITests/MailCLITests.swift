import Foundation
import LettershopTestSupport
import Testing

/// `mail configure`, `mail send`, `mail status` and `segment log --send` against a real SMTP server
/// on loopback (aiosmtpd, STARTTLS with a certificate made at start, AUTH), with the faults a
/// server can throw. Skipped only when python3 with aiosmtpd is missing (CI installs it).
@Suite(.enabled(if: LoopbackSMTP.isAvailable, "needs python3 with aiosmtpd (pip install aiosmtpd)"), .serialized)
struct MailCLITests {
    /// libcurl is loaded when a message is sent (the tests here that send), not when a command
    /// starts: its dependency tree would cost every command ~8 ms.
    @Test func libcurlIsNotLoadedAtStart() throws {
        let result = try CLIRunner(workingDirectory: NSTemporaryDirectory(), environment: ["LD_DEBUG": "files"]).run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("libsqlite3"), "the dynamic loader's trace: \(result.stderr.prefix(300))")
        #expect(!result.stderr.contains("libcurl"))
    }

    static let from = "Nordlys Kontor <post@nordlys.example>"
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 7, 7, 7]

    /// A template with merge fields, bold, a colour, a link and a picture.
    static var template: [UInt8] {
        var builder = DocxBuilder(body: """
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Hei </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD FirstName "><w:r><w:t>«FirstName»</w:t></w:r></w:fldSimple></w:p>\
            <w:p><w:r><w:rPr><w:color w:val="1F4E79"/></w:rPr><w:t>Våre nye avtaler for </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Name "><w:r><w:t>«Name»</w:t></w:r></w:fldSimple></w:p>\
            <w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>Les mer</w:t></w:r></w:hyperlink></w:p>\
            <w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Logo" descr="Logo"/><a:graphic><a:graphicData><a:blip r:embed="rIdImg"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
            """)
        builder.extraEntries = [("word/media/logo.png", png)]
        builder.extraRelationships = [("rIdLink", "hyperlink", "https://nordlys.example/avtaler", true), ("rIdImg", "image", "media/logo.png", false)]
        return builder.build()
    }

    /// A workspace with `count` contacts (`p1@example.com` …, and an IDN address last) and logged
    /// segment 1 of them, by e-mail.
    struct Mailroom {
        let folder: TemporaryFolder
        let runner: CLIRunner
        let addresses: [String]
        /// Itself: the commands run as in a `CLIWorkspace`.
        var workspace: Mailroom { self }

        init(count: Int = 4, lastAddress: String = "ola@bjørnøy.no", environment: [String: String] = [:]) throws {
            folder = try TemporaryFolder()
            runner = CLIRunner(workingDirectory: folder.path, environment: [
                "LETTERSHOP_DB": folder.file("db.sqlite"), "LETTERSHOP_MAIL_CONFIG": folder.file("mail.conf"),
            ].merging(environment) { $1 })
            var csv = "No,Type,Name,FirstName,City,Email,CorrespondenceType\n"
            var addresses: [String] = []
            for index in 1...count {
                let address = index == count ? lastAddress : "p\(index)@example.com"
                addresses.append(address)
                csv += "CT\(1000 + index),person,Åse Ødegård \(index),Åse,Oslo,\(address),email\n"
            }
            self.addresses = addresses
            let workspace = self
            try workspace.folder.write("contacts.csv", csv)
            try workspace.folder.write("letter.docx", bytes: MailCLITests.template)
            #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
            #expect(try workspace.run("templates", "add", "MAIL", "--file", "letter.docx").status == 0)
            #expect(try workspace.run("segment", "create", "--description", "Spring mail", "--template", "MAIL", "--subject", "Våre nye avtaler",
                                      "--correspondence", "email").status == 0)
            #expect(try workspace.run("segment", "add", "SM00001", "--where", "City = Oslo").status == 0)
        }

        func log(_ extra: String...) throws -> CLIRunner.Result {
            try workspace.run(["segment", "log", "SM00001", "--from", MailCLITests.from] + extra)
        }

        /// `mail configure` for `server`.
        func configure(_ server: LoopbackSMTP, tls: String = "starttls", timeout: Int = 2, extra: [String] = []) throws {
            let result = try workspace.run(["mail", "configure", "--host", "127.0.0.1", "--port", String(server.port), "--tls", tls,
                                            "--ca-file", server.certificate, "--timeout", String(timeout), "--retry-wait", "0.1"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
        }

        func status() throws -> [[String: Any]] {
            let result = try workspace.run("mail", "status", "1", "--json")
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        }

        func state(of address: String) throws -> [String: Any] {
            try status().first { ($0["Email"] as? String) == address } ?? [:]
        }

        func remove() { folder.remove() }

        @discardableResult
        func run(_ arguments: String...) throws -> CLIRunner.Result { try runner.run(arguments) }

        @discardableResult
        func run(_ arguments: [String]) throws -> CLIRunner.Result { try runner.run(arguments) }
    }

    /// Reads a message with Python's `email` package.
    static func parse(_ path: String) throws -> [String: Any] {
        let (status, output) = try Python.run("""
            import email, email.policy, json, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.strict)
            images = [p for p in m.walk() if p.get_content_maintype() == 'image']
            print(json.dumps({
                "from": str(m['From']), "to": str(m['To']), "subject": str(m['Subject']), "id": str(m['Message-ID']),
                "date": str(m['Date']), "unsubscribe": str(m['List-Unsubscribe']), "post": str(m['List-Unsubscribe-Post']),
                "structure": [p.get_content_type() for p in m.walk()],
                "text": m.get_body(('plain',)).get_content(), "html": m.get_body(('html',)).get_content(),
                "cids": [p['Content-ID'] for p in images], "images": [list(p.get_content()) for p in images],
                "attachments": [[a.get_filename(), a.get_content_type(), a.get_content().hex()] for a in m.iter_attachments()],
                "defects": sum(len(p.defects) for p in m.walk()),
                "longest": max(len(line) for line in open(sys.argv[1], 'rb').read().split(b'\\r\\n'))}))
            """, [path])
        #expect(status == 0, "\(output)")
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }

    @Test func sendsThroughStartTLSWithAuthOnceEach() throws {
        let room = try Mailroom(environment: ["LETTERSHOP_SMTP_PASSWORD": "s3cret"])
        defer { room.remove() }
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"), auth: "ola:s3cret")
        defer { server.stop() }
        try room.configure(server, extra: ["--user", "ola", "--from", "Other <other@nordlys.example>", "--unsubscribe-mailto", "unsub@nordlys.example",
                                           "--unsubscribe-url", "https://nordlys.example/unsubscribe?c={ContactNo}"])
        let logged = try room.log("--send", "--jobs", "2")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("logged segment 1: sent 4, deferred 0, failed 0"))
        #expect(server.received.count == 4)
        for address in ["p1@example.com", "p2@example.com", "p3@example.com", "ola@xn--bjrny-wuac.no"] { #expect(server.count(address) == 1, "\(address)") }
        // One connection per job carries several messages.
        #expect((1...2).contains(server.connections), "\(server.connections) connections")

        let rows = try room.status()
        #expect(rows.count == 4)
        for row in rows {
            #expect(row["DeliveryState"] as? String == "sent")
            #expect(row["Attempts"] as? Int == 1)
            #expect((row["DeliveryReply"] as? String)?.hasPrefix("250 2.0.0 Ok: queued as Q") == true)
            #expect((row["QueueID"] as? String)?.hasPrefix("Q") == true)
            #expect((row["DeliveredAt"] as? String)?.isEmpty == false)
        }
        #expect(try room.workspace.run("mail", "status", "1").status == 0)

        // What the server got is byte for byte the .eml beside the letters and what the log makes again.
        let first = try #require(rows.first)
        let entry = try #require(first["EntryNo"] as? Int)
        let contact = try #require(first["ContactNo"] as? String)
        let received = try #require(server.messageFiles.first { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("<\(first["MessageID"] as! String)>") == true })
        let sent = try Data(contentsOf: URL(fileURLWithPath: received))
        #expect(try Data(contentsOf: URL(fileURLWithPath: room.workspace.folder.file("letters/1/\(contact).eml"))) == sent)
        #expect(try room.workspace.run("interactions", "document", String(entry), "--message", "--out", "again.eml").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: room.workspace.folder.file("again.eml"))) == sent)

        let message = try Self.parse(received)
        #expect(message["from"] as? String == "Nordlys Kontor <post@nordlys.example>")
        #expect(message["to"] as? String == "Åse Ødegård 1 <p1@example.com>")
        #expect(message["subject"] as? String == "Våre nye avtaler")
        #expect(message["unsubscribe"] as? String == "<mailto:unsub@nordlys.example>, <https://nordlys.example/unsubscribe?c=\(contact)>")
        #expect(message["post"] as? String == "List-Unsubscribe=One-Click")
        #expect(message["structure"] as? [String] == ["multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png"])
        #expect((message["text"] as? String)?.contains("Hei Åse") == true)
        #expect((message["text"] as? String)?.contains("Våre nye avtaler for Åse Ødegård 1") == true)
        let html = try #require(message["html"] as? String)
        #expect(html.contains("<b>Hei </b>Åse"))
        #expect(html.contains(#"<span style="color: #1F4E79">Våre nye avtaler for </span>Åse Ødegård 1"#))
        #expect(html.contains(#"<a href="https://nordlys.example/avtaler">Les mer</a>"#))
        let cid = try #require((message["cids"] as? [String])?.first)
        #expect(html.contains("src=\"cid:\(cid.dropFirst().dropLast())\""))
        #expect(message["images"] as? [[Int]] == [Self.png.map(Int.init)])
        #expect((message["attachments"] as? [Any])?.isEmpty == true)
        #expect(message["defects"] as? Int == 0)
        #expect((message["longest"] as? Int ?? 999) <= 78)

        // Run again: nothing is due, nothing is sent.
        let again = try room.workspace.run("mail", "send", "1")
        #expect(again.status == 0)
        #expect(again.stdout.contains("sent 0, deferred 0, failed 0 (left alone: 4 sent)"))
        #expect(server.received.count == 4)
    }

    @Test func implicitTLSWithTheLetterAttached() throws {
        let room = try Mailroom(count: 2)
        defer { room.remove() }
        #expect(try room.log().status == 0)
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"), security: "tls")
        defer { server.stop() }
        try room.configure(server, tls: "tls")
        let sent = try room.workspace.run("mail", "send", "1", "--attach", "docx")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(server.received.count == 2)
        let rows = try room.status()
        let entry = try #require(rows.first?["EntryNo"] as? Int)
        #expect(try room.workspace.run("interactions", "document", String(entry), "--out", "letter.out.docx").status == 0)
        let letter = try Data(contentsOf: URL(fileURLWithPath: room.workspace.folder.file("letter.out.docx")))
        let file = try #require(server.messageFiles.first { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains(rows[0]["MessageID"] as! String) == true })
        let message = try Self.parse(file)
        let attachments = try #require(message["attachments"] as? [[String]])
        #expect(attachments.count == 1)
        #expect(attachments.first?[0] == "\(rows[0]["ContactNo"] as! String).docx")
        #expect(attachments.first?[2] == letter.map { String(format: "%02x", $0) }.joined())
        #expect((message["structure"] as? [String])?.first == "multipart/mixed")
    }

    @Test func serverFaultsAreRecordedAndNothingIsSentTwice() throws {
        let room = try Mailroom(count: 6)
        defer { room.remove() }
        #expect(try room.log().status == 0)
        let faults = ["rcpt-4xx": ["p1@example.com"], "data-5xx": ["p2@example.com"], "stall": ["p3@example.com"],
                      "drop-in-data": ["p4@example.com"], "lose-reply": ["p5@example.com"]]
        let faulty = try LoopbackSMTP(folder: room.workspace.folder.file("faulty"), faults: faults)
        try room.configure(faulty, timeout: 1, extra: ["--tries", "2"])
        let run = try room.workspace.run("mail", "send", "1", "--jobs", "2")
        faulty.stop()
        #expect(run.status == 1)
        let temporary = try room.state(of: "p1@example.com")
        #expect(temporary["DeliveryState"] as? String == "deferred")
        #expect(temporary["Attempts"] as? Int == 2)
        #expect((temporary["DeliveryReply"] as? String)?.hasPrefix("451") == true)
        let permanent = try room.state(of: "p2@example.com")
        #expect(permanent["DeliveryState"] as? String == "failed")
        #expect((permanent["DeliveryReply"] as? String)?.contains("554 5.7.1") == true)
        let entries = try JSONSerialization.jsonObject(with: Data(try room.run("interactions", "list", "--logged", "1", "--json").stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.first { $0["EntryNo"] as? Int == permanent["EntryNo"] as? Int }?["AttemptFailed"] as? Bool == true)
        #expect(entries.first { $0["EntryNo"] as? Int == temporary["EntryNo"] as? Int }?["AttemptFailed"] as? Bool == false)
        #expect(entries.first { $0["EntryNo"] as? Int == permanent["EntryNo"] as? Int }?["DeliveryState"] as? String == "failed")
        #expect(entries.first { $0["EntryNo"] as? Int == temporary["EntryNo"] as? Int }?["Attempts"] as? Int == 2)
        let stalled = try room.state(of: "p3@example.com")
        #expect(stalled["DeliveryState"] as? String == "deferred")
        #expect((stalled["DeliveryReply"] as? String)?.lowercased().contains("time") == true)
        // Dropped while the message was on its way: never `sent`, and the server kept nothing.
        let dropped = try room.state(of: "p4@example.com")
        #expect(["deferred", "unknown"].contains(dropped["DeliveryState"] as? String ?? ""))
        #expect(faulty.count("p4@example.com") == 0)
        // The server took it but its reply was lost: unknown, not sent again.
        #expect(try room.state(of: "p5@example.com")["DeliveryState"] as? String == "unknown")
        #expect(faulty.count("p5@example.com") == 1)
        #expect(try room.state(of: "ola@bjørnøy.no")["DeliveryState"] as? String == "sent")
        let status = try room.workspace.run("mail", "status", "1")
        #expect(status.status == 1)

        let healthy = try LoopbackSMTP(folder: room.workspace.folder.file("healthy"))
        defer { healthy.stop() }
        try room.configure(healthy)
        let rerun = try room.workspace.run("mail", "send", "1")
        #expect(rerun.stderr.contains("not sent again unless --resend-unknown"))
        #expect(healthy.count("p1@example.com") == 1 && healthy.count("p3@example.com") == 1)
        #expect(healthy.count("p2@example.com") == 0 && healthy.count("p5@example.com") == 0)
        #expect(healthy.count("ola@xn--bjrny-wuac.no") == 0)
        #expect(try room.state(of: "p1@example.com")["DeliveryState"] as? String == "sent")
        #expect(try room.state(of: "p2@example.com")["DeliveryState"] as? String == "failed")
        // Asked for, the unknown one goes again.
        let resend = try room.workspace.run("mail", "send", "1", "--resend-unknown")
        #expect(healthy.count("p5@example.com") == 1)
        #expect(resend.stdout.contains("sent 1") || resend.stdout.contains("sent 2"))
    }

    @Test func aWrongPasswordStopsWithAClearErrorAndMarksNothing() throws {
        let room = try Mailroom(count: 3, environment: ["LETTERSHOP_SMTP_PASSWORD": "wrong"])
        defer { room.remove() }
        #expect(try room.log().status == 0)
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"), auth: "ola:s3cret")
        defer { server.stop() }
        try room.configure(server, extra: ["--user", "ola"])
        let run = try room.workspace.run("mail", "send", "1", "--jobs", "2")
        #expect(run.status == 1)
        #expect(run.errorLines.count == 1)
        #expect(run.errorLines.first?.hasPrefix("error: the server refused the login: 535") == true, "\(run.stderr)")
        #expect(!run.stderr.contains("wrong"))
        #expect(server.received.isEmpty)
        for row in try room.status() {
            #expect(row["DeliveryState"] as? String == "queued")
            #expect(row["Attempts"] as? Int == 0)
        }
    }

    /// Without libcurl (`LETTERSHOP_LIBCURL` naming a missing file) `mail send` says so in one line
    /// and marks no entry.
    @Test func withoutLibcurlNothingIsClaimed() throws {
        let room = try Mailroom(count: 2, environment: ["LETTERSHOP_LIBCURL": "/nonexistent/libcurl.so.4"])
        defer { room.remove() }
        #expect(try room.log().status == 0)
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"))
        defer { server.stop() }
        try room.configure(server)
        let run = try room.workspace.run("mail", "send", "1")
        #expect(run.status == 1)
        #expect(run.errorLines.count == 1)
        #expect(run.errorLines.first?.hasPrefix("error: libcurl cannot be loaded (/nonexistent/libcurl.so.4") == true, "\(run.stderr)")
        #expect(server.received.isEmpty)
        for row in try room.status() {
            #expect(row["DeliveryState"] as? String == "queued")
            #expect(row["Attempts"] as? Int == 0)
        }
    }

    @Test func aKilledRunThenARerunDeliversNoMessageTwice() throws {
        let room = try Mailroom(count: 8)
        defer { room.remove() }
        #expect(try room.log().status == 0)
        let server = try LoopbackSMTP(folder: room.workspace.folder.file("server"))
        defer { server.stop() }
        try room.configure(server)
        // Killed right after the server took the first message, before it was recorded.
        var crashing = room.runner
        crashing.environment["LETTERSHOP_CRASH_AT"] = "mail-sent"
        let crashed = try crashing.run(["mail", "send", "1"])
        #expect(crashed.status != 0)
        #expect(server.received.count == 1)
        let victim = try #require(server.received.first?.recipient)
        #expect(try room.state(of: victim)["DeliveryState"] as? String == "unknown")

        // Killed from outside in the middle of a paced run.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["mail", "send", "1", "--rate", "600/min", "--jobs", "2"]
        process.currentDirectoryURL = URL(fileURLWithPath: room.workspace.folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(room.runner.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(450_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let rerun = try room.workspace.run("mail", "send", "1")
        #expect(rerun.stderr.contains("unknown"))
        let rows = try room.status()
        for address in room.addresses {
            let ascii = address == "ola@bjørnøy.no" ? "ola@xn--bjrny-wuac.no" : address
            #expect(server.count(ascii) <= 1, "\(address) got \(server.count(ascii))")
            let state = rows.first { ($0["Email"] as? String) == address }?["DeliveryState"] as? String
            #expect(state == "sent" || state == "unknown", "\(address): \(state ?? "-")")
            if state == "sent" { #expect(server.count(ascii) == 1) }
        }
    }

    @Test func messagesMadeWithTheCompiledHTMLAreTheOnesTheLetterMakesAgain() throws {
        // segment log and mail send make each HTML body from the template's, compiled once; the
        // message made again from the letter alone (the copy beside the letters removed) is the same.
        let room = try Mailroom(count: 3)
        defer { room.remove() }
        #expect(try room.log().status == 0)
        func again(_ entry: Int, _ contact: String) throws -> Data {
            let kept = room.folder.file("letters/1/\(contact).eml")
            try? FileManager.default.removeItem(atPath: kept)
            let result = try room.run("interactions", "document", String(entry), "--message", "--out", "again-\(contact).eml")
            #expect(result.status == 0, "\(result.stderr)")
            return try Data(contentsOf: URL(fileURLWithPath: room.folder.file("again-\(contact).eml")))
        }
        var logged: [String: Data] = [:]
        for row in try room.status() {
            let contact = try #require(row["ContactNo"] as? String)
            logged[contact] = try Data(contentsOf: URL(fileURLWithPath: room.folder.file("letters/1/\(contact).eml")))
        }
        let server = try LoopbackSMTP(folder: room.folder.file("server"))
        defer { server.stop() }
        try room.configure(server, extra: ["--unsubscribe-url", "https://nordlys.example/u?c={ContactNo}"])
        #expect(try room.run("mail", "send", "1").status == 0)
        for row in try room.status() {
            let entry = try #require(row["EntryNo"] as? Int)
            let contact = try #require(row["ContactNo"] as? String)
            let messageID = try #require(row["MessageID"] as? String)
            let file = try #require(server.messageFiles.first { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("<\(messageID)>") == true })
            let sent = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(try again(entry, contact) == sent)
            #expect(logged[contact] != sent, "sending adds List-Unsubscribe and leaves the letter unattached")
        }
        // The messages segment log wrote, made again from the letter alone.
        let other = try Mailroom(count: 3)
        defer { other.remove() }
        #expect(try other.log().status == 0)
        for row in try other.status() {
            let entry = try #require(row["EntryNo"] as? Int)
            let contact = try #require(row["ContactNo"] as? String)
            let written = try Data(contentsOf: URL(fileURLWithPath: other.folder.file("letters/1/\(contact).eml")))
            try FileManager.default.removeItem(atPath: other.folder.file("letters/1/\(contact).eml"))
            let result = try other.run("interactions", "document", String(entry), "--message", "--out", "again-\(contact).eml")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: other.folder.file("again-\(contact).eml"))) == written)
        }
    }

    @Test func aLocalPartBeyondASCIIGoesOnlyToAServerOfferingSMTPUTF8() throws {
        let address = "jürgen@bücher.example"
        // A server without SMTPUTF8: the message is not sent, the entry fails with a clear reply.
        let room = try Mailroom(count: 2, lastAddress: address)
        defer { room.remove() }
        let check = try room.run("segment", "check", "SM00001", "--from", Self.from, "--json")
        #expect(check.status == 0, "a warning, not an error: \(check.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let problems = report?["problems"] as? [[String: Any]] ?? []
        #expect(problems.contains { $0["code"] as? String == "smtputf8-email" && $0["severity"] as? String == "warning" }, "\(check.stdout)")
        #expect(try room.log().status == 0)
        let plain = try LoopbackSMTP(folder: room.folder.file("server"))
        defer { plain.stop() }
        try room.configure(plain)
        let sent = try room.run("mail", "send", "1")
        #expect(sent.status == 1, "\(sent.stdout) \(sent.stderr)")
        #expect(plain.received.map(\.recipient) == ["p1@example.com"])
        let failed = try room.state(of: address)
        #expect(failed["DeliveryState"] as? String == "failed")
        #expect((failed["DeliveryReply"] as? String)?.contains("does not support SMTPUTF8") == true, "\(failed)")

        // A server with SMTPUTF8: sent, MAIL FROM says SMTPUTF8, the domain in ASCII, the local part as written.
        let other = try Mailroom(count: 2, lastAddress: address)
        defer { other.remove() }
        #expect(try other.log().status == 0)
        let international = try LoopbackSMTP(folder: other.folder.file("server"), smtputf8: true)
        defer { international.stop() }
        try other.configure(international)
        let delivered = try other.run("mail", "send", "1")
        #expect(delivered.status == 0, "\(delivered.stderr)")
        #expect(Set(international.received.map(\.recipient)) == ["p1@example.com", "jürgen@xn--bcher-kva.example"])
        #expect(international.mailOptions["jürgen@xn--bcher-kva.example"]?.contains("SMTPUTF8") == true, "\(international.mailOptions)")
        #expect(international.mailOptions["p1@example.com"]?.contains("SMTPUTF8") == false)
        #expect(try other.state(of: address)["DeliveryState"] as? String == "sent")
        let file = try #require(international.messageFiles.first { (try? Data(contentsOf: URL(fileURLWithPath: $0)))
            .map { String(decoding: $0, as: UTF8.self).contains("jürgen@xn--bcher-kva.example") } == true })
        let message = try Self.parse(file)
        #expect((message["to"] as? String)?.contains("jürgen@xn--bcher-kva.example") == true, "\(message["to"] ?? "")")
    }

    @Test func viaSendmail() throws {
        let room = try Mailroom(count: 3, environment: ["LETTERSHOP_SENDMAIL": ""])
        defer { room.remove() }
        #expect(try room.log().status == 0)
        let outbox = room.workspace.folder.file("outbox")
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        try room.workspace.folder.write("sendmail", """
            #!/bin/sh
            body=$(cat)
            case "$body" in *"p2@example.com"*) echo "queue full" >&2; exit 75;; esac
            n=$(ls \(outbox) | wc -l)
            printf '%s\\n' "$*" > \(outbox)/$n.args
            printf '%s' "$body" > \(outbox)/$n.eml
            """)
        chmod(room.workspace.folder.file("sendmail"), 0o755)
        // Settings are optional with sendmail; here they only shorten the wait between tries.
        #expect(try room.run("mail", "configure", "--host", "localhost", "--tls", "none", "--retry-wait", "0.05").status == 0)
        var runner = room.runner
        runner.environment["LETTERSHOP_SENDMAIL"] = room.workspace.folder.file("sendmail")
        let run = try runner.run(["mail", "send", "1", "--via", "sendmail"])
        #expect(run.status == 1)
        #expect(try room.state(of: "p1@example.com")["DeliveryState"] as? String == "sent")
        let deferred = try room.state(of: "p2@example.com")
        #expect(deferred["DeliveryState"] as? String == "deferred")
        #expect((deferred["DeliveryReply"] as? String)?.contains("status 75: queue full") == true)
        let arguments = try String(contentsOfFile: outbox + "/0.args", encoding: .utf8)
        #expect(arguments == "-i -t -f post@nordlys.example\n")
    }

    @Test func settingsAndOptionsAreChecked() throws {
        let room = try Mailroom(count: 2)
        defer { room.remove() }
        let workspace = room.workspace
        #expect(try workspace.run("mail", "configure", "--host", "smtp.example.com", "--tls", "none").status == 2)
        #expect(try workspace.run("mail", "configure", "--host", "127.0.0.1", "--password", "x").status == 2)
        try workspace.folder.write("password", "s3cret\n")
        chmod(workspace.folder.file("password"), 0o644)
        let open = try workspace.run("mail", "configure", "--host", "smtp.example.com", "--user", "u", "--password-file", "password")
        #expect(open.status == 1 && open.stderr.contains("chmod 600"))
        chmod(workspace.folder.file("password"), 0o600)
        #expect(try workspace.run("mail", "configure", "--host", "smtp.example.com", "--user", "u", "--password-file", "password").status == 0)
        let settings = try String(contentsOfFile: workspace.folder.file("mail.conf"), encoding: .utf8)
        #expect(!settings.contains("s3cret") && settings.contains("tls = starttls") && settings.contains("port = 587"))
        var info = stat()
        stat(workspace.folder.file("mail.conf"), &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try workspace.run("mail", "configure", "--host", "h.example", "--unsubscribe-url", "http://x.example/u").status == 2)
        #expect(try workspace.run("mail", "send", "1", "--attach", "rtf").status == 2)
        #expect(try workspace.run("mail", "send", "1", "--rate", "fast").status == 2)
        let unknown = try workspace.run("mail", "status", "9")
        #expect(unknown.status == 1 && unknown.errorLines == ["error: unknown logged segment 9"])
        #expect(try room.log("--rate", "10/min").status == 2)

        // A dry run builds every message and sends nothing.
        #expect(try room.log().status == 0)
        let server = try LoopbackSMTP(folder: workspace.folder.file("server"))
        defer { server.stop() }
        try room.configure(server)
        let dry = try workspace.run("mail", "send", "1", "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("dry run: 2 messages would be sent"))
        #expect(server.received.isEmpty)
        #expect(try room.status().allSatisfy { $0["DeliveryState"] as? String == "queued" })

        // Opted out after logging: skipped at send time.
        #expect(try workspace.run("contacts", "opt-out", "CT1001", "--channel", "email").status == 0)
        let sent = try workspace.run("mail", "send", "1")
        #expect(sent.stdout.contains("skipped entry 1 (CT1001): the contact has opted out of e-mail"))
        #expect(server.count("p1@example.com") == 0 && server.received.count == 1)
    }
}
