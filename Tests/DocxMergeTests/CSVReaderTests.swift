import Testing

@testable import DocxMerge

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a reader produced: the header, then each record or the error that ended the reading.
private struct Outcome: Equatable {
    var header: [String]
    var records: [CSVRecord]
    var error: CSVError?
}

/// Chunk sizes that put a chunk boundary everywhere in small inputs, plus the default.
private let chunkSizes = [1, 2, 3, 4, 5, 7, 11, 16, CSVReader.defaultChunkSize]

/// Reads `bytes` to the end (or the first error) with the given chunk size.
private func read(
    _ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = CSVReader.defaultChunkSize
) throws -> Outcome {
    let reader = try CSVReader(bytes: bytes, name: "data.csv", delimiter: delimiter, chunkSize: chunkSize)
    var outcome = Outcome(header: reader.header, records: [], error: nil)
    do {
        while let record = try reader.next() { outcome.records.append(record) }
    } catch let error as CSVError {
        outcome.error = error
    }
    return outcome
}

/// Reads `text` with every chunk size, checks they all agree, and returns the outcome.
private func readAll(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> Outcome {
    try readAll(Array(text.utf8), delimiter: delimiter)
}

private func readAll(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws -> Outcome {
    let reference = try read(bytes, delimiter: delimiter)
    for size in chunkSizes {
        let outcome = try read(bytes, delimiter: delimiter, chunkSize: size)
        #expect(outcome == reference, "chunk size \(size)")
    }
    return reference
}

/// The error that opening the data throws (header problems), checked to be the same for every chunk size.
private func headerError(_ text: String) -> CSVError? {
    headerError(Array(text.utf8))
}

private func headerError(_ bytes: [UInt8]) -> CSVError? {
    var errors: [CSVError?] = []
    for size in chunkSizes {
        do {
            _ = try CSVReader(bytes: bytes, name: "data.csv", delimiter: UInt8(ascii: ","), chunkSize: size)
            errors.append(nil)
        } catch let error as CSVError {
            errors.append(error)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
    #expect(Set(errors.map { $0?.description ?? "" }).count == 1, "all chunk sizes agree")
    return errors.first ?? nil
}

private func values(_ outcome: Outcome) -> [[String]] {
    outcome.records.map(\.values)
}

private func lines(_ outcome: Outcome) -> [Int] {
    outcome.records.map(\.line)
}

/// A file in a fresh temporary folder, removed by `remove()`.
private struct TemporaryFile {
    let directory: String
    let path: String

    init(_ bytes: [UInt8], name: String = "data.csv") throws {
        var template = Array("/tmp/csvreader-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw CSVError(file: "/tmp", line: 0, message: "mkdtemp failed") }
        directory = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CSVError(file: path, line: 0, message: "cannot create") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { throw CSVError(file: path, line: 0, message: "cannot write") }
            offset += written
        }
    }

    func remove() {
        unlink(path)
        rmdir(directory)
    }
}

@Suite("CSVReader")
struct CSVReaderTests {
    // MARK: Records and lines

    @Test func readsHeaderAndRecordsWithLineNumbers() throws {
        let outcome = try readAll("No,Name,City\n1,Kari,Oslo\n2,Ola,Bergen\n")
        #expect(outcome.header == ["No", "Name", "City"])
        #expect(values(outcome) == [["1", "Kari", "Oslo"], ["2", "Ola", "Bergen"]])
        #expect(lines(outcome) == [2, 3])
        #expect(outcome.error == nil)
    }

    @Test func lastRecordWithoutLineBreak() throws {
        let outcome = try readAll("a,b\n1,2\n3,4")
        #expect(values(outcome) == [["1", "2"], ["3", "4"]])
        #expect(lines(outcome) == [2, 3])
    }

    @Test func headerOnlyHasNoRecords() throws {
        let outcome = try readAll("a,b\n")
        #expect(outcome.header == ["a", "b"])
        #expect(outcome.records.isEmpty)
        #expect(try readAll("a,b").records.isEmpty)
    }

    @Test func nameAndDelimiterAreKept() throws {
        let reader = try CSVReader(bytes: Array("a;b\n".utf8), name: "in memory", delimiter: UInt8(ascii: ";"))
        #expect(reader.name == "in memory")
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil, "stays at the end")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let outcome = try readAll([0xEF, 0xBB, 0xBF] + Array("Name,City\r\nKari,Oslo\r\n".utf8))
        #expect(outcome.header == ["Name", "City"])
        #expect(values(outcome) == [["Kari", "Oslo"]])
        #expect(lines(outcome) == [2])
    }

    @Test func byteOrderMarkOnlyInFirstPosition() throws {
        // A BOM later in the file is an ordinary (zero-width no-break space) character.
        let outcome = try readAll(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("x\n".utf8))
        #expect(values(outcome) == [["\u{FEFF}x"]])
    }

    @Test func byteOrderMarkAloneIsAnEmptyFile() {
        let error = headerError([0xEF, 0xBB, 0xBF])
        #expect(error == CSVError(file: "data.csv", line: 0, message: "no header row"))
    }

    @Test func firstHeaderNameStartingLikeAByteOrderMark() throws {
        // U+FF01 FULLWIDTH EXCLAMATION MARK is EF BC 81: it shares its first byte with a BOM.
        let outcome = try readAll("！a,b\n1,2\n")
        #expect(outcome.header == ["！a", "b"])
    }

    @Test func crlfLineEndings() throws {
        let outcome = try readAll("a,b\r\n1,2\r\n3,4\r\n")
        #expect(values(outcome) == [["1", "2"], ["3", "4"]])
        #expect(lines(outcome) == [2, 3])
    }

    @Test func loneCRLineEndings() throws {
        let outcome = try readAll("a,b\r1,2\r3,4\r")
        #expect(values(outcome) == [["1", "2"], ["3", "4"]])
        #expect(lines(outcome) == [2, 3])
    }

    @Test func mixedLineEndings() throws {
        let outcome = try readAll("a,b\n1,2\r\n3,4\r5,6")
        #expect(values(outcome) == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(lines(outcome) == [2, 3, 4])
    }

    @Test func emptyLinesAreSkipped() throws {
        let outcome = try readAll("\n\r\na,b\n\n1,2\r\n\r\n\r\n3,4\n\n\n")
        #expect(outcome.header == ["a", "b"])
        #expect(values(outcome) == [["1", "2"], ["3", "4"]])
        #expect(lines(outcome) == [5, 8])
    }

    @Test func emptyValues() throws {
        let outcome = try readAll("a,b,c\n,,\n1,,3\n\"\",x,\n,,\"\"\n")
        #expect(values(outcome) == [["", "", ""], ["1", "", "3"], ["", "x", ""], ["", "", ""]])
    }

    @Test func spacesAreKept() throws {
        let outcome = try readAll("a,b\n  Kari , Oslo  \n")
        #expect(values(outcome) == [["  Kari ", " Oslo  "]])
    }

    // MARK: Quoting

    @Test func quotedValuesHoldDelimitersAndDoubledQuotes() throws {
        let outcome = try readAll("a,b,c\n\"Nordmann, Kari\",\"say \"\"hi\"\"\",\"\"\"\"\n")
        #expect(values(outcome) == [["Nordmann, Kari", "say \"hi\"", "\""]])
    }

    @Test func quotedHeaderNames() throws {
        let outcome = try readAll("\"First Name\",\"City, Town\"\nKari,Oslo\n")
        #expect(outcome.header == ["First Name", "City, Town"])
    }

    @Test func embeddedNewlinesAreKeptAndCounted() throws {
        let outcome = try readAll("a,b\n1,\"line one\nline two\n\nline four\"\n2,x\n")
        #expect(values(outcome) == [["1", "line one\nline two\n\nline four"], ["2", "x"]])
        #expect(lines(outcome) == [2, 6])
    }

    @Test func embeddedCRLFIsKeptAsIsAndCountedOnce() throws {
        let outcome = try readAll("a,b\r\n1,\"one\r\ntwo\r\nthree\"\r\n2,\"x\ry\"\r\n3,z\r\n")
        #expect(values(outcome) == [["1", "one\r\ntwo\r\nthree"], ["2", "x\ry"], ["3", "z"]])
        #expect(lines(outcome) == [2, 5, 7])
    }

    @Test func quoteInsideUnquotedValueIsLiteral() throws {
        let outcome = try readAll("a,b\n5\" disk,O\"Neil\"\n")
        #expect(values(outcome) == [["5\" disk", "O\"Neil\""]])
    }

    @Test func textAfterClosingQuoteIsAnError() throws {
        let outcome = try readAll("a,b\n1,2\n\"Kari\" Nordmann,3\n4,5\n")
        #expect(values(outcome) == [["1", "2"]])
        #expect(outcome.error
            == CSVError(file: "data.csv", line: 3, message: "unexpected character after closing quote"))
    }

    @Test func textAfterClosingQuoteOnALaterLineOfTheRecord() throws {
        let outcome = try readAll("a,b\n\"x\ny\"z,1\n")
        #expect(outcome.error?.line == 3)
        #expect(outcome.error?.message == "unexpected character after closing quote")
    }

    @Test func unterminatedQuoteIsReportedWhereItOpens() throws {
        let text = "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n8,9\n"
        let outcome = try readAll(text)
        #expect(values(outcome) == [["1", "2"]])
        #expect(outcome.error == CSVError(file: "data.csv", line: 3, message: "unterminated quoted value"))
        #expect(outcome.error?.description == "data.csv:3: unterminated quoted value")
    }

    @Test func unterminatedQuoteAfterMultiLineRecords() throws {
        let outcome = try readAll("a,b\r\n\"x\r\ny\",1\r\n\r\n2,\"open\r\n\r\n")
        #expect(values(outcome) == [["x\r\ny", "1"]])
        #expect(outcome.error?.line == 5)
    }

    @Test func unterminatedQuoteInHeader() {
        let error = headerError("a,\"b\nc,d\n")
        #expect(error == CSVError(file: "data.csv", line: 1, message: "unterminated quoted value"))
    }

    @Test func quotingErrorsAreSticky() throws {
        let reader = try CSVReader(bytes: Array("a\n\"x\"y\n2\n".utf8), name: "d.csv")
        #expect(throws: CSVError.self) { try reader.next() }
        #expect(throws: CSVError(file: "d.csv", line: 2, message: "unexpected character after closing quote")) {
            try reader.next()
        }
    }

    // MARK: Delimiters

    @Test func semicolonDelimiter() throws {
        let outcome = try readAll("Name;Amount\n\"Kari; Ola\";1,5\n", delimiter: UInt8(ascii: ";"))
        #expect(outcome.header == ["Name", "Amount"])
        #expect(values(outcome) == [["Kari; Ola", "1,5"]])
    }

    @Test func tabDelimiter() throws {
        let outcome = try readAll("Name\tCity\nKari, Ola\t\"Oslo\tsentrum\"\n\t\n", delimiter: 0x09)
        #expect(values(outcome) == [["Kari, Ola", "Oslo\tsentrum"], ["", ""]])
    }

    @Test func parseDelimiter() {
        #expect(CSVReader.parseDelimiter("tab") == 0x09)
        #expect(CSVReader.parseDelimiter("TAB") == 0x09)
        #expect(CSVReader.parseDelimiter("\t") == 0x09)
        #expect(CSVReader.parseDelimiter(",") == UInt8(ascii: ","))
        #expect(CSVReader.parseDelimiter(";") == UInt8(ascii: ";"))
        #expect(CSVReader.parseDelimiter("|") == UInt8(ascii: "|"))
        #expect(CSVReader.parseDelimiter(" ") == UInt8(ascii: " "))
        #expect(CSVReader.parseDelimiter("\"") == nil)
        #expect(CSVReader.parseDelimiter("\n") == nil)
        #expect(CSVReader.parseDelimiter("\r") == nil)
        #expect(CSVReader.parseDelimiter("\r\n") == nil)
        #expect(CSVReader.parseDelimiter("") == nil)
        #expect(CSVReader.parseDelimiter(";;") == nil)
        #expect(CSVReader.parseDelimiter("§") == nil)
        #expect(CSVReader.parseDelimiter("tabs") == nil)
    }

    // MARK: Value counts

    @Test func wrongValueCountsNameTheirLines() throws {
        let reader = try CSVReader(
            bytes: Array("a,b,c,d,e\n1,2,3,4,5\n1,2,3,4\n\"x\ny\",2,3,4,5,6\n1,2,3,4,5\n".utf8), name: "people.csv")
        #expect(try reader.next()?.line == 2)
        #expect(throws: CSVError(file: "people.csv", line: 3, message: "expected 5 values, found 4")) {
            try reader.next()
        }
        // Reading goes on after a count error, so every bad line can be listed.
        #expect(throws: CSVError(file: "people.csv", line: 4, message: "expected 5 values, found 6")) {
            try reader.next()
        }
        let last = try reader.next()
        #expect(last?.line == 6)
        #expect(last?.values == ["1", "2", "3", "4", "5"])
        #expect(try reader.next() == nil)
    }

    @Test func valueCountLinesAcrossMultiLineRecords() throws {
        let outcome = try readAll("a,b\n\"1\n2\n3\",x\n\r\n\"4\r\n5\",y\nlonely\n")
        #expect(lines(outcome) == [2, 6])
        #expect(outcome.error == CSVError(file: "data.csv", line: 8, message: "expected 2 values, found 1"))
        #expect(outcome.error?.description == "data.csv:8: expected 2 values, found 1")
    }

    @Test func singleColumnCountsInTheSingular() throws {
        let outcome = try readAll("Name\nKari\nOla,Nordmann\n")
        #expect(outcome.error?.message == "expected 1 value, found 2")
    }

    @Test func trailingDelimiterIsAnEmptyValue() throws {
        let outcome = try readAll("a,b,c\n1,2,\n1,2")
        #expect(values(outcome) == [["1", "2", ""]])
        #expect(outcome.error?.message == "expected 3 values, found 2")
        #expect(outcome.error?.line == 3)
    }

    // MARK: UTF-8

    @Test func multiByteCharactersAcrossChunks() throws {
        let outcome = try readAll("Navn,By\nØrjan Åsmund,Tromsø\n\"Zoë, 😀\",\"日本\n語\"\n")
        #expect(values(outcome) == [["Ørjan Åsmund", "Tromsø"], ["Zoë, 😀", "日本\n語"]])
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let bytes = Array("a,b\n1,2\n\n3,".utf8) + [0xC3, 0x28] + Array("\n5,6\n".utf8)
        let outcome = try readAll(bytes)
        #expect(values(outcome) == [["1", "2"]])
        #expect(outcome.error == CSVError(file: "data.csv", line: 4, message: "invalid UTF-8"))
    }

    @Test func readingGoesOnAfterInvalidUTF8() throws {
        let bytes = Array("a,b\n\"x".utf8) + [0xFF] + Array("\",2\n3,4\n".utf8)
        let reader = try CSVReader(bytes: bytes, name: "d.csv")
        #expect(throws: CSVError(file: "d.csv", line: 2, message: "invalid UTF-8")) { try reader.next() }
        #expect(try reader.next()?.values == ["3", "4"])
    }

    @Test func latin1FileIsInvalidUTF8() {
        // "Bjørn" in ISO 8859-1 in the header.
        let error = headerError(Array("Name,".utf8) + [0x42, 0x6A, 0xF8, 0x72, 0x6E] + Array("\n".utf8))
        #expect(error == CSVError(file: "data.csv", line: 1, message: "invalid UTF-8"))
    }

    // MARK: Header

    @Test func looselyMatchingHeaderNamesAreAnError() {
        let error = headerError("\n\nNo,First Name,first_name\n1,2,3\n")
        #expect(error == CSVError(
            file: "data.csv", line: 3, message: "columns 'First Name' and 'first_name' match the same field"))
        #expect(headerError("FirstName,x,FIRST NAME\n")?.message
            == "columns 'FirstName' and 'FIRST NAME' match the same field")
        #expect(headerError("a,A\n") != nil)
    }

    @Test func emptyHeaderNameIsAnError() {
        #expect(headerError("a,,c\n")
            == CSVError(file: "data.csv", line: 1, message: "column 2 of the header has no name"))
        #expect(headerError("a,b,\n")?.message == "column 3 of the header has no name")
        #expect(headerError("a, _ \n")?.message == "column 2 of the header has no name")
    }

    @Test func emptyInputHasNoHeaderRow() {
        for text in ["", "\n", "\r\n\r\n", "\n\n\n"] {
            let error = headerError(text)
            #expect(error == CSVError(file: "data.csv", line: 0, message: "no header row"))
            #expect(error?.description == "data.csv: no header row")
        }
    }

    // MARK: Chunk boundaries

    @Test func everyChunkSizeGivesTheSameRecords() throws {
        let text = "\u{FEFF}No;\"Name\";Note\r\n"
            + "1;\"Nordmann; Kari\";\"she said \"\"hei\"\"\r\nand left\"\r\n"
            + "\r\n"
            + "2;Ola;\"\"\"\"\"\"\n"
            + "3;\"\";plain \"quoted\" text\r"
            + "4;Åse;\"x\ry\"\n"
        let outcome = try readAll(text, delimiter: UInt8(ascii: ";"))
        #expect(outcome.header == ["No", "Name", "Note"])
        #expect(values(outcome) == [
            ["1", "Nordmann; Kari", "she said \"hei\"\r\nand left"],
            ["2", "Ola", "\"\""],
            ["3", "", "plain \"quoted\" text"],
            ["4", "Åse", "x\ry"],
        ])
        #expect(lines(outcome) == [2, 5, 6, 7])
    }

    @Test func longValuesSpanManyChunks() throws {
        let long = String(repeating: "abcdefghij,\"\r\n", count: 5_000)
        let quoted = "\"" + String(repeating: "abcdefghij,\"\"\r\n", count: 5_000) + "\""
        let bytes = Array("a,b\n\(quoted),x\n2,y\n".utf8)
        for size in [1, 3, 64, 1000, CSVReader.defaultChunkSize] {
            let outcome = try read(bytes, chunkSize: size)
            #expect(values(outcome) == [[long, "x"], ["2", "y"]], "chunk size \(size)")
            #expect(lines(outcome) == [2, 5_003], "chunk size \(size)")
        }
    }

    @Test func errorsAreTheSameForEveryChunkSize() throws {
        // readAll checks that every chunk size agrees, errors included.
        #expect(try readAll("a,b\r\n1,\"x\r\n\"\"y\r\n").error?.line == 2)
        #expect(try readAll("a,b\r\n1,\"x\"\r\n2,\"y\"\"\"!\r\n").error?.line == 3)
        #expect(try readAll("a,b\r\n\r\n1\r\n").error?.line == 3)
    }

    // MARK: Files

    @Test func readsAFile() throws {
        let file = try TemporaryFile(Array("\u{FEFF}Name,City\r\nKari,Oslo\r\n".utf8))
        defer { file.remove() }
        let reader = try CSVReader(path: file.path)
        #expect(reader.name == file.path)
        #expect(reader.header == ["Name", "City"])
        #expect(try reader.next() == CSVRecord(line: 2, values: ["Kari", "Oslo"]))
        #expect(try reader.next() == nil)
    }

    @Test func readsAFileInTinyChunks() throws {
        let text = "a;b\n\"x\ny\";2\n\n3;\"4\"\n"
        let file = try TemporaryFile(Array(text.utf8))
        defer { file.remove() }
        let reader = try CSVReader(path: file.path, delimiter: UInt8(ascii: ";"), chunkSize: 2)
        #expect(try reader.next() == CSVRecord(line: 2, values: ["x\ny", "2"]))
        #expect(try reader.next() == CSVRecord(line: 5, values: ["3", "4"]))
        #expect(try reader.next() == nil)
    }

    @Test func missingFileCannotBeRead() throws {
        let path = "/tmp/no-such-folder-for-csvreader/none.csv"
        #expect {
            _ = try CSVReader(path: path)
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.file == path && error.line == 0 && error.message.hasPrefix("cannot read file")
                && error.description.hasPrefix("\(path): cannot read file")
        }
    }

    @Test func folderCannotBeRead() throws {
        #expect {
            _ = try CSVReader(path: "/tmp")
        } throws: { error in
            (error as? CSVError)?.message.hasPrefix("cannot read file") == true
        }
    }

    @Test func emptyFileHasNoHeaderRow() throws {
        let file = try TemporaryFile([])
        defer { file.remove() }
        #expect(throws: CSVError(file: file.path, line: 0, message: "no header row")) {
            _ = try CSVReader(path: file.path)
        }
    }

    @Test func hundredThousandRowFile() throws {
        var text = "No,First Name,Last Name,Address,City,Note\n"
        text.reserveCapacity(8_000_000)
        for n in 1...100_000 {
            if n % 1000 == 0 {
                text += "\(n),Kari,\"Nordmann, \"\"jr\"\"\",\"Storgata \(n)\nOppgang B\",Oslo,\n"
            } else {
                text += "\(n),Ola,Nordmann,Storgata \(n),Tromsø,note \(n)\n"
            }
        }
        let file = try TemporaryFile(Array(text.utf8))
        defer { file.remove() }
        let reader = try CSVReader(path: file.path)
        var count = 0
        var last: CSVRecord?
        var multiLine = 0
        while let record = try reader.next() {
            count += 1
            if record.values[3].contains("\n") { multiLine += 1 }
            #expect(record.values.count == 6)
            last = record
        }
        #expect(count == 100_000)
        #expect(multiLine == 100)
        #expect(last?.values == ["100000", "Kari", "Nordmann, \"jr\"", "Storgata 100000\nOppgang B", "Oslo", ""])
        // One header line, 100,000 records, 100 of them two lines long.
        #expect(last?.line == 1 + 100_000 + 99)
    }

    // MARK: Errors

    @Test func errorDescriptions() {
        #expect(CSVError(file: "a.csv", line: 12, message: "invalid UTF-8").description == "a.csv:12: invalid UTF-8")
        #expect(CSVError(file: "a.csv", line: 0, message: "no header row").description == "a.csv: no header row")
    }
}

