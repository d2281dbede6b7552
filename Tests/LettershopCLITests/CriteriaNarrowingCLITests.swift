import Foundation
import LettershopTestSupport
import Testing

/// `segment add --where` reads from the database only the contacts a plain-text equality may
/// match; what it adds is still exactly what the filter matches, case folding included.
@Suite struct CriteriaNarrowingCLITests {
    @Test func anEqualityFindsEveryFoldedSpellingAndNothingElse() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        // `ſ` (long s) folds to `s`, `K` (Kelvin sign) to `k`: not ASCII, yet equal to the literal.
        try workspace.folder.write("contacts.csv", """
            No,Type,Name,City,Department
            A1,company,One,Oslo,Sales
            A2,person,Two,OSLO,Sales
            A3,company,Three,Oſlo,sales
            A4,company,Four,oslo ,Sales
            A5,company,Five,Bergen,Sales
            A6,company,Six,oslo,Purchasing
            A7,person,Seven,Oslo,SALES
            A8,company,Eight,Kongsberg,Sales
            A9,company,Nine,\u{212A}ongsberg,Sales
            A10,company,Ten,,Sales

            """)
        #expect(try workspace.run("contacts", "import", workspace.folder.file("contacts.csv")).status == 0)
        var segments = 0
        func added(_ expression: String) throws -> [String] {
            segments += 1
            let segment = "S\(segments)"
            #expect(try workspace.run("segment", "create", segment, "--description", "Narrowing").status == 0)
            let result = try workspace.run("segment", "add", segment, "--where", expression)
            #expect(result.status == 0, "\(expression): \(result.stderr)")
            let shown = try #require(try workspace.json("segment", "show", segment, "--json") as? [String: Any])
            return ((shown["lines"] as? [[String: Any]]) ?? []).compactMap { $0["ContactNo"] as? String }.sorted()
        }
        #expect(try added("City = Oslo") == ["A1", "A2", "A3", "A6", "A7"])
        #expect(try added("city = \"OSLO\" and Type = person") == ["A2", "A7"])
        #expect(try added("City = Oslo and Department = sales") == ["A1", "A2", "A3", "A7"])
        #expect(try added("City = kongsberg") == ["A8", "A9"])
        // Not narrowed (an `or`, a number): every contact is read, as before.
        #expect(try added("City = Oslo or City = Bergen") == ["A1", "A2", "A3", "A5", "A6", "A7"])
        #expect(try added("Name = Two and City = oslo") == ["A2"])
    }
}
