import Foundation
import LettershopTestSupport
import Testing

/// The smaller mistakes a user met: each is refused with a message that says why and what to do.
@Suite struct SmallMistakesCLITests {
    @Test func mistakesAreRefusedAndExplained() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("contacts.csv", "No,Name,City,LanguageCode\nA1,Ann,New York,en\nA2,Bob,Oslo,nb\n")
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)

        // contacts delete refused by a step's undo record names it and the way out.
        try workspace.run("segment", "create", "S", "--description", "x")
        try workspace.run("segment", "add", "S", "--contact", "A1")
        try workspace.run("segment", "remove", "S", "--contact", "A1")
        #expect(try workspace.run("contacts", "delete", "A1").stderr
                == "error: contact A1 is in the undo history of open segment S (a step removed it, and undo would put it back); delete segment S first (segment delete S), or log it\n")
        try workspace.run("segment", "delete", "S")

        // Single quotes work as double quotes, and the help says so.
        #expect(try workspace.run("contacts", "list", "--where", "City = 'New York'").stdout == "A1\tcompany\tAnn\tNew York\n")
        #expect(try workspace.run("contacts", "list", "--where", #"Name = 'O\'Neil' or City = "New York""#).stdout == "A1\tcompany\tAnn\tNew York\n")
        #expect(try workspace.run("contacts", "list", "--where", "City = 'New York").status == 2)
        #expect(try workspace.run("contacts", "list", "--help").stdout.contains("single quotes ('New York')"))
        #expect(try workspace.run("segment", "add", "--help").stdout.contains("single quotes"))

        // A line's language that no document of its template has is refused, listing those there are.
        for language in ["en", "nb"] {
            try workspace.folder.write("\(language).docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>\(language)</w:t></w:r></w:p>").build())
            #expect(try workspace.run("templates", "add", "LETTER", "--file", "\(language).docx", "--language", language).status == 0)
        }
        try workspace.run("segment", "create", "T", "--description", "Letters", "--template", "LETTER", "--subject", "Hi",
                          "--salesperson", "JD", "--correspondence", "hard-copy")
        try workspace.run("segment", "add", "T", "--contact", "A1", "--contact", "A2")
        #expect(try workspace.run("segment", "line", "T", "A1", "--language", "de").stderr
                == "error: line of A1: template LETTER has no document for language 'de' (its languages: en, nb)\n")
        #expect(try workspace.run("segment", "line", "T", "A1", "--language", "nb-NO").status == 0)
        #expect(try workspace.run("segment", "show", "T", "--json").stdout.contains("\"LanguageCode\": \"nb-NO\""))

        // segment show prints every header field.
        let shown = try workspace.run("segment", "show", "T").stdout
        for field in ["Subject: Hi", "SalespersonCode: JD", "CampaignNo: ", "CorrespondenceType: hard-copy", "InformationFlow: outbound"] {
            #expect(shown.contains(field + "\n"), "\(field)")
        }

        // interactions document writes the .docx only under a .docx name.
        #expect(try workspace.run("segment", "log", "T", "--out", "out").status == 0)
        let eml = try workspace.run("interactions", "document", "1", "--out", "x.eml")
        #expect(eml.status == 2)
        #expect(eml.stderr.hasPrefix("error: --out x.eml: the letter is a Word document, so the file must end in .docx"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.file("x.eml")))
        #expect(try workspace.run("interactions", "document", "1", "--out", "x.DOCX").status == 0)
    }
}
