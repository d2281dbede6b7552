@testable import DocxMerge
import Testing

@Suite("Deflate's length and distance codes")
struct DeflateCodesTests {
    /// Each length and distance maps to the highest code whose base is not above it (RFC 1951,
    /// 3.2.5), and its extra bits hold the rest.
    @Test func everyLengthAndDistanceHasItsCode() {
        func highest(_ base: [Int], below value: Int) -> Int { base.lastIndex { $0 <= value }! }
        #expect(DeflateCodes.lengthCode.count == DeflateCodes.maxMatch + 1)
        for length in DeflateCodes.minMatch...DeflateCodes.maxMatch {
            let code = Int(DeflateCodes.lengthCode[length])
            #expect(code == highest(DeflateCodes.lengthBase, below: length), "length \(length)")
            #expect(length - DeflateCodes.lengthBase[code] < 1 << DeflateCodes.lengthExtra[code])
        }
        #expect(DeflateCodes.lengthCode[258] == 28)
        #expect(DeflateCodes.distanceCode.count == DeflateCodes.maxDistance + 1)
        for distance in 1...DeflateCodes.maxDistance {
            let code = Int(DeflateCodes.distanceCode[distance])
            guard code == highest(DeflateCodes.distanceBase, below: distance) else {
                Issue.record("distance \(distance): code \(code)")
                return
            }
            #expect(distance - DeflateCodes.distanceBase[code] < 1 << DeflateCodes.distanceExtra[code])
        }
    }
}
