@testable import DocxMerge
import Testing

/// File names for documents: safe on every file system, unique case-insensitively.
@Suite("File names")
struct FileNamingTests {
    @Test func namesAreSanitised() {
        #expect(FileNamer.sanitize("../../etc/passwd") == "_._.._etc_passwd")
        #expect(FileNamer.sanitize("a<b>:c|d?*\"e\\f") == "a_b__c_d___e_f")
        #expect(FileNamer.sanitize("  trailing dots... ") == "trailing dots")
        #expect(FileNamer.sanitize(".hidden") == "_hidden")
        #expect(FileNamer.sanitize("nul") == "_nul")
        #expect(FileNamer.sanitize("LPT1.report") == "_LPT1.report")
        #expect(FileNamer.sanitize("bell\u{7}tab\t") == "bell_tab_")
        #expect(FileNamer.sanitize(String(repeating: "å", count: 300)).utf8.count <= 200)
    }

    @Test func namesUsedTwiceGetANumber() throws {
        var namer = FileNamer()
        #expect(try namer.name(for: "Kari", fallback: "1", extension: "docx") == "Kari.docx")
        #expect(try namer.name(for: "KARI", fallback: "2", extension: "docx") == "KARI-2.docx")
        #expect(try namer.name(for: "kari", fallback: "3", extension: "docx") == "kari-3.docx")
        #expect(try namer.name(for: "Kari-2", fallback: "4", extension: "docx") == "Kari-2-2.docx")
        #expect(try namer.name(for: "", fallback: "5", extension: "docx") == "5.docx")
    }

    /// The same base thousands of times (a name column holding a salutation) numbers on from the last
    /// number given, past the table's move to a file, and a literal `Dr-5` in the data is still
    /// never given twice.
    @Test func aBaseUsedThousandsOfTimesNumbersOn() throws {
        var namer = FileNamer(keysInMemory: 4096)
        var names: [String] = []
        for index in 0..<6_000 {
            names.append(try namer.name(for: index == 3 ? "Dr-5" : "Dr", fallback: "x", extension: "docx"))
        }
        #expect(names[0] == "Dr.docx" && names[1] == "Dr-2.docx" && names[2] == "Dr-3.docx")
        #expect(names[3] == "Dr-5.docx")
        #expect(names[4] == "Dr-4.docx" && names[5] == "Dr-6.docx")
        #expect(names.last == "Dr-6000.docx")
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
        // A base met again after the move to a file.
        #expect(try namer.name(for: "dr-5", fallback: "x", extension: "docx") == "dr-5-2.docx")
    }

    /// Names of letters, digits, `-` and `_` take a short way, with the same result as any text.
    @Test(arguments: ["CT0000001", "con", "CON", "Com1", "lpt9", "nul_", "Abc_-1", "-", "_", "x", String(repeating: "a", count: 200),
                      String(repeating: "b", count: 201), "a.b", "a b", ".x", "x.", "Ødegård", "COM¹", "aux.txt"])
    func plainNamesTakeTheShortWay(name: String) {
        #expect(FileNamer.sanitize(name) == FileNamer.sanitizeAnyText(name))
    }

    @Test func patternsWithTheRecordNumber() throws {
        let columns = ["ContactNo", "Surname"]
        let numbered = try FileNamePattern("letter_{#}", columns: columns)
        #expect(numbered.name(values: ["CT1", "Berg"], number: 42) == "letter_000042")
        #expect(numbered.namesAreUnique)
        #expect(try FileNamePattern("{#} {Surname}", columns: columns).namesAreUnique)
        #expect(try FileNamePattern("{Surname} {#}", columns: columns).namesAreUnique)
        #expect(!(try FileNamePattern("{Surname} {#} {Surname}", columns: columns).namesAreUnique))
        #expect(!(try FileNamePattern("{contact_no}", columns: columns).namesAreUnique))
        #expect(try FileNamePattern("{contact no}-{SURNAME}", columns: columns).name(values: ["CT1", "Berg"], number: 1) == "CT1-Berg")
        #expect(throws: MergeError.io(path: "--name", message: "the data has no column 'City', 'Zip'")) {
            _ = try FileNamePattern("{City}/{Zip}", columns: columns)
        }
        var namer = FileNamer(namesAreUnique: true)
        #expect(try namer.name(for: "letter_000001", fallback: "1", extension: "docx") == "letter_000001.docx")
    }
}
