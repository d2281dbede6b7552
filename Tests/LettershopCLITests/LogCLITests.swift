import Foundation
import LettershopTestSupport
import Testing

/// `segment check`, `segment log`, logged segments and the interaction log, through the built binary.
@Suite struct LogCLITests {
    static let from = "Nordlys Kontor <post@nordlys.example>"

    /// The sample contacts and the LETTER template (en, nb), and segment SM00001 of the Oslo contacts
    /// with a personal note.
    private func prepared() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.run("contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv")
        for language in ["en", "nb"] {
            try workspace.run("templates", "add", "LETTER", "--file", CLIWorkspace.repository + "/Templates/letter-\(language).docx",
                              "--language", language, "--unit-cost", "2.5")
        }
        try workspace.run("campaign", "create", "CP-1", "--description", "Spring")
        try workspace.run("segment", "create", "--description", "Spring letter", "--template", "LETTER", "--subject", "Våre nye avtaler",
                          "--campaign", "CP-1")
        try workspace.run("segment", "add", "SM00001", "--where", "City = Oslo")
        try workspace.run("segment", "line", "SM00001", "CT000011", "--note", "Takk for sist,\nÅse!")
        return workspace
    }

    /// The names in `folder`, whose letters pass the structural check.
    private func files(_ workspace: CLIWorkspace, _ folder: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        #expect(LetterStructure.problems(inFolder: workspace.folder.file(folder)) == [], sourceLocation: sourceLocation)
        return ((try? FileManager.default.contentsOfDirectory(atPath: workspace.folder.file(folder))) ?? []).sorted()
    }

    @Test func logEndToEnd() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        let shown = try #require(try workspace.json("segment", "show", "SM00001", "--json") as? [String: Any])
        let lines = try #require(shown["lines"] as? [[String: Any]])
        let contacts = lines.compactMap { $0["ContactNo"] as? String }

        let logged = try workspace.run("segment", "log", "SM00001", "--from", Self.from, "--follow-up", "--jobs", "2")
        #expect(logged.status == 0, "\(logged.stderr)")
        let output = logged.stdout.split(separator: "\n").map(String.init)
        #expect(output.first == "logged segment 1: \(contacts.count) interactions")
        #expect(output.last == "opened follow-up segment SM00002")

        // One file per line, .eml for the e-mail lines, in letters/1; nothing else left beside it.
        let entries = try #require(try workspace.json("interactions", "list", "--logged", "1", "--json") as? [[String: Any]])
        #expect(entries.count == contacts.count)
        #expect(files(workspace, "letters/1") == entries.compactMap { $0["DocumentName"] as? String }.sorted())
        #expect(files(workspace, "letters") == ["1"])
        let byContact = Dictionary(uniqueKeysWithValues: entries.map { ($0["ContactNo"] as! String, $0) })
        let note = try #require(byContact["CT000011"])
        #expect(Set(note.keys).isSuperset(of: [
            "EntryNo", "ContactNo", "ContactCompanyNo", "Date", "Time", "InteractionTemplate", "Description", "Subject",
            "CorrespondenceType", "LanguageCode", "InformationFlow", "InitiatedBy", "Cost", "Duration", "SalespersonCode",
            "CampaignNo", "SegmentNo", "LoggedSegmentNo", "Canceled", "User", "DocumentName", "DocumentSHA256", "TemplateSHA256",
            "MergedValues", "EngineVersion", "CompressionLevel",
        ]))
        #expect(note["ContactCompanyNo"] as? String == "CT000010")
        #expect(note["Cost"] as? Double == 2.5)
        #expect(note["CampaignNo"] as? String == "CP-1")
        #expect(note["SegmentNo"] as? String == "SM00001")
        #expect(note["Canceled"] as? Bool == false)
        #expect(note["DocumentName"] as? String == "CT000011.docx")
        #expect((note["Time"] as? String)?.count == 8)
        #expect(!(note["User"] as? String ?? "").isEmpty)
        let merged = try #require(note["MergedValues"] as? [String: String])
        #expect(merged["PersonalNote"] == "Takk for sist,\nÅse!")
        #expect(merged["FirstName"] == "Åse")
        let emails = entries.filter { $0["CorrespondenceType"] as? String == "email" }
        #expect(!emails.isEmpty)
        #expect(emails.allSatisfy { ($0["DocumentName"] as? String)?.hasSuffix(".eml") == true })

        // The open segment is gone; logging it again is impossible.
        #expect(try workspace.run("segment", "show", "SM00001").status == 1)
        #expect(try workspace.run("segment", "log", "SM00001", "--from", Self.from).errorLines == ["error: unknown segment 'SM00001'"])
        #expect(try workspace.run("segment", "create", "SM00001", "--description", "again").status == 1)
        // The follow-up has the same contacts, template and campaign.
        let followUp = try #require(try workspace.json("segment", "show", "SM00002", "--json") as? [String: Any])
        #expect((followUp["lines"] as? [[String: Any]])?.compactMap { $0["ContactNo"] as? String } == contacts)
        let header = try #require(followUp["header"] as? [String: Any])
        #expect(header["Description"] as? String == "Follow-up on segment SM00001")
        #expect(header["InteractionTemplate"] as? String == "LETTER")
        #expect(header["CampaignNo"] as? String == "CP-1")
        // A contact with entries cannot be deleted.
        try workspace.run("segment", "delete", "SM00002")
        #expect(try workspace.run("contacts", "delete", "CT000011").errorLines
                == ["error: contact CT000011 has interaction log entries and cannot be deleted (it can be privacy-blocked)"])

        let list = try #require(try workspace.json("logged", "list", "--json") as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list[0]["EntryNo"] as? Int == 1 && list[0]["NoOfInteractions"] as? Int == contacts.count)
        let show = try #require(try workspace.json("logged", "show", "1", "--json") as? [String: Any])
        #expect(Set(show.keys) == ["logged", "interactions"])
        #expect((show["interactions"] as? [Any])?.count == contacts.count)
        #expect(try workspace.run("interactions", "list", "--contact", "CT000011").stdout.split(separator: "\n").count == 1)
        #expect(try workspace.run("interactions", "list", "--segment", "sm00001").stdout.split(separator: "\n").count == contacts.count)
        #expect(try workspace.run("interactions", "list", "--template", "LETTER").stdout.split(separator: "\n").count == contacts.count)
        #expect(try workspace.run("interactions", "list", "--logged", "7").errorLines == ["error: unknown logged segment 7"])
        // A segment number that no open or logged segment has is an error, not an empty list.
        let unknown = try workspace.run("interactions", "list", "--segment", "NOPE", "--json")
        #expect(unknown.status == 1)
        #expect(unknown.errorLines == ["error: unknown segment 'NOPE'"])
        #expect(unknown.stdout.isEmpty)
        try workspace.run("segment", "create", "OPEN-1", "--description", "not logged yet")
        #expect(try workspace.run("interactions", "list", "--segment", "open-1").status == 0)
        #expect(try workspace.run("logged", "show", "x").status == 2)
    }

    @Test func emailLettersAreMIMEMessagesThatParse() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        let result = try workspace.run("segment", "log", "SM00001", "--from", "Nordlys Kontor Å <post@nordlys.example>")
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        let email = try #require(entries.first { $0["CorrespondenceType"] as? String == "email" })
        let name = try #require(email["DocumentName"] as? String)
        let entryNo = try #require(email["EntryNo"] as? Int)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("letters/1/\(name)")))
        // CRLF everywhere, ASCII only, header lines folded (one long token at most), base64 lines within 76.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        let base64 = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        let encoded = lines.filter { !$0.isEmpty && $0.unicodeScalars.allSatisfy(base64.contains) }
        #expect(encoded.count > 10)
        #expect(encoded.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.prefix { !$0.isEmpty }.filter { !$0.hasPrefix("Content-Type:") }.allSatisfy { $0.utf8.count <= 78 })
        #expect(try workspace.run("interactions", "document", String(entryNo), "--out", "again.docx").status == 0)

        let script = """
            import email, email.policy, hashlib, json, sys
            message = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.strict)
            attachments = list(message.iter_attachments())
            print(json.dumps({
                "from": str(message['From']), "to": str(message['To']), "subject": str(message['Subject']),
                "date": str(message['Date']), "id": str(message['Message-ID']), "mime": str(message['MIME-Version']),
                "type": message.get_content_type(), "defects": len(message.defects) + sum(len(p.defects) for p in message.walk()),
                "body": message.get_body(('plain',)).get_content(),
                "bodyType": message.get_body(('plain',)).get_content_type(),
                "charset": message.get_body(('plain',)).get_content_charset(),
                "attachments": [[a.get_filename(), a.get_content_type(), a.get_content() == open(sys.argv[2], 'rb').read(),
                                 hashlib.sha256(a.get_content()).hexdigest()] for a in attachments],
            }))
            """
        let parsed = try pythonJSON(script, arguments: [workspace.folder.file("letters/1/\(name)"), workspace.folder.file("again.docx")])
        #expect(parsed["from"] as? String == "Nordlys Kontor Å <post@nordlys.example>")
        let contactNo = try #require(email["ContactNo"] as? String)
        let contact = try #require(try workspace.json("contacts", "show", contactNo, "--json") as? [String: Any])
        #expect(parsed["to"] as? String == "\(contact["Name"] as! String) <\(contact["Email"] as! String)>")
        #expect(parsed["subject"] as? String == "Våre nye avtaler")
        #expect(parsed["mime"] as? String == "1.0")
        #expect(parsed["type"] as? String == "multipart/mixed")
        #expect(parsed["defects"] as? Int == 0)
        #expect((parsed["id"] as? String)?.hasSuffix("@nordlys.example>") == true)
        #expect((parsed["date"] as? String)?.isEmpty == false)
        #expect(parsed["bodyType"] as? String == "text/plain")
        #expect(parsed["charset"] as? String == "utf-8")
        let body = try #require(parsed["body"] as? String)
        #expect(body.contains((contact["FirstName"] as? String) ?? "?"))
        #expect(body.contains("Nordlys Kontor"))
        let attachments = try #require(parsed["attachments"] as? [[Any]])
        #expect(attachments.count == 1)
        #expect(attachments.first?[0] as? String == "\(contactNo).docx")
        #expect(attachments.first?[1] as? String == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(attachments.first?[2] as? Bool == true)
        #expect(attachments.first?[3] as? String == email["DocumentSHA256"] as? String)
    }

    @Test func previewWritesWhatLogWrites() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        let noFrom = try workspace.run("segment", "merge", "SM00001", "--out", "preview")
        #expect(noFrom.status == 1)
        #expect(noFrom.errorLines.contains { $0.hasPrefix("error: ") && $0.contains("--from") })
        #expect(try workspace.run("segment", "merge", "SM00001", "--out", "preview", "--from", Self.from).status == 0)
        #expect(try workspace.run("segment", "log", "SM00001", "--out", "logged", "--from", Self.from).status == 0)
        let names = files(workspace, "preview")
        #expect(names == files(workspace, "logged"))
        #expect(names.contains { $0.hasSuffix(".eml") })
        for name in names {
            let preview = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("preview/\(name)")))
            let logged = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("logged/\(name)")))
            if name.hasSuffix(".docx") {
                #expect(preview == logged, "\(name)")
            } else {
                // The Date header carries the time of writing; everything else is the same bytes.
                let withoutDate = { (data: Data) in
                    String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.hasPrefix("Date: ") }
                }
                #expect(withoutDate(preview) == withoutDate(logged), "\(name)")
            }
        }
    }

    @Test func everyLetterIsReproducedByteForByte() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        #expect(try workspace.run("segment", "log", "SM00001", "--from", Self.from, "--compression-level", "1").status == 0)
        // Later changes to contacts and templates do not change the letters produced again.
        try workspace.folder.write("changed.csv", "No,FirstName,City\nCT000011,Changed,Bergen\n")
        try workspace.run("contacts", "import", "changed.csv")
        try workspace.run("templates", "add", "LETTER", "--file", CLIWorkspace.repository + "/Templates/letter-en.docx", "--language", "nb")
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        for entry in entries {
            let number = String(entry["EntryNo"] as! Int)
            let result = try workspace.run("interactions", "document", number, "--out", "entry-\(number).docx")
            #expect(result.status == 0, "\(result.stderr)")
            let again = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("entry-\(number).docx")))
            let name = entry["DocumentName"] as! String
            if name.hasSuffix(".docx") {
                #expect(again == (try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("letters/1/\(name)")))))
            }
            #expect(entry["CompressionLevel"] as? Int == 1)
        }
        #expect(try workspace.run("interactions", "document", "1", "--out", "entry-1.docx").status == 1)
        #expect(try workspace.run("interactions", "document", "1", "--out", "entry-1.docx", "--force").status == 0)
        #expect(try workspace.run("interactions", "document", "99", "--out", "x.docx").errorLines == ["error: unknown interaction entry 99"])

        // A Lettershop that would write other bytes says so instead of handing back another letter.
        #expect(try Python.run("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE interaction_log_entries SET engine_version = 'docxmerge/0 zlib/0', document_sha256 = '00' WHERE entry_no = 1")
            db.commit()
            """, [workspace.folder.file("db.sqlite")]).status == 0)
        let refused = try workspace.run("interactions", "document", "1", "--out", "refused.docx")
        #expect(refused.status == 1)
        #expect(refused.errorLines.count == 1)
        #expect(refused.stderr.contains("logged with docxmerge/0 zlib/0"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("refused.docx")))
    }

    @Test func cancelAndUncancel() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        #expect(try workspace.run("segment", "log", "SM00001", "--from", Self.from).status == 0)
        func canceled() throws -> [Bool] {
            try (workspace.json("interactions", "list", "--json") as! [[String: Any]]).map { $0["Canceled"] as! Bool }
        }
        func contacted() throws -> Int {
            try workspace.run("contacts", "list", "--where", "interaction(LoggedSegmentNo = 1)").stdout.split(separator: "\n").count
        }
        let count = try canceled().count
        #expect(try contacted() == count)

        #expect(try workspace.run("interactions", "cancel", "1").stdout == "canceled interaction entry 1\n")
        #expect(try workspace.run("interactions", "cancel", "1").stdout == "interaction entry 1 is already canceled\n")
        #expect(try canceled() == [true] + Array(repeating: false, count: count - 1))
        #expect(try contacted() == count - 1)
        #expect(try workspace.run("interactions", "cancel", "1", "--undo").status == 0)
        #expect(try canceled() == Array(repeating: false, count: count))

        try workspace.run("interactions", "cancel", "2")
        #expect(try workspace.run("logged", "cancel", "1").stdout == "canceled logged segment 1 and \(count) interactions\n")
        #expect(try canceled() == Array(repeating: true, count: count))
        #expect(try contacted() == 0)
        #expect((try workspace.json("logged", "show", "1", "--json") as! [String: Any])["logged"].flatMap { ($0 as? [String: Any])?["Canceled"] as? Bool } == true)
        // An entry of a canceled logged segment is canceled and un-canceled with it, not on its own.
        let refused = try workspace.run("interactions", "cancel", "3", "--undo")
        #expect(refused.status == 1)
        #expect(refused.errorLines == ["error: interaction entry 3 belongs to logged segment 1, which is canceled; un-cancel the logged segment instead (logged cancel 1 --undo)"])
        // Canceling it again changes nothing, like any entry that is canceled already.
        let again = try workspace.run("interactions", "cancel", "3")
        #expect(again.status == 0)
        #expect(again.stdout == "interaction entry 3 is already canceled\n")
        #expect(try workspace.run("logged", "cancel", "1").stdout == "logged segment 1 is already canceled\n")
        // Un-cancel makes the segment and all its entries active again.
        #expect(try workspace.run("logged", "cancel", "1", "--undo").stdout == "un-canceled logged segment 1 and \(count) interactions\n")
        #expect(try canceled() == Array(repeating: false, count: count))
        #expect(try workspace.run("logged", "cancel", "9").errorLines == ["error: unknown logged segment 9"])
        #expect(try workspace.run("interactions", "cancel", "99").errorLines == ["error: unknown interaction entry 99"])
    }

    @Test func followUpLeavesOutContactsPrivacyBlockedSince() throws {
        let workspace = try prepared()
        defer { workspace.folder.remove() }
        // An excluded contact added by hand is kept by follow-ups.
        try workspace.run("segment", "add", "SM00001", "--contact", "CT000014")
        #expect(try workspace.run("segment", "log", "SM00001", "--from", Self.from).status == 0)
        let logged = try (workspace.json("interactions", "list", "--json") as! [[String: Any]]).map { $0["ContactNo"] as! String }
        #expect(logged.contains("CT000014"))
        try workspace.folder.write("blocked.csv", "No,PrivacyBlocked\nCT000011,yes\n")
        try workspace.run("contacts", "import", "blocked.csv")
        let result = try workspace.run("logged", "follow-up", "1", "--segment", "FU-1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "added \(logged.count - 1) contacts, skipped 1 privacy-blocked (segment FU-1 has \(logged.count - 1) lines)\nopened follow-up segment FU-1\n")
        let lines = try (workspace.json("segment", "show", "FU-1", "--json") as! [String: Any])["lines"] as! [[String: Any]]
        #expect(lines.map { $0["ContactNo"] as! String } == logged.filter { $0 != "CT000011" })
        let second = try workspace.run("logged", "follow-up", "1")
        #expect(second.stdout.split(separator: " ").last == "SM00002\n")
        #expect(try workspace.run("logged", "follow-up", "5").errorLines == ["error: unknown logged segment 5"])
    }

    @Test func checkReportsEveryRefusalAndLogRefusesThem() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.run("contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv")
        try workspace.folder.write("extra.csv", "No,Type,Name,FirstName,Address,PostCode,City,Email,CorrespondenceType\nX1,person,Odd One,Bad\u{1}Name,Street 1,0150,Oslo,,hard-copy\nX2,person,No Mail,Nomail,Street 2,0150,Oslo,,email\nX3,person,Bad Mail,Badmail,Street 3,0150,Oslo,not-an-address,email\n")
        #expect(try workspace.run("contacts", "import", "extra.csv").status == 0)
        try workspace.folder.write("unknown.docx", bytes: DocxBuilder(body: #"<w:p><w:fldSimple w:instr=" MERGEFIELD Colour "><w:r><w:t>«Colour»</w:t></w:r></w:fldSimple></w:p>"#).build())
        try workspace.run("templates", "add", "ODD", "--file", "unknown.docx", "--language", "en")
        for language in ["en", "nb"] {
            try workspace.run("templates", "add", "LETTER", "--file", CLIWorkspace.repository + "/Templates/letter-\(language).docx", "--language", language)
        }

        // A segment with no description and no lines.
        try workspace.run("segment", "create", "--description", "")
        let empty = try workspace.run("segment", "check", "SM00001", "--json")
        #expect(empty.status == 1)
        let emptyReport = try #require(try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [String: Any])
        #expect(emptyReport["ok"] as? Bool == false)
        #expect((emptyReport["problems"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["no-description", "no-lines"])

        // One line per kind of problem.
        try workspace.run("segment", "create", "--description", "Problems", "--template", "LETTER")
        try workspace.run("segment", "add", "SM00002", "--contact", "CT000010", "--contact", "CT000011", "--contact", "X1",
                          "--contact", "X2", "--contact", "X3", "--contact", "CT000013", "--contact", "CT000020")
        try workspace.run("segment", "line", "SM00002", "CT000010", "--clear", "InteractionTemplate")
        try workspace.run("segment", "set", "SM00002", "--template", "")
        // A language no document serves is refused when set with the template; set first, the template after, the
        // check still finds it.
        #expect(try workspace.run("segment", "line", "SM00002", "CT000011", "--template", "LETTER", "--language", "de").status == 1)
        try workspace.run("segment", "line", "SM00002", "CT000011", "--language", "de")
        try workspace.run("segment", "line", "SM00002", "CT000011", "--template", "LETTER")
        try workspace.run("segment", "line", "SM00002", "CT000013", "--template", "ODD")
        for contact in ["X1", "X2", "X3", "CT000020"] { try workspace.run("segment", "line", "SM00002", contact, "--template", "LETTER") }
        try workspace.folder.write("block.csv", "No,PrivacyBlocked\nCT000020,true\n")
        try workspace.run("contacts", "import", "block.csv")
        try FileManager.default.createDirectory(atPath: workspace.folder.file("full"), withIntermediateDirectories: true)
        try workspace.folder.write("full/keep.txt", "mine")

        let check = try workspace.run("segment", "check", "SM00002", "--out", "full", "--from", "not an address", "--json")
        #expect(check.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let problems = try #require(report["problems"] as? [[String: Any]])
        #expect(problems.allSatisfy { Set($0.keys) == ["LineNo", "ContactNo", "severity", "code", "message"] })
        let errors = Set(problems.filter { $0["severity"] as? String == "error" }.map { "\($0["ContactNo"] as? String ?? "-") \($0["code"] as! String)" })
        #expect(errors == [
            "- output-folder", "- invalid-from", "CT000013 unresolved-fields",
            "CT000010 no-template", "CT000011 no-document", "X1 forbidden-character", "X2 no-email", "X3 invalid-email",
            "CT000020 privacy-blocked",
        ])
        let unresolved = try #require(problems.first { $0["code"] as? String == "unresolved-fields" })
        #expect(unresolved["LineNo"] as? Int != nil)
        #expect(unresolved["message"] as? String == "template ODD (en v1): unresolved field 'Colour' (no contact or line field of that name)")
        // Without --from, e-mail lines are refused for that.
        let noFrom = try workspace.run("segment", "check", "SM00002", "--json")
        let noFromCodes = ((try JSONSerialization.jsonObject(with: Data(noFrom.stdout.utf8)) as? [String: Any])?["problems"] as? [[String: Any]])?
            .compactMap { $0["code"] as? String } ?? []
        #expect(noFromCodes.contains("no-from"))

        // log refuses with the same errors, one line each, and changes nothing.
        let log = try workspace.run("segment", "log", "SM00002", "--out", "full", "--from", "not an address")
        #expect(log.status == 1)
        #expect(log.errorLines.filter { $0.hasPrefix("error: ") }.count == errors.count)
        #expect(files(workspace, "full") == ["keep.txt"])
        #expect(try workspace.run("segment", "show", "SM00002").status == 0)
        #expect(try workspace.run("logged", "list").stdout == "")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("letters")))
        let text = try workspace.run("segment", "check", "SM00002")
        #expect(text.status == 1)
        // Without --out and --from: no folder problem, and --from missing instead of invalid.
        #expect(text.stdout == "segment SM00002 cannot be logged: 8 errors, 2 warnings\n")
        #expect(text.errorLines.contains("error: line 10000 (CT000010): no InteractionTemplate"))
    }

    @Test func checkWarnsButLogs() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("people.csv", """
            No,Type,Name,CompanyNo,Address,PostCode,City,Email,CorrespondenceType,ExcludeFromSegment
            C1,company,Firm,,Street 1,0150,Oslo,post@firm.example,hard-copy,
            P1,person,Ann,C1,Street 1,0150,Oslo,shared@firm.example,email,
            P2,person,Bob,C1,Street 1,0150,Oslo,SHARED@firm.example,email,
            P3,person,Cid,C1,Street 1,0150,Oslo,,hard-copy,
            P4,person,Dan,,,,,,hard-copy,yes

            """)
        try workspace.run("contacts", "import", "people.csv")
        try workspace.run("templates", "add", "LETTER", "--file", CLIWorkspace.repository + "/Templates/letter-en.docx", "--language", "en")
        try workspace.run("segment", "create", "--description", "Warnings", "--template", "LETTER")
        try workspace.run("segment", "add", "SM00001", "--contact", "C1", "--contact", "P1", "--contact", "P2", "--contact", "P3", "--contact", "P4")
        let report = try #require(try workspace.json("segment", "check", "SM00001", "--from", "a@b.example", "--json") as? [String: Any])
        #expect(report["ok"] as? Bool == true)
        let warnings = (report["problems"] as? [[String: Any]] ?? []).map { "\($0["ContactNo"] as? String ?? "-") \($0["code"] as! String)" }
        #expect(warnings == ["P2 duplicate-email", "P3 duplicate-address", "P4 excluded", "P4 no-postal-address"])
        let log = try workspace.run("segment", "log", "SM00001", "--from", "a@b.example")
        #expect(log.status == 0)
        #expect(log.errorLines.count == 4)
        #expect(log.errorLines.allSatisfy { $0.hasPrefix("warning: ") })
    }

    // MARK: Helpers

    private func pythonJSON(_ script: String, arguments: [String]) throws -> [String: Any] {
        let (status, text) = try Python.run(script, arguments)
        #expect(status == 0)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
