import Testing
@testable import Relationship

/// Letters' digests read back as written, kept in memory or in a temporary file.
@Suite struct LetterDigestsTests {
    @Test(arguments: [LetterDigests.memoryLimit, 10])
    func digestsReadBackAsWritten(memoryLimit: Int) throws {
        let digests = try LetterDigests(count: 300, memoryLimit: memoryLimit)
        for index in stride(from: 299, through: 0, by: -1) where index != 7 {
            try digests.set(index, SHA256.hash(Array("letter \(index)".utf8)))
        }
        let read = try digests.hex(from: 0, count: 150) + digests.hex(from: 150, count: 150)
        #expect(read.count == 300)
        for index in 0..<300 where index != 7 { #expect(read[index] == SHA256.hex(Array("letter \(index)".utf8))) }
        // A letter without a digest (a call or a meeting) reads as zeros either way.
        #expect(read[7] == String(repeating: "0", count: 64))
    }
}
