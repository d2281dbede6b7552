import Foundation
import LettershopTestSupport
import Testing

/// `--combine` on segments that hold calls (templates without a document) and letters edited by
/// hand, `interactions document --format pdf`'s file name, and `contacts import`'s progress line
/// with the import's detected delimiter and other encodings.
@Suite struct CombinedSegmentCLITests {
    /// Contacts A1–A3 on segment S of template LETTER (a document with a Name field); template CALL has none.
    static func workspace() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.folder.write("contacts.csv", """
            No,Name,Address,PostCode,City
            A1,Ann,Street 1,0150,Oslo
            A2,Bob,Street 2,0151,Oslo
            A3,Cid,Street 3,0152,Oslo

            """)
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(
            body: #"<w:p><w:r><w:t>Dear </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Name "><w:r><w:t>«Name»</w:t></w:r></w:fldSimple></w:p>"#).build())
        #expect(try workspace.run("templates", "add", "LETTER", "--file", "letter.docx").status == 0)
        #expect(try workspace.run("templates", "add", "CALL").status == 0)
        #expect(try workspace.run("segment", "create", "S", "--description", "Letters", "--template", "LETTER").status == 0)
        #expect(try workspace.run("segment", "add", "S", "--where", "City = Oslo").status == 0)
        return workspace
    }

    /// The number of letter sections in a combined document, and its text.
    static func combined(_ path: String) throws -> (sections: Int, text: String) {
        let (status, output) = try Python.run("""
            import re, sys, zipfile
            document = zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode()
            print(document.count('<w:pgNumType w:start="1"/>'))
            print(''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', document)), end='')
            """, [path])
        #expect(status == 0)
        let lines = output.split(separator: "\n", maxSplits: 1).map(String.init)
        return (Int(lines[0]) ?? -1, lines.count > 1 ? lines[1] : "")
    }

    @Test func callsTakeNoPlaceInTheCombinedDocument() throws {
        let workspace = try Self.workspace()
        defer { workspace.folder.remove() }
        #expect(try workspace.run("segment", "line", "S", "A2", "--template", "CALL").status == 0)

        let merged = try workspace.run("segment", "merge", "S", "--combine", "preview.docx", "--quiet")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == "combined 2 letters into preview.docx\n")
        let preview = try Self.combined(workspace.folder.file("preview.docx"))
        #expect(preview.sections == 2)
        #expect(preview.text == "Dear AnnDear Cid")

        let logged = try workspace.run("segment", "log", "S", "--out", "letters", "--combine", "all.docx", "--quiet")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("logged segment 1: 3 interactions\n"))
        #expect(logged.stdout.contains("combined 2 letters into all.docx\n"))
        #expect(try Self.combined(workspace.folder.file("all.docx")).text == "Dear AnnDear Cid")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters"))) == ["A1.docx", "A3.docx"])
    }

    @Test func aSegmentOfCallsWritesNoCombinedDocument() throws {
        let workspace = try Self.workspace()
        defer { workspace.folder.remove() }
        for contact in ["A1", "A2", "A3"] {
            #expect(try workspace.run("segment", "line", "S", contact, "--template", "CALL").status == 0)
        }
        let merged = try workspace.run("segment", "merge", "S", "--combine", "calls.docx")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.hasPrefix("nothing to merge:"))
        #expect(merged.stdout.contains("no combined document written to calls.docx"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("calls.docx")))

        let logged = try workspace.run("segment", "log", "S", "--combine", "calls.docx")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout == """
            logged segment 1: 3 interactions
            no combined document written to calls.docx: no line has a letter (calls and meetings only)

            """)
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("calls.docx")))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("letters")))
    }

    @Test func aLetterEditedByHandIsNotCombined() throws {
        let workspace = try Self.workspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("edited.docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>Dear Bob, as we said</w:t></w:r></w:p>").build())
        #expect(try workspace.run("segment", "line", "attach", "S", "A2", "edited.docx").status == 0)
        let refusal = "error: line 20000 (A2) has a letter edited by hand, which a combined document cannot hold (it is made from "
            + "the templates); write the letters separately (without --combine), or detach it (segment line detach S A2)\n"

        let merged = try workspace.run("segment", "merge", "S", "--out", "preview", "--combine", "preview.docx")
        #expect(merged.status == 1)
        #expect(merged.stderr == refusal)
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("preview")))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("preview.docx")))

        let logged = try workspace.run("segment", "log", "S", "--out", "letters", "--combine", "all.docx")
        #expect(logged.status == 1)
        #expect(logged.stderr.contains(String(refusal.dropFirst("error: ".count))), "\(logged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("letters")))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("all.docx")))
        #expect((try workspace.json("logged", "list", "--json") as? [Any])?.isEmpty == true)

        // Without --combine the edited letter is written as attached; detached, it is combined as merged.
        #expect(try workspace.run("segment", "merge", "S", "--out", "separate").status == 0)
        #expect(try workspace.run("segment", "line", "detach", "S", "A2").status == 0)
        #expect(try workspace.run("segment", "merge", "S", "--combine", "detached.docx").status == 0)
        #expect(try Self.combined(workspace.folder.file("detached.docx")).text == "Dear AnnDear BobDear Cid")
    }

    @Test func aPDFOfALoggedLetterNeedsAPDFName() throws {
        let workspace = try Self.workspace()
        defer { workspace.folder.remove() }
        #expect(try workspace.run("segment", "log", "S", "--out", "letters").status == 0)
        let wrong = try workspace.run("interactions", "document", "1", "--format", "pdf", "--out", "entry.docx")
        #expect(wrong.status == 2)
        #expect(wrong.stderr == "error: --out entry.docx: with --format pdf the letter is written as PDF, so the file must end in .pdf\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("entry.docx")))
        let docx = try workspace.run("interactions", "document", "1", "--out", "letter.pdf")
        #expect(docx.status == 2)
        #expect(docx.stderr.hasPrefix("error: --out letter.pdf: the letter is a Word document, so the file must end in .docx"))
    }

    @Test func importProgressCountsWhatItCanRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (written, _) = try Python.run("""
            import sys
            with open(sys.argv[1], 'w') as out:
                out.write('No;Name;City\\n')
                for index in range(20000): out.write('C%05d;Company %d;Oslo\\n' % (index, index))
            with open(sys.argv[2], 'wb') as out:
                out.write('No,Name,City\\n'.encode('cp1252'))
                for index in range(20000): out.write(('D%05d,Société %d,Tromsø\\n' % (index, index)).encode('cp1252'))
            """, [folder.file("semicolons.csv"), folder.file("windows.csv")])
        #expect(written == 0)
        // The delimiter is detected for the count as for the import.
        let detected = try PrintCLITests.stderrOnATerminal(["contacts", "import", "semicolons.csv", "--db", "db.sqlite"], in: folder.path)
        #expect(detected.contains("importing 10000/20000  "), "\(detected)")
        // A file converted from another encoding is not read twice: the line shows no total.
        let converted = try PrintCLITests.stderrOnATerminal(["contacts", "import", "windows.csv", "--encoding", "windows-1252",
                                                             "--db", "db.sqlite"], in: folder.path)
        #expect(converted.contains("importing 10000  "), "\(converted)")
        #expect(!converted.contains("/20000"))
        let quiet = try PrintCLITests.stderrOnATerminal(["contacts", "import", "semicolons.csv", "--quiet", "--db", "db.sqlite"],
                                                        in: folder.path)
        #expect(quiet.isEmpty, "\(quiet)")
    }
}
