import Foundation
import LettershopTestSupport
import Testing

/// Whether LibreOffice and poppler-utils are installed (`./install-dependencies.sh --with-office`, as
/// CI does); the tests that convert through them run only then. `LETTERSHOP_SKIP_OFFICE=1` skips them.
enum Office {
    static let available: Bool = {
        guard ProcessInfo.processInfo.environment["LETTERSHOP_SKIP_OFFICE"] == nil else { return false }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["soffice", "pdftoppm", "pdftotext"].allSatisfy { tool in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
        }
    }()

    /// The text of a PDF, one string per page (poppler's `pdftotext`, pages end with a form feed).
    static func pages(_ pdf: String) throws -> [String] {
        let (status, output) = try Python.run("""
            import subprocess, sys
            print(subprocess.run(['pdftotext', '-layout', sys.argv[1], '-'], capture_output=True, check=True).stdout.decode(), end='')
            """, [pdf])
        #expect(status == 0)
        var pages = output.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// Converts a `.docx` to PDF with LibreOffice itself, in a profile of its own.
    static func convert(_ docx: String, in folder: TemporaryFolder) throws -> String {
        let (status, _) = try Python.run("""
            import subprocess, sys
            subprocess.run(['soffice', '--headless', '-env:UserInstallation=file://' + sys.argv[2] + '/profile', '--convert-to', 'pdf',
                            '--outdir', sys.argv[2], sys.argv[1]], capture_output=True, check=True, timeout=300)
            """, [docx, folder.path])
        #expect(status == 0)
        return folder.path + "/" + URL(fileURLWithPath: docx).deletingPathExtension().lastPathComponent + ".pdf"
    }
}

/// `--combine`, `--format pdf`, previews and the progress line, through the built binary.
@Suite struct PrintCLITests {
    static let repository = CLIWorkspace.repository
    static let template = repository + "/Templates/letter-en.docx"

