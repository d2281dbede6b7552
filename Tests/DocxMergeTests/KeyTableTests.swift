import DocxMerge
import Testing

/// What a run remembers of every record, kept out of memory past a limit: keys, their first
/// values, and the file names used.
@Suite("Key table")
struct KeyTableTests {
    /// Keys that differ in their low bits only, in their high bits only, and a spread of others.
    private static let keys: [UInt64] = (1...3_000).map { UInt64($0) } + (1...3_000).map { UInt64($0) << 40 }
        + (1...3_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }

    @Test(arguments: [1, 100, 100_000])
    func everyKeyKeepsItsFirstValue(memoryLimit: Int) throws {
        var table = KeyTable(memoryLimit: memoryLimit)
        for (index, key) in Self.keys.enumerated() {
            #expect(try table.insert(key, value: UInt64(index)) == nil)
        }
        #expect(table.count == Self.keys.count)
        for (index, key) in Self.keys.enumerated() {
            #expect(try table.insert(key, value: 7) == UInt64(index))
        }
        #expect(table.count == Self.keys.count)
    }

    /// `set` replaces and `lookup` finds, in memory and in the file, across the file's growth.
    @Test(arguments: [1, 100_000])
    func setReplacesAndLookupFinds(memoryLimit: Int) throws {
        var table = KeyTable(memoryLimit: memoryLimit)
        for (index, key) in Self.keys.enumerated() { try table.set(key, value: UInt64(index)) }
        for (index, key) in Self.keys.enumerated() where index % 2 == 0 { try table.set(key, value: UInt64(index) + 1_000_000) }
        #expect(table.count == Self.keys.count)
        for (index, key) in Self.keys.enumerated() {
            #expect(try table.lookup(key) == (index % 2 == 0 ? UInt64(index) + 1_000_000 : UInt64(index)))
        }
        #expect(try table.lookup(0xDEAD_BEEF_0000_0001) == nil)
    }

    @Test func keyZeroIsAKeyLikeTheOthers() throws {
        var table = KeyTable(memoryLimit: 1)
        for key: UInt64 in [5, 6, 7] { _ = try table.insert(key, value: key) }
        #expect(try table.insert(0, value: 42) == nil)
        #expect(try table.insert(0, value: 43) == 42)
        #expect(try table.insert(6, value: 0) == 6)
        #expect(table.count == 4)
    }

    @Test func namesStayUniqueWhenTheTableMovesToAFile() throws {
        var namer = FileNamer(keysInMemory: 1_000)
        for number in 1...5_000 {
            #expect(try namer.name(for: "CT\(number)", fallback: "\(number)", extension: "docx") == "CT\(number).docx")
        }
        #expect(try namer.name(for: "ct17", fallback: "x", extension: "docx") == "ct17-2.docx")
        #expect(try namer.name(for: "CT17-2", fallback: "x", extension: "docx") == "CT17-2-2.docx")
        #expect(try namer.name(for: "ct4999", fallback: "x", extension: "eml") == "ct4999.eml")
    }
}
