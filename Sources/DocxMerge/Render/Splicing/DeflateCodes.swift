/// The length and distance alphabets of deflate (RFC 1951, 3.2.5), as lookup tables.
enum DeflateCodes {
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
                                      3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order code-length code lengths are sent in.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    static let maxDistance = 32_768
    static let minMatch = 3
    static let maxMatch = 258

    /// For each length 0…258, its length code (0…28; entries below 3 unused).
    static let lengthCode: [UInt8] = codeTable(base: lengthBase, extra: lengthExtra, upTo: maxMatch)

    /// The distance tables in raw memory, for the per-letter loop.
    static let frozenDistanceCode = FrozenTable(distanceCode)
    static let frozenDistanceBase = FrozenTable(distanceBase)
    static let frozenDistanceExtra = FrozenTable(distanceExtra)

    /// For each distance 0…32768, its distance code (entry 0 unused).
    static let distanceCode: [UInt8] = codeTable(base: distanceBase, extra: distanceExtra, upTo: maxDistance)

    /// For each value 0…`last`, the code whose range (`base[code]` and the `extra[code]` bits
    /// after it) holds it, filled range by range; values below `base[0]` get 0. A later code
    /// overwrites an earlier one where their ranges meet (length 258 is code 28, not 27 + 31).
    private static func codeTable(base: [Int], extra: [Int], upTo last: Int) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: last + 1)
        for code in base.indices {
            let end = min(last, base[code] + (1 << extra[code]) - 1)
            var value = base[code]
            while value <= end {
                table[value] = UInt8(code)
                value += 1
            }
        }
        return table
    }
}
