import DocxMerge
import LettershopTestSupport
import Testing

/// `CSVMerge` reads the next batch while the threads render the current one; a bad record in one
/// batch must not hide the bad records of the next, nor let a document through.
@Suite("Merging a CSV file")
struct CSVMergeTests {
    func merge(_ csv: String, jobs: Int) throws -> (folder: TemporaryFolder, result: Result<Int, any Error>) {
        let folder = try TemporaryFolder()
        let template = try MergeTemplate(bytes: DocxBuilder(body: paragraph(complexField("MERGEFIELD Name"))).build(), name: "t.docx")
        let reader = try CSVReader(bytes: Array(csv.utf8), name: "data.csv")
        let plan = try LetterPlan(template: template, columns: reader.header)
        let output = try OutputFolder(destination: folder.file("out"))
        let result = Result { try output.fill { try CSVMerge(plan: plan, jobs: jobs, pattern: nil).run(reader, into: output) } }
        return (folder, result)
    }

    @Test("every bad record is listed, whichever batch it is in", arguments: [1, 2])
    func badRecordsInSeveralBatches(jobs: Int) throws {
        var rows = (1...300).map { "row \($0)" }
        rows[9] = "bell \u{7}"        // line 11, first batch
        rows[99] = "escape \u{1B}"    // line 101, second batch
        rows[199] = "a,b"             // line 201, a row with two values
        let (folder, result) = try merge("Name\n" + rows.joined(separator: "\n") + "\n", jobs: jobs)
        defer { folder.remove() }
        guard case let .failure(error as MergeError) = result else {
            Issue.record("no error: \(result)")
            return
        }
        #expect(error.lines.map { String($0.prefix(12)) } == ["data.csv:11:", "data.csv:101", "data.csv:201"])
        #expect(Folder.state(of: folder.file("out")) == .missing, "nothing written")
        #expect(Folder.entries(of: folder.path).isEmpty, "no staging folder left")
    }

    @Test func aGoodFileWritesEveryRecord() throws {
        let (folder, result) = try merge("Name\n" + (1...300).map { "person \($0)" }.joined(separator: "\n") + "\n", jobs: 2)
        defer { folder.remove() }
        #expect(try result.get() == 300)
        #expect(Folder.entries(of: folder.file("out")).count == 300)
        #expect(LetterStructure.problems(inFolder: folder.file("out")) == [])
    }
}
