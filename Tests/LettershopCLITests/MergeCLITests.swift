import Foundation
import LettershopTestSupport
import Testing

/// `lettershop fields` and `lettershop merge` through the built binary, as a user runs them.
@Suite("fields and merge on the command line")
final class MergeCLITests {
    static let root = GoldenFile.projectRoot()
    static let letter = root + "/Templates/letter-en.docx"
    static let letters = root + "/Samples/letters.csv"
    static let splitFields = root + "/Tests/DocxMergeTests/Fixtures/word-split-fields.docx"

    let folder: TemporaryFolder
    let cli: CLIRunner

    init() throws {
        folder = try TemporaryFolder()
        cli = CLIRunner(workingDirectory: folder.path)
    }

    deinit { folder.remove() }

    /// The names in `directory`, whose letters (but the files in `planted`) pass the structural check.
    func files(_ directory: String, planted: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        #expect(LetterStructure.problems(inFolder: folder.file(directory), except: planted) == [], sourceLocation: sourceLocation)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.file(directory))) ?? []).sorted()
    }

    /// Nothing but `expected` in the test folder: no partial output, no staging leftovers.
    func expectOnly(_ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() == expected.sorted(), sourceLocation: sourceLocation)
    }

    @Test func fieldsListsEachNameOnceInOrder() throws {
        let result = try cli.run(["fields", Self.splitFields])
        #expect(result.status == 0)
        #expect(result.stdout == "FirstName\nSurname\nCompanyName\nContactNo\nCity\nNote\n")
        #expect(result.stderr.isEmpty)
        let json = try cli.run(["fields", Self.letter, "--json"])
        #expect(json.status == 0)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.contains { $0["name"] as? String == "Date" && $0["kind"] as? String == "complex" && ($0["switches"] as? [String])?.first == #"\@ "d MMMM yyyy""# })
        #expect(items.contains { $0["name"] as? String == "Salutation" && $0["kind"] as? String == "if" })
        #expect(items.contains { $0["part"] as? String == "word/header1.xml" })
        #expect(items.allSatisfy { Set($0.keys) == ["name", "part", "kind", "switches"] })
        if let expected = try GoldenFile.expected("fields-letter-en.json", actual: json.stdout) { #expect(json.stdout == expected) }
    }

    @Test func mergesTheSamplesIntoOneLetterPerRow() throws {
        let result = try cli.run(["merge", Self.letter, "--data", Self.letters, "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "merged 39 documents into out\n")
        #expect(result.stderr.isEmpty)
        let names = files("out")
        #expect(names.count == 39 && names.first == "CT000011.docx")
        expectOnly(["out"])
    }

    @Test func outputIsTheSameBytesWhateverTheNumberOfThreads() throws {
        for jobs in ["1", "2", "3"] {
            #expect(try cli.run(["merge", Self.letter, "--data", Self.letters, "--out", "out\(jobs)", "--jobs", jobs]).status == 0)
        }
        for name in files("out1") {
            let one = FileManager.default.contents(atPath: folder.file("out1/\(name)"))
            #expect(one == FileManager.default.contents(atPath: folder.file("out2/\(name)")))
            #expect(one == FileManager.default.contents(atPath: folder.file("out3/\(name)")))
        }
        #expect(files("out1") == files("out3"))
    }

    @Test func namesFromAPatternAreSafeAndUnique() throws {
        try folder.write("data.csv", "Name,City\r\nCON,Oslo\r\nCOM¹.txt,Oslo\r\n../../etc/passwd,Bergen\r\nkari,Oslo\r\nKari,Oslo\r\n,Tromsø\r\n.hidden.,x\r\na<b>:c|d?,y\r\n")
        let template = DocxBuilder(body: paragraph(complexField("MERGEFIELD Name"))).build()
        try folder.write("t.docx", bytes: template)
        #expect(try cli.run(["merge", "t.docx", "--data", "data.csv", "--out", "out"]).status == 0)
        #expect(files("out") == ["6.docx", "Kari-2.docx", "_._.._etc_passwd.docx", "_COM¹.txt.docx", "_CON.docx", "_hidden.docx", "a_b__c_d_.docx", "kari.docx"])
        #expect(try cli.run(["merge", "t.docx", "--data", "data.csv", "--out", "numbered", "--name", "{#} {City}"]).status == 0)
        #expect(files("numbered").first == "000001 Oslo.docx")
        let missing = try cli.run(["merge", "t.docx", "--data", "data.csv", "--out", "bad", "--name", "{Surname}-{#}"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: --name: the data has no column 'Surname'\n")
        expectOnly(["data.csv", "t.docx", "out", "numbered"])
    }

    @Test func namesStayUniquePastTheNamesKeptInMemory() throws {
        // 5,000 rows, the last 500 repeating earlier names in another case: the names used are on
        // disk by then, in /tmp when $TMPDIR cannot be written.
        let rows = (0..<5_000).map { $0 < 4_500 ? "Kari \($0)" : "KARI \($0 - 4_500)" }
        try folder.write("data.csv", "Name\r\n" + rows.joined(separator: "\r\n") + "\r\n")
        try folder.write("t.docx", bytes: DocxBuilder(body: paragraph(complexField("MERGEFIELD Name"))).build())
        let runner = CLIRunner(workingDirectory: folder.path, environment: ["TMPDIR": folder.file("no-such-folder")])
        let result = try runner.run(["merge", "t.docx", "--data", "data.csv", "--out", "out", "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = files("out")
        #expect(names.count == 5_000)
        #expect(names.contains("KARI 0-2.docx") && names.contains("KARI 499-2.docx") && names.contains("Kari 4499.docx"))
        #expect(Set(names.map { $0.lowercased() }).count == 5_000)
    }

    @Test func missingFieldsAreAllListedAndNothingIsWritten() throws {
        try folder.write("data.csv", "ContactNo,FirstName\nCT1,Kari\n")
        let result = try cli.run(["merge", Self.letter, "--data", "data.csv", "--out", "out"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 12)
        #expect(result.errorLines.first == "error: data.csv: no column for the template's field 'CompanyName' (--missing blank or keep merges anyway)")
        #expect(result.errorLines.last?.contains("'PersonalNote'") == true)
        expectOnly(["data.csv"])
        #expect(try cli.run(["merge", Self.letter, "--data", "data.csv", "--out", "blank", "--missing", "blank"]).status == 0)
        #expect(try cli.run(["merge", Self.letter, "--data", "data.csv", "--out", "keep", "--missing", "keep"]).status == 0)
        #expect(files("keep") == ["CT1.docx"])
    }

    @Test func badDataFailsWithItsLineAndLeavesNothing() throws {
        try folder.write("ragged.csv", "Name\n\"two\nlines\"\nok\n\"a\",\"b\"\n\"c\",\"d\"\n")
        try folder.write("t.docx", bytes: DocxBuilder(body: paragraph(complexField("MERGEFIELD Name"))).build())
        let ragged = try cli.run(["merge", "t.docx", "--data", "ragged.csv", "--out", "out"])
        #expect(ragged.status == 1)
        #expect(ragged.stderr == "error: ragged.csv:5: expected 1 value, found 2\nerror: ragged.csv:6: expected 1 value, found 2\n")
        try folder.write("control.csv", "Name\n" + (1...300).map { "row \($0)" }.joined(separator: "\n") + "\nbell \u{7}\nfine\n\"x\",\"y\"\nescape \u{1B}\n")
        let control = try cli.run(["merge", "t.docx", "--data", "control.csv", "--out", "out"])
        #expect(control.status == 1)
        #expect(control.errorLines == [
            "error: control.csv:302: field 'Name': the value holds character U+0007, which XML does not allow",
            "error: control.csv:304: expected 1 value, found 2",
            "error: control.csv:305: field 'Name': the value holds character U+001B, which XML does not allow",
        ])
        try folder.write("open.csv", "Name\nok\n\"never closed\nmore\n")
        let open = try cli.run(["merge", "t.docx", "--data", "open.csv", "--out", "out"])
        #expect(open.stderr == "error: open.csv:3: unterminated quoted value\n")
        expectOnly(["ragged.csv", "t.docx", "control.csv", "open.csv"])
    }

    @Test func badTemplatesFailWithOneLine() throws {
        try folder.write("data.csv", "Name\nKari\n")
        try folder.write("notes.docx", "just text")
        for (template, message) in [("notes.docx", "error: notes.docx: not a Word document (not a zip archive"), ("absent.docx", "error: absent.docx: cannot open file")] {
            let result = try cli.run(["merge", template, "--data", "data.csv", "--out", "out"])
            #expect(result.status == 1)
            #expect(result.errorLines.count == 1 && result.stderr.hasPrefix(message), "\(result.stderr)")
        }
        expectOnly(["data.csv", "notes.docx"])
    }

    @Test func anExistingFolderNeedsForce() throws {
        try folder.write("t.docx", bytes: DocxBuilder(body: paragraph(complexField("MERGEFIELD Name"))).build())
        try folder.write("data.csv", "Name\nKari\nOla\n")
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)
        try folder.write("out/Kari.docx", "old")
        try folder.write("out/other.txt", "keep me")
        let refused = try cli.run(["merge", "t.docx", "--data", "data.csv", "--out", "out"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not empty"))
        #expect(files("out", planted: ["Kari.docx"]) == ["Kari.docx", "other.txt"])
        #expect(try cli.run(["merge", "t.docx", "--data", "data.csv", "--out", "out", "--force"]).status == 0)
        #expect(files("out") == ["Kari.docx", "Ola.docx", "other.txt"])
        #expect(FileManager.default.contents(atPath: folder.file("out/other.txt")) == Data("keep me".utf8))
        #expect(FileManager.default.contents(atPath: folder.file("out/Kari.docx"))!.count > 1000)
        // A name that cannot be replaced (a folder) is found before anything is moved.
        try FileManager.default.removeItem(atPath: folder.file("out/Ola.docx"))
        try FileManager.default.createDirectory(atPath: folder.file("out/Ola.docx"), withIntermediateDirectories: true)
        try folder.write("out/Kari.docx", "old again")
        let blocked = try cli.run(["merge", "t.docx", "--data", "data.csv", "--out", "out", "--force"])
        #expect(blocked.status == 1)
        #expect(FileManager.default.contents(atPath: folder.file("out/Kari.docx")) == Data("old again".utf8))
        #expect(!files("").contains { $0.hasPrefix(".") })
        try FileManager.default.createDirectory(atPath: folder.file("empty"), withIntermediateDirectories: true)
        #expect(try cli.run(["merge", "t.docx", "--data", "data.csv", "--out", "empty"]).status == 0)
        #expect(files("empty") == ["Kari.docx", "Ola.docx"])
    }

    @Test func delimitersAndEncodings() throws {
        try folder.write("t.docx", bytes: DocxBuilder(body: paragraph(complexField("MERGEFIELD Name") + complexField("MERGEFIELD City"))).build())
        try folder.write("semi.csv", "\u{FEFF}Name;City\r\n\"Kari; Nordmann\";Oslo\r\n")
        try folder.write("tab.csv", "Name\tCity\nKari\tBergen\n")
        #expect(try cli.run(["merge", "t.docx", "--data", "semi.csv", "--out", "semi", "--delimiter", ";"]).status == 0)
        #expect(files("semi") == ["Kari; Nordmann.docx"])
        #expect(try cli.run(["merge", "t.docx", "--data", "tab.csv", "--out", "tab", "--delimiter", "tab"]).status == 0)
        try folder.write(bytesName: "latin1.csv", [0x4E, 0x61, 0x6D, 0x65, 0x2C, 0x43, 0x69, 0x74, 0x79, 0x0A, 0x4B, 0xE5, 0x72, 0x69, 0x2C, 0x4F, 0x0A])
        let latin1 = try cli.run(["merge", "t.docx", "--data", "latin1.csv", "--out", "latin1"])
        #expect(latin1.status == 1 && latin1.stderr == "error: latin1.csv:2: invalid UTF-8\n")
    }

    @Test("command line mistakes exit 2 with usage", arguments: [
        ["merge", "t.docx", "--out", "o"], ["merge", "t.docx", "--data", "d.csv"], ["merge", "--data", "d.csv", "--out", "o"],
        ["merge", "t.docx", "--data", "d.csv", "--out", "o", "--missing", "maybe"], ["merge", "t.docx", "--data", "d.csv", "--out", "o", "--bogus"],
        ["merge", "t.docx", "--data", "d.csv", "--out", "o", "--delimiter", "ab"], ["merge", "t.docx", "--data", "d.csv", "--out", "o", "--jobs", "0"],
        ["fields"], ["frobnicate"], ["merge", "t.docx", "extra", "--data", "d.csv", "--out", "o"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try cli.run(arguments)
        #expect(result.status == 2)
        #expect(result.errorLines.first?.hasPrefix("error: ") == true)
        #expect(!result.stderr.contains("Fatal") && !result.stderr.contains("Stack"))
    }

    @Test func helpAndVersion() throws {
        let help = try cli.run(["merge", "--help"])
        #expect(help.status == 0 && help.stdout.contains("usage: merge TEMPLATE.docx --data FILE.csv --out DIR"))
        let overview = try cli.run(["--help"])
        #expect(overview.status == 0 && overview.stdout.contains("lettershop fields") && overview.stdout.contains("lettershop segment add"))
        let version = try cli.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("lettershop "))
    }
}

extension TemporaryFolder {
    func write(bytesName name: String, _ bytes: [UInt8]) throws { try write(name, bytes: bytes) }
}

func paragraph(_ content: String) -> String { "<w:p>\(content)</w:p>" }

func complexField(_ instruction: String) -> String {
    #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> \#(instruction) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«x»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
}
