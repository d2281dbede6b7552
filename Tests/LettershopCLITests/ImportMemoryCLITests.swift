import Foundation
import LettershopTestSupport
import Testing

/// `contacts import` streams its file: the peak resident memory of the built binary (a child
/// process, read by Python's `resource` module) stays below the size of the file it imports.
@Suite("Import memory bound")
struct ImportMemoryCLITests {
    @Test("an 80 MB file of 20,000 contacts imports in less than 48 MB")
    func importStreamsTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Each row carries a 4 KB note (a custom field), so holding the file would take 80 MB.
        let note = String(repeating: "Met at the Bergen fair; prefers letters. ", count: 100)
        var csv = "No,Type,Name,City,Email,Phone,Notes\n"
        csv.reserveCapacity(20_000 * (note.utf8.count + 80))
        for index in 1...20_000 {
            csv += "M\(index),company,Firm \(index) AS,Oslo,post\(index)@firm.example,+47 2\(100_000 + index),\(note)\n"
        }
        try folder.write("contacts.csv", csv)
        let fileBytes = csv.utf8.count
        #expect(fileBytes > 80_000_000)

        let (status, output) = try Python.run("""
            import resource, subprocess, sys
            result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
            print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, result.stdout.strip())
            """, [CLIRunner.binary, "contacts", "import", folder.file("contacts.csv"), "--db", folder.file("store.db"), "--quiet"])
        #expect(status == 0)
        let fields = output.split(separator: " ", maxSplits: 2).map(String.init)
        #expect(fields.first == "0")
        #expect(fields.last?.hasPrefix("imported 20000 contacts (20000 added, 0 updated)") == true, "\(output)")
        let peak = (Int(fields.dropFirst().first ?? "") ?? .max / 1024) * 1024
        // Under a sanitizer (Scripts/sanitize.sh) the import is checked, not the bound: its shadow memory
        // and quarantine are the sanitizer's, not the binary's.
        #expect(Sanitizer.active || peak < 48 << 20, "peak \(peak >> 20) MB importing a \(fileBytes >> 20) MB file")

        let shown = try CLIRunner(workingDirectory: folder.path).run(["contacts", "show", "M20000", "--json", "--db", folder.file("store.db")])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("Met at the Bergen fair"))
    }
}
