/// A decimal number as its ASCII digits, for exact rounding of any length.
struct DecimalDigits {
    var isNegative: Bool
    /// The integer digits as written (perhaps empty, as in `.75`).
    var integer: [UInt8]
    var fraction: [UInt8]

    /// Reads `[-|+]digits[.digits]` or `[-|+].digits` (`12`, `-3.5`, `.75`, `-.5`, `+3`); surrounding spaces
    /// and tabs are allowed. Exponents, group marks and anything else make it not a number.
    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let integer = bytes.prefix(while: isDigit)
        var rest = bytes[integer.endIndex...]
        var fraction: ArraySlice<UInt8> = []
        if rest.first == UInt8(ascii: ".") {
            rest.removeFirst()
            fraction = rest.prefix(while: isDigit)
            guard !fraction.isEmpty else { return nil }
            rest = rest[fraction.endIndex...]
        }
        guard rest.isEmpty, !integer.isEmpty || !fraction.isEmpty else { return nil }
        self.integer = Array(integer)
        self.fraction = Array(fraction)
        self.isNegative = negative && !(integer.allSatisfy { $0 == 0x30 } && fraction.allSatisfy { $0 == 0x30 })
    }

    var isZero: Bool { integer.allSatisfy { $0 == 0x30 } && fraction.allSatisfy { $0 == 0x30 } }

    /// The magnitude rounded half away from zero to `places` decimals: the integer's significant digits (no
    /// leading zeros; empty for a magnitude below one) and exactly `places` fraction digits.
    func rounded(to places: Int) -> (integer: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>) {
        var digits = integer
        digits.reserveCapacity(integer.count + places + 1)
        for index in 0..<places {
            digits.append(index < fraction.count ? fraction[index] : 0x30)
        }
        if places < fraction.count && fraction[places] >= 0x35 {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == 0x39 {
                    digits[index] = 0x30
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 { digits.insert(0x31, at: 0) }
        }
        let split = digits.count - places
        return (digits[..<split].drop(while: { $0 == 0x30 }), digits[split...])
    }
}
