import DocxMerge
import Testing

/// The characters no value may bring into a letter, found by the quick byte scan and by the scalar
/// check alike.
@Suite struct XMLCharactersTests {
    /// Every Unicode scalar, between two letters: found exactly when XML forbids it.
    @Test func everyScalarIsJudgedAsXMLDoes() {
        var wrong: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var text = "a"
            text.unicodeScalars.append(scalar)
            text += "b"
            let expected = XMLCharacters.isForbidden(scalar) ? scalar : nil
            if XMLCharacters.firstForbidden(in: text) != expected { wrong.append(value) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { XMLCharacters.name($0) })")
    }

    @Test func theFirstOfSeveralIsNamed() {
        #expect(XMLCharacters.firstForbidden(in: "Ødegård\u{FFFF}x\u{1}") == "\u{FFFF}")
        #expect(XMLCharacters.firstForbidden(in: "tab\tline\nreturn\r") == nil)
        #expect(XMLCharacters.firstForbidden(in: "\u{FFFD}\u{EFFF}") == nil)
        #expect(XMLCharacters.firstForbidden(in: "") == nil)
    }
}
