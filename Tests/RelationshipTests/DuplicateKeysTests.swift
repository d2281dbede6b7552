import Testing
@testable import Relationship

/// The byte-by-byte normalisation of duplicate keys gives exactly what the general rules give
/// (`TextFolding`, `lowercased`, `uppercased`, `Character` properties), for every text it takes.
@Suite struct DuplicateKeysTests {
    /// Texts of every kind the fast paths meet or must leave to the rules: ASCII, every Latin letter
    /// U+00C0–U+017F, combining marks, other white space, other scripts, digits of other scripts.
    static let samples: [String] = {
        var texts = ["", "Kari Nordmann", "  KARI.Nordmann@Fjord.Example\t", "+47 22 33 44 55", "no 123 456 789 mva",
                     "0150", " 01 50 ", "Åse Ødegård", "STRAUSS", "Strauß", "İstanbul", "ŉ", "ÿ", "Ÿ", "x\u{0301}y",
                     "Åse\u{00A0}Ø", "e\u{0301}", "Ωμέγα", "١٢٣٤٥٦", "a\r\nb", "Æ×Ø÷å", "ſ", "K", "ǅ", "Ꭰ", "🙂 smile",
                     "MÜLLER & TÖCHTER", "søren.håkon@fjord.example", "ÅSE@FJORD.EXAMPLE", "Ⅻ", "½ ¾", "\u{0085}x\u{0085}"]
        let latin = (0xC0...0x17F).map { String(Character(Unicode.Scalar(UInt32($0))!)) }
        texts += latin
        texts.append(latin.joined())
        texts.append(latin.joined(separator: " ").uppercased())
        return texts
    }()

    func bytes(_ append: (String, inout [UInt8]) -> Void, _ text: String) -> [UInt8] {
        var out: [UInt8] = []
        append(text, &out)
        return out
    }

    @Test func namesFoldAsTheRuleFoldsThem() {
        for text in Self.samples {
            let rule = Array(TextFolding.fold(text).filter { $0.isLetter || $0.isNumber }.utf8)
            var fast: [UInt8] = [0x41]
            if DuplicateKeys.appendName(text, to: &fast) {
                #expect(Array(fast.dropFirst()) == rule, "\(text)")
            } else {
                #expect(fast == [0x41], "a refused text leaves the bytes as they were: \(text)")
            }
        }
    }

    @Test func postCodesEmailsPhonesAndVATNumbersAsTheRules() {
        for text in Self.samples {
            #expect(bytes(DuplicateKeys.appendPostCode, text) == Array(text.filter { !$0.isWhitespace }.uppercased().utf8), "\(text)")
            #expect(bytes(DuplicateKeys.appendEmail, text) == Array(text.trimmingWhitespace().lowercased().utf8), "\(text)")
            #expect(bytes(DuplicateKeys.appendDigits, text) == Array(text.filter { $0.isASCII && $0.isNumber }.utf8), "\(text)")
            #expect(bytes(DuplicateKeys.appendVAT, text)
                    == Array(text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.utf8), "\(text)")
        }
    }

    @Test func aPersonsNameIsItsFirstNameAndSurname() {
        var keys = DuplicateKeys()
        var person = Contact(no: "P1")
        person[.firstName] = "Åse"
        person[.surname] = "Ødegård"
        person[.postCode] = "0150"
        var company = Contact(no: "C1")
        company[.name] = "åse ØDEGÅRD"
        company[.postCode] = " 01 50"
        let personKeys = keys.keys(of: person)
        #expect(personKeys.count == 1)
        #expect(personKeys == keys.keys(of: company))
        company[.postCode] = "0151"
        #expect(personKeys != keys.keys(of: company))
    }
}
