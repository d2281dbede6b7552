import Foundation
import LettershopTestSupport
import Testing

/// Mailing groups: create, list, delete; contacts added and removed by hand or by an import column;
/// criteria `group(CODE)`.
@Suite struct GroupsCLITests {
    @Test func groupsMembersAndCriteria() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        #expect(try workspace.run("groups", "create", "NEWS", "--description", "Newsletter").stdout == "created mailing group NEWS\n")
        #expect(try workspace.run("groups", "create", "XMAS").status == 0)
        #expect(try workspace.run("groups", "create", "news").stderr == "error: mailing group NEWS exists already\n")
        #expect(try workspace.run("groups", "create", "TWO WORDS").status == 1)
        try workspace.folder.write("contacts.csv", "No,Name,City,MailingGroups\nA1,Ann,Oslo,\"NEWS, xmas\"\nA2,Bob,Bergen,news\nA3,Cid,Oslo,\n")
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        // Not a custom field.
        let shown = try #require(try workspace.json("contacts", "show", "A1", "--json") as? [String: Any])
        #expect(shown["MailingGroups"] as? [String] == ["NEWS", "XMAS"])
        #expect((shown["Custom"] as? [String: Any])?.isEmpty == true)
        let list = try #require(try workspace.json("groups", "list", "--json") as? [[String: Any]])
        #expect(list.map { "\($0["Code"]!) \($0["NoOfContacts"]!)" } == ["NEWS 2", "XMAS 1"])

        #expect(try workspace.run("contacts", "list", "--where", "group(news) and City = Oslo").stdout == "A1\tcompany\tAnn\tOslo\n")
        #expect(try workspace.run("contacts", "group", "add", "A3", "XMAS").stdout == "added contact A3 to mailing group XMAS\n")
        #expect(try workspace.run("contacts", "group", "add", "A3", "XMAS").stdout == "contact A3 belongs to mailing group XMAS already\n")
        #expect(try workspace.run("contacts", "group", "remove", "A1", "XMAS").status == 0)
        #expect(try workspace.run("contacts", "list", "--where", "group(XMAS)").stdout == "A3\tcompany\tCid\tOslo\n")
        try workspace.run("segment", "create", "S", "--description", "Christmas")
        #expect(try workspace.run("segment", "add", "S", "--where", "group(XMAS) or group(NEWS)").stdout == "added 3 contacts (segment S has 3 lines)\n")

        // The import's column replaces a contact's groups; an empty cell leaves it in none.
        try workspace.folder.write("again.csv", "No,Groups\nA2,XMAS\nA3,\n")
        #expect(try workspace.run("contacts", "import", "again.csv").status == 0)
        #expect(try workspace.run("contacts", "list", "--where", "group(XMAS)").stdout == "A2\tcompany\tBob\tBergen\n")

        // Mistakes.
        let unknownGroup = try workspace.run("contacts", "list", "--where", "group(NOPE)")
        #expect(unknownGroup.status == 1)
        #expect(unknownGroup.stderr == "error: unknown mailing group 'NOPE' (see 'lettershop groups list')\n")
        #expect(try workspace.run("contacts", "list", "--where", "group(A, B)").status == 2)
        try workspace.folder.write("bad.csv", "No,Groups\nA1,NEWS\nA2,BAD\n")
        let bad = try workspace.run("contacts", "import", "bad.csv")
        #expect(bad.stderr == "error: bad.csv:3: MailingGroups: unknown mailing group 'BAD' (create it first: groups create BAD)\n")
        #expect(try workspace.run("contacts", "group", "add", "ZZ", "NEWS").stderr == "error: unknown contact 'ZZ'\n")
        #expect(try workspace.run("contacts", "group", "add", "A1", "NOPE").status == 1)
        #expect(try workspace.run("groups", "delete", "XMAS").stderr
                == "error: mailing group XMAS has 1 contact; use --force to delete it and remove them from it\n")
        #expect(try workspace.run("groups", "delete", "XMAS", "--force").stdout == "deleted mailing group XMAS (removed 1 contact from it)\n")
        #expect(try workspace.run("groups", "delete", "XMAS").status == 1)
        #expect(try workspace.run("groups", "create", "--help").stdout.contains("groups create CODE"))
    }
}