extension CSVReaderTests {
    @Suite("FieldKey")
    struct FieldKeyTests {
        @Test func looseMatching() {
            #expect(FieldKey("First Name") == FieldKey("first_name"))
            #expect(FieldKey("first_name") == FieldKey("FirstName"))
            #expect(FieldKey("FIRST  NAME") == FieldKey("first__name"))
            #expect(FieldKey(" Email ") == FieldKey("email"))
            #expect(FieldKey("First\u{00A0}Name") == FieldKey("firstname"))
            #expect(FieldKey("First Name") != FieldKey("Last Name"))
            #expect(FieldKey("Name1") != FieldKey("Name2"))
            #expect(FieldKey("First-Name") != FieldKey("FirstName"), "only spaces and underscores are ignored")
        }

        @Test func unicodeLowercasing() {
            #expect(FieldKey("ÆRESTITTEL") == FieldKey("æres_tittel"))
            #expect(FieldKey("Straße") == FieldKey("STRAßE"))
            #expect(FieldKey("Ørjan").normalized == "ørjan")
        }

        @Test func normalizedFormAndDescription() {
            #expect(FieldKey("Post_Code City").normalized == "postcodecity")
            #expect(FieldKey("Post_Code City").description == "postcodecity")
            #expect(FieldKey(" _ ").normalized.isEmpty)
        }

        @Test func worksAsADictionaryKey() {
            let columns: [FieldKey: Int] = [FieldKey("First Name"): 0, FieldKey("City"): 1]
            #expect(columns[FieldKey("firstname")] == 0)
            #expect(columns[FieldKey("CITY")] == 1)
            #expect(columns[FieldKey("Country")] == nil)
        }
    }
}
