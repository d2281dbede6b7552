/// A canonical Huffman code of at most `maxBits` bits (RFC 1951, 3.2.2), with each code
/// bit-reversed for least-significant-bit-first packing.
struct HuffmanCode: Sendable {
    let lengths: [Int]
    /// Bit-reversed codes.
    let codes: [UInt32]

    /// The code for symbols seen `frequencies` times (a symbol seen 0 times gets no code).
    init(frequencies: [Int], maxBits: Int) {
        lengths = Self.lengths(frequencies, maxBits: maxBits)
        codes = Self.canonicalCodes(lengths)
    }

    /// The code with these lengths.
    init(lengths: [Int]) {
        self.lengths = lengths
        codes = Self.canonicalCodes(lengths)
    }

    /// Deflate's fixed literal/length code (RFC 1951, 3.2.6), symbols 0…285.
    static let fixedLiterals: HuffmanCode = {
        let lengths = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
        let code = HuffmanCode(lengths: lengths)
        return HuffmanCode(lengths: Array(code.lengths.prefix(286)), codes: Array(code.codes.prefix(286)))
    }()

    /// Deflate's fixed distance code: five bits each.
    static let fixedDistances = HuffmanCode(lengths: [Int](repeating: 5, count: 30))

    private init(lengths: [Int], codes: [UInt32]) {
        self.lengths = lengths
        self.codes = codes
    }

    /// The bits `counts` of each symbol take in this code.
    func cost(_ counts: [Int]) -> Int {
        zip(counts, lengths).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Code lengths of an optimal prefix code, the counts halved until none is longer than `maxBits`.
    static func lengths(_ frequencies: [Int], maxBits: Int) -> [Int] {
        var counts = frequencies
        while true {
            let used = counts.indices.filter { counts[$0] > 0 }
            var lengths = [Int](repeating: 0, count: counts.count)
            if used.count == 1 { lengths[used[0]] = 1; return lengths }
            if used.isEmpty { return lengths }
            // Nodes: leaves then internal nodes; merge the two lightest repeatedly (two sorted queues).
            var weight = used.map { counts[$0] }
            var parent = [Int](repeating: -1, count: used.count * 2)
            let leaves = used.indices.sorted { (weight[$0], $0) < (weight[$1], $1) }
            var leafIndex = 0
            var merged: [Int] = []
            var mergedIndex = 0
            func lightest() -> Int {
                if leafIndex < leaves.count, mergedIndex >= merged.count || weight[leaves[leafIndex]] <= weight[merged[mergedIndex]] {
                    leafIndex += 1
                    return leaves[leafIndex - 1]
                }
                mergedIndex += 1
                return merged[mergedIndex - 1]
            }
            for _ in 0..<(used.count - 1) {
                let a = lightest(), b = lightest()
                let node = weight.count
                weight.append(weight[a] + weight[b])
                parent[a] = node
                parent[b] = node
                merged.append(node)
            }
            var depth = [Int](repeating: 0, count: weight.count)
            for node in stride(from: weight.count - 2, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
            var longest = 0
            for (leaf, symbol) in used.enumerated() {
                lengths[symbol] = depth[leaf]
                longest = max(longest, depth[leaf])
            }
            if longest <= maxBits { return lengths }
            counts = counts.map { $0 == 0 ? 0 : max(1, $0 / 2) }
        }
    }

    static func canonicalCodes(_ lengths: [Int]) -> [UInt32] {
        let maxLength = lengths.max() ?? 0
        var count = [Int](repeating: 0, count: maxLength + 1)
        for length in lengths where length > 0 { count[length] += 1 }
        var next = [Int](repeating: 0, count: maxLength + 2)
        var code = 0
        for bits in 1...max(1, maxLength) {
            code = (code + (bits >= 2 ? count[bits - 1] : 0)) << 1
            next[bits] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            let value = next[length]
            next[length] += 1
            var reversed: UInt32 = 0
            for bit in 0..<length where value & (1 << bit) != 0 { reversed |= 1 << UInt32(length - 1 - bit) }
            return reversed
        }
    }
}
