import Foundation
import LettershopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile input through the built binary: packages with a bad entry, values and names with
/// control characters, outputs that would replace an input, databases that are not ours.
@Suite struct HardeningCLITests {
    static let body = #"<w:p><w:fldSimple w:instr=" MERGEFIELD Name "><w:r><w:t>«Name»</w:t></w:r></w:fldSimple></w:p>"#

    func sha256(_ path: String) throws -> String {
        try Python.run("import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", [path]).output
    }

    // MARK: Every entry of a package checked

    @Test func aTemplateWithAHostileCopiedPartIsRefusedNamingIt() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        var builder = DocxBuilder(body: Self.body)
        builder.extraEntries = [("customXml/item1.xml", Array(#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#.utf8))]
        try workspace.folder.write("bad.docx", bytes: builder.build())
        try workspace.folder.write("data.csv", "Name\nKari\n")
        let merge = try workspace.run("merge", "bad.docx", "--data", "data.csv", "--out", "out")
        #expect(merge.status == 1)
        #expect(merge.stderr == "error: bad.docx: customXml/item1.xml: a DOCTYPE is not allowed in a Word part (refused, nothing expanded or loaded)\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("out")))
        let add = try workspace.run("templates", "add", "BAD", "--file", "bad.docx")
        #expect(add.status == 1)
        #expect(add.stderr.contains("customXml/item1.xml"))
        #expect(try workspace.run("templates", "list").stdout.isEmpty)
    }

    @Test func aTemplateWithTwoDocumentPartsIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entries = DocxBuilder(body: Self.body).entries().map { RawZip.Entry.stored($0.0, $0.1) }
        let second = RawZip.Entry.stored("word/document.xml", Array("<w:document/>".utf8))
        try folder.write("twice.docx", bytes: RawZip.archive(entries + [second]))
        try folder.write("data.csv", "Name\nKari\n")
        let result = try CLIRunner(workingDirectory: folder.path).run(["merge", "twice.docx", "--data", "data.csv", "--out", "out"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: twice.docx: entry 'word/document.xml' refused: a second entry with this name is not allowed\n")
    }

    // MARK: Control characters escaped

    @Test func controlCharactersInValuesAndNamesAreEscaped() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("evil.csv", "No,Name,City\nCT1,\"Evil\u{1B}[2J\tName\nline2\",Oslo\nCT2,\"Bidi \u{202E}evil\u{85}\",Bergen\n")
        #expect(try workspace.run("contacts", "import", "evil.csv").status == 0)
        let list = try workspace.run("contacts", "list")
        #expect(list.stdout == "CT1\tcompany\tEvil\\u001B[2J\\tName\\nline2\tOslo\nCT2\tcompany\tBidi \\u202Eevil\\u0085\tBergen\n")
        let show = try workspace.run("contacts", "show", "CT1")
        #expect(show.stdout.contains("Name: Evil\\u001B[2J\\tName\\nline2\n"))
        #expect(!show.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
        // JSON keeps the exact value.
        let contacts = try #require(try workspace.json("contacts", "list", "--json") as? [[String: Any]])
        #expect(contacts.map { $0["Name"] as? String } == ["Evil\u{1B}[2J\tName\nline2", "Bidi \u{202E}evil\u{85}"])
        let unknown = try workspace.run("contacts", "show", "CT\u{1B}]0;owned\u{07}\nerror: fake")
        #expect(unknown.stderr == "error: unknown contact 'CT\\u001B]0;owned\\u0007\\nerror: fake'\n")
        let missing = try workspace.run("merge", "no\tsuch\nfile.docx", "--data", "evil.csv", "--out", "out")
        #expect(missing.errorLines.count == 1 && missing.stderr.hasPrefix("error: no\\tsuch\\nfile.docx: "))
    }

    @Test func aNonUTF8ArgumentIsRefusedShowingItsBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Foundation's Process cannot pass bytes that are not UTF-8: a shell does.
        let result = try CLIRunner(workingDirectory: folder.path).runShell(#"fields "$(printf 'caf\351.docx')""#)
        #expect(result.status == 2)
        #expect(result.stderr == "error: argument 2 is not UTF-8 text ('caf\\xE9.docx'); file names and values must be UTF-8\n")
    }

    // MARK: Inputs are never outputs

    @Test func mergeNeverReplacesTheTemplateOrTheDataFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let runner = CLIRunner(workingDirectory: folder.path)
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)
        try folder.write("out/Kari.docx", bytes: DocxBuilder(body: Self.body).build())
        try folder.write("out/data.csv", "Name\nKari\ndata\n")
        let template = try sha256(folder.file("out/Kari.docx")), data = try sha256(folder.file("out/data.csv"))
        // The template is out/Kari.docx: the first row's letter would replace it.
        let byName = try runner.run(["merge", "out/Kari.docx", "--data", "out/data.csv", "--out", "out", "--force"])
        #expect(byName.status == 1)
        #expect(byName.stderr.hasPrefix("error: out/Kari.docx: is the template (out/Kari.docx); an input is never replaced"), "\(byName.stderr)")
        // Reached through another path and a hard link: the same file by device and inode.
        try FileManager.default.createDirectory(atPath: folder.file("other"), withIntermediateDirectories: true)
        #expect(link(folder.file("out/data.csv"), folder.file("other/data.docx")) == 0)
        let byLink = try runner.run(["merge", "./out/../out/Kari.docx", "--data", "other/data.docx", "--out", "out", "--force"])
        #expect(byLink.status == 1)
        #expect(byLink.stderr.contains("is the template") || byLink.stderr.contains("is the data file"), "\(byLink.stderr)")
        let linkedName = try runner.run(["merge", "out/Kari.docx", "--data", "out/data.csv", "--out", "other", "--force", "--name", "{Name}"])
        #expect(linkedName.status == 1)
        #expect(linkedName.stderr.hasPrefix("error: other/data.docx: is the data file (out/data.csv)"), "\(linkedName.stderr)")
        let outIsTemplate = try runner.run(["merge", "out/Kari.docx", "--data", "out/data.csv", "--out", "out/Kari.docx", "--force"])
        #expect(outIsTemplate.status == 1)
        #expect(try sha256(folder.file("out/Kari.docx")) == template)
        #expect(try sha256(folder.file("out/data.csv")) == data)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["other", "out"])
    }