    /// The first `count` rows of the sample letters' data, and their ContactNo and Surname.
    static func rows(_ count: Int, in folder: TemporaryFolder) throws -> [(no: String, surname: String)] {
        let (status, output) = try Python.run("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))[:int(sys.argv[3])]
            with open(sys.argv[2], 'w', encoding='utf-8', newline='') as out:
                writer = csv.DictWriter(out, fieldnames=rows[0].keys())
                writer.writeheader()
                writer.writerows(rows)
            for row in rows: print(row['ContactNo'] + '\\t' + row['Surname'])
            """, [repository + "/Samples/letters.csv", folder.file("rows.csv"), String(count)])
        #expect(status == 0)
        return output.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t").map(String.init)
            return (parts[0], parts[1])
        }
    }

    @Test(.enabled(if: Office.available)) func combinedDocumentOpensInLibreOfficeWithAPagePerLetter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rows = try Self.rows(3, in: folder)
        let cli = CLIRunner(workingDirectory: folder.path)
        let merged = try cli.run(["merge", Self.template, "--data", "rows.csv", "--combine", "all.docx", "--jobs", "2"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == "combined 3 letters into all.docx\n")
        #expect(merged.stderr.isEmpty)
        let pages = try Office.pages(try Office.convert(folder.file("all.docx"), in: folder))
        #expect(pages.count == 3)
        for (page, row) in zip(pages, rows) {
            // The letter's own header value, its own body values, and page numbers from 1.
            #expect(page.contains("Our ref.: \(row.no)"))
            #expect(page.contains(row.surname))
            #expect(page.contains("Page 1"))
            #expect(!rows.filter { $0.no != row.no }.contains { page.contains("Our ref.: \($0.no)") })
        }
    }

    @Test(.enabled(if: Office.available)) func numberedListsRestartInEveryLetter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var builder = DocxBuilder(body: """
            <w:p><w:r><w:t xml:space="preserve">Letter for </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Name "/></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Alpha</w:t></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Beta</w:t></w:r></w:p>
            """)
        builder.numbering = """
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            """
        try folder.write("list.docx", bytes: builder.build())
        try folder.write("names.csv", "Name\nAda\nBo\nCy\n")
        let merged = try CLIRunner(workingDirectory: folder.path).run(["merge", "list.docx", "--data", "names.csv", "--combine", "all.docx"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let pages = try Office.pages(try Office.convert(folder.file("all.docx"), in: folder))
        #expect(pages.count == 3)
        for (page, name) in zip(pages, ["Ada", "Bo", "Cy"]) {
            let lines = page.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines.contains("Letter for \(name)"))
            #expect(lines.contains("1. Alpha") && lines.contains("2. Beta"), "\(lines)")
        }
    }

    @Test(.enabled(if: Office.available)) func pdfLettersCombinedPDFAndPreview() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rows = try Self.rows(3, in: folder)
        let cli = CLIRunner(workingDirectory: folder.path)
        let merged = try cli.run(["merge", Self.template, "--data", "rows.csv", "--out", "pdfs", "--format", "pdf", "--combine", "all.pdf"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == "merged 3 PDFs into pdfs\ncombined 3 letters into all.pdf\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("pdfs")).sorted() == rows.map { $0.no + ".pdf" })
        #expect(try Office.pages(folder.file("all.pdf")).count == 3)
        let second = try Office.pages(folder.file("pdfs/\(rows[1].no).pdf"))
        #expect(second.count == 1 && second[0].contains(rows[1].surname))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["all.pdf", "pdfs", "rows.csv"])

        let preview = try cli.run(["preview", Self.template, "--data", "rows.csv", "--row", "2", "--out", "row2.png"])
        #expect(preview.status == 0, "\(preview.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: folder.file("row2.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
        let asPDF = try cli.run(["preview", Self.template, "--data", "rows.csv", "--row", "3", "--page", "1", "--out", "row3.pdf"])
        #expect(asPDF.status == 0, "\(asPDF.stderr)")
        #expect(try Office.pages(folder.file("row3.pdf")).first?.contains(rows[2].surname) == true)
        let noPage = try cli.run(["preview", Self.template, "--data", "rows.csv", "--page", "2", "--out", "page2.png"])
        #expect(noPage.status == 1 && noPage.stderr == "error: page2.png: --page 2: the letter has 1 page\n")
        let noRow = try cli.run(["preview", Self.template, "--data", "rows.csv", "--row", "9", "--out", "row9.png"])
        #expect(noRow.status == 1 && noRow.stderr == "error: rows.csv: --row 9: the file has 3 data rows\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("page2.png")))
    }

    @Test(.enabled(if: Office.available)) func loggedPDFsAreRecordedAndReproduced() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.run("contacts", "import", Self.repository + "/Samples/contacts.csv")
        try workspace.run("templates", "add", "LETTER", "--file", Self.template, "--language", "en")
        try workspace.run("segment", "create", "--description", "Print run", "--template", "LETTER")
        try workspace.run("segment", "add", "SM00001", "--contact", "CT000011", "--contact", "CT000013")
        let preview = try workspace.run("segment", "preview", "SM00001", "--line", "20000", "--out", "line.png")
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout == "wrote the preview of line 20000 (CT000013) to line.png\n")
        let logged = try workspace.run("segment", "log", "SM00001", "--out", "letters", "--format", "pdf", "--combine", "all.pdf")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(try Office.pages(workspace.folder.file("all.pdf")).count == 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.file("letters")).sorted()
        #expect(files == ["CT000011.docx", "CT000011.pdf", "CT000013.docx", "CT000013.pdf"])
        let entries = try #require(try workspace.json("interactions", "list", "--json") as? [[String: Any]])
        let entry = try #require(entries.first { $0["ContactNo"] as? String == "CT000013" })
        let logged13 = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("letters/CT000013.pdf")))
        let (_, digest) = try Python.run("import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest(), end='')",
                                         [workspace.folder.file("letters/CT000013.pdf")])
        #expect(entry["PDFSHA256"] as? String == digest)
        let number = String(try #require(entry["EntryNo"] as? Int))
        let again = try workspace.run("interactions", "document", number, "--format", "pdf", "--out", "again.pdf")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasSuffix(": the same bytes as the PDF logged\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("again.pdf"))) == logged13)
    }

    @Test func withoutLibreOfficeNothingIsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.rows(2, in: folder)
        try FileManager.default.createDirectory(atPath: folder.file("empty"), withIntermediateDirectories: false)
        let cli = CLIRunner(workingDirectory: folder.path, environment: ["PATH": folder.file("empty")])
        let missing = try cli.run(["merge", Self.template, "--data", "rows.csv", "--out", "out", "--format", "pdf"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: soffice: LibreOffice is needed for PDF and previews but was not found on PATH: install the package libreoffice-writer-nogui"))
        let preview = try cli.run(["preview", Self.template, "--data", "rows.csv", "--out", "p.png"])
        #expect(preview.status == 1 && preview.stderr.contains("libreoffice-writer-nogui"))
        let badName = try cli.run(["merge", Self.template, "--data", "rows.csv", "--combine", "all.txt"])
        #expect(badName.status == 2 && badName.stderr == "error: --combine takes a file name ending in .docx or .pdf, not 'all.txt'\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["empty", "rows.csv"])
    }

    @Test func aFailedMergeLeavesNoCombinedDocument() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("template.docx", bytes: DocxBuilder(body: "<w:p><w:fldSimple w:instr=\" MERGEFIELD Name \"/></w:p>").build())
        try folder.write("names.csv", "Name\nAda\nB\u{1}o\n")
        let cli = CLIRunner(workingDirectory: folder.path)
        let failed = try cli.run(["merge", "template.docx", "--data", "names.csv", "--combine", "all.docx", "--out", "letters"])
        #expect(failed.status == 1 && failed.stderr.hasPrefix("error: names.csv:3: "), "\(failed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["names.csv", "template.docx"])
        try folder.write("all.docx", "mine")
        let existing = try cli.run(["merge", "template.docx", "--data", "names.csv", "--combine", "all.docx"])
        #expect(existing.status == 1 && existing.stderr == "error: all.docx: the file exists (use --force to replace it)\n")
    }

    @Test func aFailedConversionNamesTheLetterAndLogsNothing() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        // An "soffice" that converts nothing.
        try workspace.folder.write("broken-soffice", "#!/bin/sh\necho 'Error: source file could not be loaded'\nexit 0\n")
        chmod(workspace.folder.file("broken-soffice"), 0o755)
        try workspace.run("contacts", "import", Self.repository + "/Samples/contacts.csv")
        try workspace.run("templates", "add", "LETTER", "--file", Self.template, "--language", "en")
        try workspace.run("segment", "create", "--description", "Print run", "--template", "LETTER")
        try workspace.run("segment", "add", "SM00001", "--contact", "CT000011")
        let logged = try workspace.run("segment", "log", "SM00001", "--out", "letters", "--format", "pdf",
                                       "--soffice", workspace.folder.file("broken-soffice"))
        #expect(logged.status == 1)
        #expect(logged.stderr == "error: CT000011.docx: LibreOffice could not convert it to PDF (soffice exit status 0: "
                + "Error: source file could not be loaded)\n")
        #expect((try workspace.json("logged", "list", "--json") as? [Any])?.isEmpty == true)
        #expect(try workspace.run("segment", "show", "SM00001").status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).sorted() == ["broken-soffice", "db.sqlite"])
        let merged = try workspace.run("segment", "merge", "SM00001", "--combine", "all.pdf", "--soffice", workspace.folder.file("broken-soffice"))
        #expect(merged.status == 1 && merged.stderr.hasPrefix("error: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).sorted() == ["broken-soffice", "db.sqlite"])
    }

    @Test func segmentLogCombinesEveryLetter() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.run("contacts", "import", Self.repository + "/Samples/contacts.csv")
        for language in ["en", "nb"] {
            try workspace.run("templates", "add", "LETTER", "--file", Self.repository + "/Templates/letter-\(language).docx", "--language", language)
        }
        try workspace.run("segment", "create", "--description", "Print run", "--template", "LETTER")
        try workspace.run("segment", "add", "SM00001", "--where", "City = Oslo and Type = person")
        let count = try #require((try workspace.json("segment", "show", "SM00001", "--json") as? [String: Any])?["lines"] as? [Any]).count
        let merged = try workspace.run("segment", "merge", "SM00001", "--combine", "preview.docx", "--from", "a@b.example", "--quiet")
        #expect(merged.status == 0 && merged.stdout == "combined \(count) letters into preview.docx\n", "\(merged.stderr)")
        try workspace.folder.write("taken.docx", "")
        let existing = try workspace.run("segment", "log", "SM00001", "--combine", "taken.docx", "--from", "a@b.example")
        #expect(existing.status == 1 && existing.stderr.contains("taken.docx: the file exists"), "\(existing.stderr)")
        #expect((try workspace.json("logged", "list", "--json") as? [Any])?.isEmpty == true)
        let logged = try workspace.run("segment", "log", "SM00001", "--out", "letters", "--combine", "all.docx", "--from", "a@b.example")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("combined \(count) letters into all.docx\n"))
        let (status, sections) = try Python.run("""
            import sys, zipfile
            document = zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode()
            print(document.count('<w:pgNumType w:start="1"/>'), end='')
            """, [workspace.folder.file("all.docx")])
        #expect(status == 0 && sections == String(count))
        let previewed = try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("preview.docx")))
        #expect(previewed == (try Data(contentsOf: URL(fileURLWithPath: workspace.folder.file("all.docx")))))
    }

    /// Runs the built binary with stderr on a pseudo-terminal and returns what it wrote there.
    static func stderrOnATerminal(_ arguments: [String], in folder: String) throws -> String {
        let (status, output) = try Python.run("""
            import os, pty, subprocess, sys
            master, slave = pty.openpty()
            child = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
            os.close(slave)
            seen = b''
            while True:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break
                if not data:
                    break
                seen += data
            child.wait()
            sys.stdout.write(seen.decode('utf-8', 'replace'))
            """, [folder, CLIRunner.binary] + arguments)
        #expect(status == 0)
        return output
    }

    @Test func progressLineOnATerminalOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (status, _) = try Python.run("""
            import sys
            with open(sys.argv[1], 'w') as out:
                out.write('Name,City\\n')
                for index in range(300): out.write('Person %d,Oslo\\n' % index)
            """, [folder.file("many.csv")])
        #expect(status == 0)
        try folder.write("template.docx", bytes: DocxBuilder(body: "<w:p><w:fldSimple w:instr=\" MERGEFIELD Name \"/></w:p>").build())
        let shown = try Self.stderrOnATerminal(["merge", "template.docx", "--data", "many.csv", "--out", "a", "--jobs", "1"], in: folder.path)
        // One line redrawn in place: done/total, the rate, the time left; erased at the end.
        #expect(shown.contains("merging 64/300  "), "\(shown)")
        #expect(shown.contains("/s"))
        #expect(shown.hasSuffix("\r\u{1B}[K"))
        let quiet = try Self.stderrOnATerminal(["merge", "template.docx", "--data", "many.csv", "--out", "b", "--quiet"], in: folder.path)
        #expect(quiet.isEmpty)
        let (written, _) = try Python.run("""
            import sys
            with open(sys.argv[1], 'w') as out:
                out.write('No,Name\\n')
                for index in range(20000): out.write('C%05d,Company %d\\n' % (index, index))
            """, [folder.file("contacts.csv")])
        #expect(written == 0)
        let imported = try Self.stderrOnATerminal(["contacts", "import", "contacts.csv", "--db", "db.sqlite"], in: folder.path)
        #expect(imported.contains("importing 10000/20000  "), "\(imported)")
        let piped = try CLIRunner(workingDirectory: folder.path).run(["merge", "template.docx", "--data", "many.csv", "--out", "c"])
        #expect(piped.status == 0 && piped.stderr.isEmpty)
    }

    @Test func helpNamesTheNewOptions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cli = CLIRunner(workingDirectory: folder.path)
        for (words, expected) in [(["preview"], "usage: preview TEMPLATE.docx --data FILE.csv [--row N] [--page K] --out FILE.png|FILE.pdf"),
                                  (["segment", "preview"], "usage: segment preview NO [--line N] [--page K] --out FILE.png|FILE.pdf"),
                                  (["merge"], "[--combine FILE.docx|FILE.pdf] [--format docx|pdf] [--soffice PATH] [--quiet]"),
                                  (["segment", "merge"], "[--combine FILE.docx|FILE.pdf] [--format docx|pdf]"),
                                  (["segment", "log"], "[--combine FILE.docx|FILE.pdf] [--format docx|pdf]"),
                                  (["interactions", "document"], "[--format docx|pdf] [--soffice PATH]"),
                                  (["contacts", "import"], "[--quiet]")] {
            let help = try cli.run(words + ["--help"])
            #expect(help.status == 0 && help.stdout.contains(expected), "\(words): \(help.stdout)")
        }
        let noOutput = try cli.run(["merge", Self.template, "--data", "rows.csv"])
        #expect(noOutput.status == 2 && noOutput.stderr == "error: missing --out DIR (or --combine FILE)\n")
        let badFormat = try cli.run(["merge", Self.template, "--data", "rows.csv", "--out", "x", "--format", "odt"])
        #expect(badFormat.status == 2 && badFormat.stderr == "error: --format must be docx or pdf, not 'odt'\n")
    }
}
