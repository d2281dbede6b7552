/// Internationalised domain names (IDNA) as mail needs them: each label with non-ASCII letters
/// becomes `xn--` and its Punycode (RFC 3492), after lower-casing.
enum Punycode {
    /// The ASCII form of `domain`; nil when a label cannot be encoded.
    static func asciiDomain(_ domain: String) -> String? {
        var labels: [String] = []
        for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
            if label.unicodeScalars.allSatisfy(\.isASCII) {
                labels.append(String(label))
                continue
            }
            guard let encoded = encode(Array(label.lowercased().unicodeScalars.map(\.value))) else { return nil }
            labels.append("xn--" + encoded)
        }
        return labels.joined(separator: ".")
    }

    /// RFC 3492 section 6.3.
    static func encode(_ input: [UInt32]) -> String? {
        let base: UInt32 = 36, tMin: UInt32 = 1, tMax: UInt32 = 26, skew: UInt32 = 38, damp: UInt32 = 700
        var n: UInt32 = 128
        var delta: UInt32 = 0
        var bias: UInt32 = 72
        var output: [UInt8] = input.filter { $0 < 128 }.map { UInt8($0) }
        let basicCount = UInt32(output.count)
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        func digit(_ d: UInt32) -> UInt8 { d < 26 ? UInt8(d + 97) : UInt8(d - 26 + 48) }
        func adapt(_ delta: UInt32, _ count: UInt32, _ first: Bool) -> UInt32 {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k: UInt32 = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }
        while handled < UInt32(input.count) {
            guard let m = input.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= UInt32.max - product else { return nil }
            delta += product
            n = m
            for c in input {
                if c < n {
                    guard delta < UInt32.max else { return nil }
                    delta += 1
                }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
