/// 64-bit keys, each with a 64-bit value: what a run must remember of every record it has seen
/// (the file names used, the addresses met). The first `memoryLimit` keys are kept in memory; from
/// then on all of them live in a hash table in a `ScratchFile`, so memory stays flat however many
/// records a run sees, at the cost of a positioned read and write per new key. The default keeps
/// 131,072 keys (at most 4 MB) in memory: a run of that many records makes no system call for them
/// (on ext4 the positioned writes were a quarter of `segment check`'s time for 100,000 lines).
public struct KeyTable {
    fileprivate var memory: [UInt64: UInt64] = [:]
    fileprivate var file: FileHashTable?
    /// Key 0 marks an empty slot in the file, so its value is kept here.
    fileprivate var zeroValue: UInt64?
    fileprivate let memoryLimit: Int

    /// How many keys a table keeps in memory unless told otherwise.
    public static let defaultMemoryLimit = 131_072

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

    /// Moves every key from memory to a file, written in one go.
    private mutating func moveToFile() throws {
        let table = try FileHashTable(pairs: memory, expected: memory.count)
        memory = [:]
        file = table
    }
}

extension KeyTable {
    /// The value stored under `key`, or nil.
    public mutating func lookup(_ key: UInt64) throws -> UInt64? {
        if key == 0 { return zeroValue }
        if let file { return try file.find(key) }
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

/// An open-addressing hash table in a `ScratchFile`: buckets of 8 slots of (key, value), key 0
/// meaning empty, linear probing from bucket to bucket, doubled when half full.
private final class FileHashTable {
    private static let slotsPerBucket = 8
    private static let bucketBytes = slotsPerBucket * 16

    private var scratch: ScratchFile
    private var bucketCount: Int
    private var count = 0
    /// One bucket read from the file.
    private var slots = [UInt64](repeating: 0, count: FileHashTable.slotsPerBucket * 2)

    /// A table holding `pairs` (keys not 0, each once), laid out in memory and written with one write
    /// rather than a read and a write per pair; room for `expected` keys.
    init(pairs: [UInt64: UInt64], expected: Int) throws {
        bucketCount = 1
        while bucketCount * Self.slotsPerBucket < max(expected, pairs.count) * 2 { bucketCount *= 2 }
        scratch = try ScratchFile()
        var words = [UInt64](repeating: 0, count: bucketCount * Self.slotsPerBucket * 2)
        let slotCount = bucketCount * Self.slotsPerBucket
        for (key, value) in pairs {
            // The first free slot from the key's bucket on, as `insert` would find it.
            var slot = (Self.mix(key) & (bucketCount - 1)) * Self.slotsPerBucket
            while words[slot * 2] != 0 { slot = (slot + 1) & (slotCount - 1) }
            words[slot * 2] = key.littleEndian
            words[slot * 2 + 1] = value.littleEndian
        }
        count = pairs.count
        try words.withUnsafeBytes { try scratch.write($0, at: 0) }
    }

    /// The value stored under `key` (not 0), or nil.
    func find(_ key: UInt64) throws -> UInt64? {
        var bucket = Self.mix(key) & (bucketCount - 1)
        while true {
            try slots.withUnsafeMutableBytes { try scratch.read(into: $0, at: bucket * Self.bucketBytes) }
            for slot in 0..<Self.slotsPerBucket {
                let stored = UInt64(littleEndian: slots[slot * 2])
                if stored == key { return UInt64(littleEndian: slots[slot * 2 + 1]) }
                if stored == 0 { return nil }
            }
            bucket = (bucket + 1) & (bucketCount - 1)
        }
    }

    /// Stores `value` under `key` (not 0) unless present (or, `replacing`, in any case).
    /// - Returns: the value stored earlier, or nil.
    func insert(_ key: UInt64, value: UInt64, replacing: Bool = false) throws -> UInt64? {
        var bucket = Self.mix(key) & (bucketCount - 1)
        while true {
            try slots.withUnsafeMutableBytes { try scratch.read(into: $0, at: bucket * Self.bucketBytes) }
            for slot in 0..<Self.slotsPerBucket {
                let stored = UInt64(littleEndian: slots[slot * 2])
                if stored == key {
                    if replacing {
                        let pair = [key.littleEndian, value.littleEndian]
                        try pair.withUnsafeBytes { try scratch.write($0, at: bucket * Self.bucketBytes + slot * 16) }
                    }
                    return UInt64(littleEndian: slots[slot * 2 + 1])
                }
                if stored == 0 {
                    let pair = [key.littleEndian, value.littleEndian]
                    try pair.withUnsafeBytes { try scratch.write($0, at: bucket * Self.bucketBytes + slot * 16) }
                    count += 1
                    if count * 2 > bucketCount * Self.slotsPerBucket { try grow() }
                    return nil
                }
            }
            bucket = (bucket + 1) & (bucketCount - 1)
        }
    }

    /// Moves every pair into a new file with twice the buckets, reading the old one in chunks.
    private func grow() throws {
        let old = scratch
        let oldBuckets = bucketCount
        scratch = try ScratchFile()
        bucketCount *= 2
        count = 0
        try scratch.resize(to: bucketCount * Self.bucketBytes)
        let chunkBuckets = 512
        var chunk = [UInt64](repeating: 0, count: chunkBuckets * Self.slotsPerBucket * 2)
        var first = 0
        while first < oldBuckets {
            let buckets = min(chunkBuckets, oldBuckets - first)
            try chunk.withUnsafeMutableBytes {
                try old.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<(buckets * Self.bucketBytes)]),
                             at: first * Self.bucketBytes)
            }
            for slot in 0..<(buckets * Self.slotsPerBucket) {
                let key = UInt64(littleEndian: chunk[slot * 2])
                if key != 0 { _ = try insert(key, value: UInt64(littleEndian: chunk[slot * 2 + 1])) }
            }
            first += buckets
        }
    }

    /// SplitMix64's finaliser: spreads keys that differ in few bits over all buckets.
    private static func mix(_ key: UInt64) -> Int {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: z ^ (z >> 31))
    }
}
