import Foundation
import LettershopTestSupport
import Testing

/// `contacts opt-out` / `opt-in` from the command line, and what `segment check` and `--where` make of them.
@Suite struct OptOutCLITests {
    @Test func optOutOptInAndTheCheck() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("contacts.csv", """
            No,Name,Address,PostCode,City,Email,CorrespondenceType
            A1,Ann,Street 1,0150,Oslo,ann@example.com,email
            A2,Bob,Street 2,0150,Oslo,bob@example.com,hard-copy

            """)
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        let out = try workspace.run("contacts", "opt-out", "A1", "--channel", "all", "--reason", "phoned", "--date", "2026-01-05")
        #expect(out.status == 0)
        #expect(out.stdout == "contact A1 opted out of email on 2026-01-05\ncontact A1 opted out of hard-copy on 2026-01-05\n")
        #expect(try workspace.run("contacts", "opt-out", "A1", "--channel", "email").stdout
                == "contact A1 has opted out of email already (since 2026-01-05); nothing recorded\n")
        #expect(try workspace.run("contacts", "opt-in", "A1", "--channel", "hard-copy").status == 0)
        let shown = try #require(try workspace.json("contacts", "show", "A1", "--json") as? [String: Any])
        #expect(shown["OptOutEmail"] as? Bool == true)
        #expect(shown["OptOutHardCopy"] as? Bool == false)
        let history = try #require(shown["OptOutHistory"] as? [[String: Any]])
        #expect(history.map { "\($0["Channel"]!) \($0["OptedOut"]!) \($0["Reason"]!)" } == ["email 1 phoned", "hard-copy 1 phoned", "hard-copy 0 "])

        // Mistakes: exit 2 for the command line, 1 for an unknown contact.
        #expect(try workspace.run("contacts", "opt-out", "A1").status == 2)
        #expect(try workspace.run("contacts", "opt-out", "A1", "--channel", "fax").status == 2)
        #expect(try workspace.run("contacts", "opt-out", "A1", "--channel", "email", "--date", "2026-02-30").status == 2)
        let unknown = try workspace.run("contacts", "opt-out", "ZZ", "--channel", "email")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: unknown contact 'ZZ'\n")
        #expect(try workspace.run("contacts", "opt-out", "--help").stdout.contains("--channel email|hard-copy|all"))

        #expect(try workspace.run("contacts", "list", "--where", "opted-out(email)").stdout == "A1\tcompany\tAnn\tOslo\n")
        try workspace.folder.write("letter.docx", bytes: DocxBuilder(body: "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>").build())
        #expect(try workspace.run("templates", "add", "LETTER", "--file", "letter.docx").status == 0)
        try workspace.run("segment", "create", "S", "--description", "Check", "--template", "LETTER")
        #expect(try workspace.run("segment", "add", "S", "--where", "City = 'Oslo'").stdout
                == "added 1 contact, skipped 1 opted out (segment S has 1 line)\n")
        try workspace.run("segment", "add", "S", "--contact", "A1")
        let check = try workspace.run("segment", "check", "S", "--from", "post@example.com")
        #expect(check.status == 1)
        #expect(check.stderr.contains("error: line 20000 (A1): the contact has opted out of e-mail (since 2026-01-05)"))
        #expect(try workspace.run("segment", "log", "S", "--from", "post@example.com").status == 1)
    }
}