    @Test func aLetterIsNeverWrittenOverTheDatabase() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        #expect(try workspace.run("contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv").status == 0)
        // The file name must end as the letter's format does; a link with such a name reaches the database.
        for name in ["db-link.docx", "db-link.pdf"] {
            try FileManager.default.createSymbolicLink(atPath: workspace.folder.file(name), withDestinationPath: "db.sqlite")
            let format = name.hasSuffix(".pdf") ? ["--format", "pdf"] : []
            let result = try workspace.run(["interactions", "document", "1", "--out", name, "--force"] + format)
            #expect(result.status == 1)
            #expect(result.stderr == "error: \(name): is the database (\(workspace.folder.file("db.sqlite"))); an input is never an output\n")
        }
        let export = try workspace.run("segment", "line", "export", "SM00001", "CT000001", "--out", "db-link.docx", "--force")
        #expect(export.status == 1)
        #expect(export.stderr.hasPrefix("error: db-link.docx: is the database"), "\(export.stderr)")
        #expect(try workspace.run("contacts", "list").status == 0)
    }

    // MARK: The database is only ours when it is ours

    @Test func anotherProgramsDatabaseIsLeftUnchanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Python.run("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", [folder.file("other.db")])
        try folder.write("text.db", "not a database at all, just text\n")
        let before = try [sha256(folder.file("other.db")), sha256(folder.file("text.db"))]
        let runner = CLIRunner(workingDirectory: folder.path)
        let other = try runner.run(["contacts", "list", "--db", "other.db"])
        #expect(other.status == 1)
        #expect(other.stderr == "error: other.db: not a Lettershop database (an SQLite file of another program); left unchanged\n")
        let text = try runner.run(["contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv", "--db", "text.db"])
        #expect(text.status == 1)
        #expect(text.stderr == "error: text.db: not a Lettershop database (not an SQLite file); left unchanged\n")
        #expect(try [sha256(folder.file("other.db")), sha256(folder.file("text.db"))] == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["other.db", "text.db"])
    }

    @Test("paths that would keep nothing are refused", arguments: ["", ":memory:", "file:x.db?mode=memory", "FILE:x.db"])
    func pathsThatKeepNothing(_ path: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CLIRunner(workingDirectory: folder.path).run(["contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv", "--db", path])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1 && result.stderr.contains("name a file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aReadOnlyDatabaseServesReadCommands() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        for arguments in [["contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv"],
                          ["segment", "create", "--description", "Read-only"], ["segment", "add", "SM00001", "--where", "City = Oslo"]] {
            #expect(try workspace.run(arguments).status == 0)
        }
        let folder = workspace.folder.file("ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: workspace.folder.file("db.sqlite"), toPath: folder + "/db.sqlite")
        let before = try sha256(folder + "/db.sqlite")
        chmod(folder + "/db.sqlite", 0o444)
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let reader = ReadOnlyRunner(workingDirectory: workspace.folder.path)
        let list = try reader.run(["contacts", "list", "--db", "ro/db.sqlite"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").count == 50)
        #expect(try reader.run(["contacts", "show", "CT000011", "--db", "ro/db.sqlite"]).status == 0)
        #expect(try reader.run(["segment", "show", "SM00001", "--json", "--db", "ro/db.sqlite"]).status == 0)
        #expect(try reader.run(["segment", "check", "SM00001", "--db", "ro/db.sqlite"]).status == 1)  // no template: log would refuse
        let change = try reader.run(["segment", "delete", "SM00001", "--db", "ro/db.sqlite"])
        #expect(change.status == 1)
        #expect(change.stderr.contains("read-only"), "\(change.stderr)")
        #expect(try sha256(folder + "/db.sqlite") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["db.sqlite"])
    }
}

/// Runs the binary as a user that file permissions apply to: as root (who may write anything) it
/// runs it as `nobody` through `setpriv`.
struct ReadOnlyRunner {
    let workingDirectory: String

    func run(_ arguments: [String]) throws -> CLIRunner.Result {
        guard getuid() == 0 else { return try CLIRunner(workingDirectory: workingDirectory).run(arguments) }
        let quoted = ([CLIRunner.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        return try CLIRunner(workingDirectory: workingDirectory).runShell(
            "setpriv --reuid=65534 --regid=65534 --clear-groups " + quoted.joined(separator: " "), binaryFirst: false)
    }
}
