/// 64-bit keys, each with a 64-bit value: what a run must remember of every record it has seen
/// (the file names used, the addresses met). The first `memoryLimit` keys are kept in a dictionary;
/// from then on all of them live in a hash table in a `ScratchFile` mapped into memory, of which the
/// kernel keeps what it has room for, so the process's own memory stays flat however many records
/// a run sees. The default keeps 65,536 keys (about 2 MB) in the dictionary.
public struct KeyTable {
    fileprivate var memory: [UInt64: UInt64] = [:]
    fileprivate var file: FileHashTable?
    /// Key 0 marks an empty slot in the file, so its value is kept here.
    fileprivate var zeroValue: UInt64?
    fileprivate let memoryLimit: Int

    /// How many keys a table keeps in memory unless told otherwise.
    public static let defaultMemoryLimit = 65_536

    /// The number of keys stored.
    public fileprivate(set) var count = 0

    /// - Parameter memoryLimit: how many keys are kept in memory before the table moves to a file.
    public init(memoryLimit: Int = KeyTable.defaultMemoryLimit) {
        self.memoryLimit = max(1, memoryLimit)
    }

    /// Stores `value` under `key` unless the key is there already.
    /// - Returns: the value stored earlier under `key`, or nil when `key` was new (and is now stored).
    /// - Throws: `MergeError.io` when the temporary file fails.
    public mutating func insert(_ key: UInt64, value: UInt64) throws -> UInt64? {
        if key == 0 {
            if let zeroValue { return zeroValue }
            zeroValue = value
            count += 1
            return nil
        }
        if let file {
            let earlier = try file.insert(key, value: value)
            if earlier == nil { count += 1 }
            return earlier
        }
        if let earlier = memory[key] { return earlier }
        memory[key] = value
        count += 1
        if memory.count > memoryLimit { try moveToFile() }
        return nil
    }

    /// Moves every key from memory to a file.
    private mutating func moveToFile() throws {
        let table = try FileHashTable(expected: memory.count * 4)
        for (key, value) in memory { _ = try table.insert(key, value: value) }
        memory = [:]
        file = table
    }
}

extension KeyTable {
    /// The value stored under `key`, or nil.
    public mutating func lookup(_ key: UInt64) throws -> UInt64? {
        if key == 0 { return zeroValue }
        if let file { return file.find(key) }
        return memory[key]
    }

    /// Stores `value` under `key`, replacing what was there.
    public mutating func set(_ key: UInt64, value: UInt64) throws {
        if key == 0 {
            if zeroValue == nil { count += 1 }
            zeroValue = value
            return
        }
        if let file {
            if try file.insert(key, value: value, replacing: true) == nil { count += 1 }
            return
        }
        if memory.updateValue(value, forKey: key) == nil {
            count += 1
            if memory.count > memoryLimit { try moveToFile() }
        }
    }
}

/// An open-addressing hash table in a `ScratchFile` mapped into memory: buckets of 8 slots of
/// (key, value), key 0 meaning empty, linear probing from bucket to bucket, doubled when half full.
/// The kernel keeps in memory what it has room for and the rest in the file; reading and writing
/// a key is a memory access, not a system call.
private final class FileHashTable {
    private static let slotsPerBucket = 8
    private static let bucketBytes = slotsPerBucket * 16

    private var mapping: ScratchMapping
    /// The table's words: key and value of slot `i` of bucket `b` at `(b * 8 + i) * 2` and the next.
    private var words: UnsafeMutablePointer<UInt64>
    private var bucketCount: Int
    private var count = 0

    init(expected: Int) throws {
        var buckets = 1
        while buckets * Self.slotsPerBucket < expected * 2 { buckets *= 2 }
        bucketCount = buckets
        mapping = try ScratchFile().map(size: buckets * Self.bucketBytes)
        words = mapping.bytes.baseAddress!.bindMemory(to: UInt64.self, capacity: buckets * Self.slotsPerBucket * 2)
    }

    /// The value stored under `key` (not 0), or nil.
    func find(_ key: UInt64) -> UInt64? {
        var bucket = Self.mix(key) & (bucketCount - 1)
        while true {
            for slot in 0..<Self.slotsPerBucket {
                let index = (bucket * Self.slotsPerBucket + slot) * 2
                if words[index] == key { return words[index + 1] }
                if words[index] == 0 { return nil }
            }
            bucket = (bucket + 1) & (bucketCount - 1)
        }
    }

    /// Stores `value` under `key` (not 0) unless present (or, `replacing`, in any case).
    /// - Returns: the value stored earlier, or nil.
    func insert(_ key: UInt64, value: UInt64, replacing: Bool = false) throws -> UInt64? {
        var bucket = Self.mix(key) & (bucketCount - 1)
        while true {
            for slot in 0..<Self.slotsPerBucket {
                let index = (bucket * Self.slotsPerBucket + slot) * 2
                if words[index] == key {
                    let earlier = words[index + 1]
                    if replacing { words[index + 1] = value }
                    return earlier
                }
                if words[index] == 0 {
                    words[index] = key
                    words[index + 1] = value
                    count += 1
                    if count * 2 > bucketCount * Self.slotsPerBucket { try grow() }
                    return nil
                }
            }
            bucket = (bucket + 1) & (bucketCount - 1)
        }
    }

    /// Moves every pair into a new file with twice the buckets.
    private func grow() throws {
        let old = (mapping: mapping, words: words, slots: bucketCount * Self.slotsPerBucket)
        bucketCount *= 2
        count = 0
        mapping = try ScratchFile().map(size: bucketCount * Self.bucketBytes)
        words = mapping.bytes.baseAddress!.bindMemory(to: UInt64.self, capacity: bucketCount * Self.slotsPerBucket * 2)
        for slot in 0..<old.slots where old.words[slot * 2] != 0 {
            _ = try insert(old.words[slot * 2], value: old.words[slot * 2 + 1])
        }
        withExtendedLifetime(old.mapping) {}
    }

    /// SplitMix64's finaliser: spreads keys that differ in few bits over all buckets.
    private static func mix(_ key: UInt64) -> Int {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: z ^ (z >> 31))
    }
}
