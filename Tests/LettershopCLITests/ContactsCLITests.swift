import Foundation
import LettershopTestSupport
import Testing

/// A temporary folder with a database, and `lettershop` run in it.
struct CLIWorkspace {
    let folder: TemporaryFolder
    let runner: CLIRunner

    init() throws {
        folder = try TemporaryFolder()
        runner = CLIRunner(workingDirectory: folder.path, environment: ["LETTERSHOP_DB": folder.file("db.sqlite")])
    }

    @discardableResult
    func run(_ arguments: String...) throws -> CLIRunner.Result { try runner.run(arguments) }

    @discardableResult
    func run(_ arguments: [String]) throws -> CLIRunner.Result { try runner.run(arguments) }

    /// The repository's `Samples/` and `Templates/` folders.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func json(_ arguments: String...) throws -> Any {
        let result = try runner.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

@Suite struct ContactsCLITests {
    @Test func importListShowDelete() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        let imported = try workspace.run("contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv")
        #expect(imported.status == 0)
        #expect(imported.stdout == "imported 50 contacts (50 added, 0 updated)\n")
        #expect(try workspace.run("contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv").stdout
                == "imported 50 contacts (0 added, 50 updated)\n")

        let list = try #require(try workspace.json("contacts", "list", "--where", "City = Oslo and Type = person", "--json") as? [[String: Any]])
        #expect(!list.isEmpty)
        #expect(list.allSatisfy { ($0["City"] as? String) == "Oslo" && ($0["Type"] as? String) == "person" })
        let contact = try #require(try workspace.json("contacts", "show", "CT000011", "--json") as? [String: Any])
        #expect(contact["No"] as? String == "CT000011")
        #expect(contact["PrivacyBlocked"] as? Bool == false)
        #expect((contact["Custom"] as? [String: String])?["Industry"] == "Architecture")

        let unknown = try workspace.run("contacts", "show", "NOPE")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: unknown contact 'NOPE'\n")
        #expect(try workspace.run("contacts", "delete", "CT000011").status == 0)
        #expect(try workspace.run("contacts", "show", "CT000011").status == 1)
    }

    @Test func badRowsAreAllReportedAndNothingIsImported() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("bad.csv", "No,Type,PrivacyBlocked\nA1,person,\nA2,alien,\nA3,person,sometimes\nA1,company,\n")
        let result = try workspace.run("contacts", "import", "bad.csv")
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "error: bad.csv:3: Type: unknown type 'alien' (company or person)",
            "error: bad.csv:4: PrivacyBlocked: 'sometimes' is not a boolean (true/false, yes/no, 1/0)",
            "error: bad.csv:5: duplicate No 'A1' (first on line 2)",
        ])
        #expect(try workspace.run("contacts", "list").stdout == "")
    }

    @Test func whereErrorsAndExitCodes() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.run("contacts", "import", CLIWorkspace.repository + "/Samples/contacts.csv")
        let syntax = try workspace.run("contacts", "list", "--where", "City = Oslo and PostCode >= ")
        #expect(syntax.status == 2)
        #expect(syntax.errorLines.first == "error: --where: expected a value after '>=' at column 29")
        let unknown = try workspace.run("contacts", "list", "--where", "Colour = red")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: --where: unknown field 'Colour' at column 1\n")
        let injection = try workspace.run("contacts", "list", "--where", #"Name = "x' OR 1=1; DROP TABLE contacts; --""#)
        #expect(injection.status == 0)
        #expect(injection.stdout == "")
        #expect(try workspace.run("contacts", "list").stdout.split(separator: "\n").count == 50)
        #expect(try workspace.run("contacts", "list", "--bogus").status == 2)
        #expect(try workspace.run("contacts", "show").status == 2)
        #expect(try workspace.run("contacts", "import", "--help").status == 0)
    }
}
