import Foundation
import LettershopTestSupport
import Testing

/// `contacts import` lists every bad row of a file, whatever kind of problem each has.
@Suite struct ContactsImportProblemsCLITests {
    @Test func raggedRowsDoNotHideOtherProblems() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("mixed.csv", "No,Type,PrivacyBlocked\nA1,person,no\nA2,person\nA3,person,sometimes\nA4,person,no,extra\nA5,alien,no\n")
        let result = try workspace.run("contacts", "import", "mixed.csv")
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "error: mixed.csv:3: expected 3 values, found 2",
            "error: mixed.csv:4: PrivacyBlocked: 'sometimes' is not a boolean (true/false, yes/no, 1/0)",
            "error: mixed.csv:5: expected 3 values, found 4",
            "error: mixed.csv:6: Type: unknown type 'alien' (company or person)",
        ])
        #expect(try workspace.run("contacts", "show", "A1").status == 1, "nothing imported")
    }

    @Test func noAndContactNoTogetherAreRefused() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("both.csv", "No,ContactNo,Name\nA1,B1,Kari\n")
        let result = try workspace.run("contacts", "import", "both.csv")
        #expect(result.status == 1)
        #expect(result.errorLines == ["error: both.csv:1: columns 'No' and 'ContactNo' both give No"])
        try workspace.folder.write("alias.csv", "ContactNo,Name\nB1,Kari\n")
        #expect(try workspace.run("contacts", "import", "alias.csv").stdout == "imported 1 contact (1 added, 0 updated)\n")
    }
}
