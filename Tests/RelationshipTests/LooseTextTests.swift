import Testing
@testable import Relationship

/// The byte-level fast paths give what the general, Unicode-aware code gives.
@Suite struct LooseTextTests {
    static let samples = [
        "", "Oslo", "  Storgata 1  ", "STORGATA\t\t1\r\nOSLO", "a\u{0B}b\u{0C}c", "\u{1F}x\u{1C}", "Øvre Slottsgate 3", "ÅSE  ødegård",
        "Straße\u{00A0}7", "line\u{2028}next", "quote \" back \\ slash", "bell\u{07} nul\u{00} del\u{7F}", "😀 emoji\n", "\r\n",
        "tab\tnew\nline\rcr", "Müller & Töchter <GmbH>", "\u{85}next line",
    ]

    @Test(arguments: samples) func addressPartsCompareLikeBefore(text: String) {
        #expect(SegmentLetters.addressPart(text) == text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test(arguments: samples) func jsonStringsAsBefore(text: String) {
        var out = ""
        FlatJSON.quote(text, into: &out)
        #expect(out == Self.scalarQuote(text))
        #expect(FlatJSON.decode("{" + out + ": " + out + "}")?.first.map { [$0.0, $0.1] } == [text, text])
    }

    @Test func encodedObjectsAsBefore() {
        let values = Dictionary(uniqueKeysWithValues: Self.samples.enumerated().map { ("k\($0.offset)\"", $0.element) })
        let expected = "{" + values.keys.sorted().map { Self.scalarQuote($0) + ": " + Self.scalarQuote(values[$0]!) }.joined(separator: ", ") + "}"
        #expect(FlatJSON.encode(values) == expected)
        #expect(FlatJSON.encode([:]) == "{}")
    }

    /// The scalar-by-scalar quoting the stored `MergedValues` were written with.
    static func scalarQuote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
