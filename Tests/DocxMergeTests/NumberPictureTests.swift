import LettershopTestSupport
import Testing

@testable import DocxMerge

private let nbsp = "\u{00A0}"

private func number(_ picture: String, _ value: String, _ code: String? = nil) -> String? {
    NumberPicture(picture, language: FieldLanguage(code: code)).format(value)
}

extension FormattingTests {
    @Suite("NumberPicture")
    struct NumberPictureTests {
        // MARK: Word's documented examples (ECMA-376 Part 4, Word's "Numeric Picture field switch")

        @Test func wordsOwnExamples() {
            #expect(number("00.00", "9") == "09.00")
            #expect(number("$###", "15") == "$ 15")
            #expect(number("x##", "222492") == "492")
            #expect(number("0.00x", "0.125") == "0.125")
            #expect(number(".x", "0.75") == ".8")
            #expect(number("$###.00", "95.4") == "$ 95.40")
            #expect(number("$###.00", "495.47") == "$495.47")
            #expect(number("$#,###,###", "2456800") == "$2,456,800")
            #expect(number("-##", "-80") == "-80")
            #expect(number("+##", "10") == "+10")
            #expect(number("+##", "-10") == "-10")
            #expect(number("##%", "33") == "33%")
            #expect(number("$#,##0.00;-$#,##0.00", "1245.65") == "$1,245.65")
            #expect(number("$#,##0.00;-$#,##0.00", "-1245.65") == "-$1,245.65")
            #expect(number("$##0.00 'is the sales tax'", "3.89") == "$  3.89 is the sales tax")
        }

        // MARK: The regressions of a German document

        @Test func englishPictureInAGermanDocument() {
            #expect(number("$#,##0.00", "22", "de-DE") == "$  22,00")
            #expect(number("$#,##0.00", "22", "de-DE") != "$22,000.00")
            #expect(number("$#,###,###", "1311.5", "de-DE") == "$   1.312")
            #expect(number("$#,###,###", "1311.5", "de-DE") != "$1311,5,###")
            #expect(number("#,##0.00", "1234567.891", "de") == "1.234.567,89")
        }

        // MARK: Digit places

        @Test func hashPrintsASpaceWhereThereIsNoDigit() {
            #expect(number("$#,##0.00", "22") == "$  22.00", "a group mark with no digit to its left prints nothing")
            #expect(number("#,##0.00", "999") == " 999.00")
            #expect(number("#,##0.00", "0") == "   0.00")
            #expect(number("#,##0.00", "1234") == "1,234.00")
            #expect(number("##0", "7") == "  7")
            #expect(number("#", "0") == " ", "zero has no digit")
            #expect(number("#.00", "0.5") == " .50", "a leading zero is no digit")
            #expect(number("$#,###,###", "1311.5") == "$   1,312")
        }

        @Test func hashInTheFractionKeepsTheDecimalMarkInPlace() {
            #expect(number("0.0#", "1.5") == "1.5 ")
            #expect(number("0.0#", "1.25") == "1.25")
            #expect(number("0.0#", "1") == "1.0 ")
            #expect(number("#.##", "1") == "1.  ")
            #expect(number("0.##", "1.20") == "1.2 ", "a trailing zero of the fraction is no digit")
            #expect(number("0.###", "3.14159") == "3.142")
            #expect(number("0.#0", "1.5") == "1.50", "a place left of a 0 always holds a digit")
            let aligned = ["1", "12.5", "123.25"].compactMap { number("###.0#", $0) }
            #expect(aligned == ["  1.0 ", " 12.5 ", "123.25"])
            #expect(Set(aligned.map { $0.firstIndex(of: ".")?.utf16Offset(in: $0) }) == [3], "the decimal mark never moves")
        }

        @Test func zeroPrintsADigitOrZero() {
            #expect(number("0", "42") == "42")
            #expect(number("00000", "42") == "00042")
            #expect(number("0", "0150") == "150")
            #expect(number("0.00", "3") == "3.00")
            #expect(number("0##", "5") == "005", "an integer place right of a 0 always holds a digit")
            #expect(number("0,000", "5") == "0,005")
            #expect(number("0,000", "1234567") == "1,234,567")
        }

        @Test func moreDigitsThanPlacesAreAllPrinted() {
            #expect(number("0", "123456") == "123456")
            #expect(number("#,##0", "100000") == "100,000")
            #expect(number("#,###", "1234") == "1,234")
            #expect(number("#,##0.00", "1234567.891") == "1,234,567.89")
            #expect(number(".00", "12.5") == "12.50", "with no integer place the integer digits stand before the mark")
            #expect(number(".00", "0.5") == ".50")
        }

        @Test func xDropsTheDigitsToItsLeftAndRoundsInTheFraction() {
            #expect(number("x##", "222492") == "492")
            #expect(number("x##", "1005") == "005")
            #expect(number("x##", "5") == "005")
            #expect(number("$x,###", "1234567") == "$4,567")
            #expect(number("0.00x", "0.125678") == "0.126")
            #expect(number(".x", "12.75") == "12.8")
            #expect(number("Box 0", "5") == "Box 5", "an x away from digit places is text")
        }

        @Test func roundingHalfAwayFromZero() {
            #expect(number("0.00", "2.675") == "2.68")
            #expect(number("0.00", "2.665") == "2.67")
            #expect(number("0.00", "1.005") == "1.01")
            #expect(number("0.00", "1.0049999") == "1.00")
            #expect(number("0.00", "-2.675") == "-2.68")
            #expect(number("0.00", "9.995") == "10.00")
            #expect(number("#,##0.00", "999999.995") == "1,000,000.00")
            #expect(number("0", "2.5") == "3")
            #expect(number("0", "-2.5") == "-3")
            #expect(number("0", "0.4") == "0")
            #expect(number("#,##0", "1234.5") == "1,235")
            #expect(number("0.0", "0.05") == "0.1")
            #expect(number(".x", "0.96") == "1.0", "rounding up carries into the integer")
        }

        // MARK: Signs and sections

        @Test func noNegativeZero() {
            #expect(number("0", "-0.4") == "0")
            #expect(number("0.00", "-0.001") == "0.00")
            #expect(number("0.00", "-0") == "0.00")
            #expect(number("0.00", "-0.000") == "0.00")
            #expect(number("-0", "-0.4") == " 0")
        }

        @Test func minusAndPlus() {
            #expect(number("0.00-", "-5") == "5.00-")
            #expect(number("0.00-", "5") == "5.00 ", "- prints a space for a positive number")
            #expect(number("-0.00", "5") == " 5.00")
            #expect(number("-0.00", "-5") == "-5.00")
            #expect(number("-0.00", "0") == " 0.00")
            #expect(number("$#,##0.00", "-1234.5") == "-$1,234.50", "without a sign in the picture the minus leads")
            #expect(number("$-#,##0.00", "-1234.5") == "$-1,234.50")
            #expect(number("+0", "5") == "+5")
            #expect(number("+0", "-5") == "-5")
            #expect(number("+0", "0") == " 0", "+ prints a space for zero")
            #expect(number("+0", "-0.4") == " 0")
        }

        @Test func sections() {
            let accounting = "#,##0.00;(#,##0.00)"
            #expect(number(accounting, "1234.5") == "1,234.50")
            #expect(number(accounting, "-1234.5") == "(1,234.50)", "the negative section has no minus of its own")
            #expect(number(accounting, "0") == "   0.00", "zero uses the positive section when there are two")
            #expect(number(accounting, "-5") == "(   5.00)")
            let three = "0.00;-0.00;'nil'"
            #expect(number(three, "5") == "5.00")
            #expect(number(three, "-5") == "-5.00")
            #expect(number(three, "0") == "nil")
            #expect(number(three, "-0.00") == "nil")
            #expect(number("0;(0);–", "0") == "–")
            #expect(number("0;(0)", "-0.4") == "(0)")
            #expect(number("0;'minus' 0", "-7") == "minus 7")
            #expect(number("0 'a;b'", "5") == "5 a;b", "a quoted ; does not split")
            #expect(number("0.00;;'zero'", "-5") == "-5.00", "an empty section counts as absent")
            #expect(number("0;", "-5") == "-5")
            #expect(number("0;(0);'z';'more'", "0") == "z", "a fourth section is ignored")
        }

        @Test func textPrintsAsWritten() {
            #expect(number("$#,##0.00", "1234.5") == "$1,234.50")
            #expect(number("'Total:' 0", "7") == "Total: 7")
            #expect(number("0 %", "12") == "12 %")
            #expect(number("0 'items'", "3") == "3 items")
            #expect(number("#,##0 USD", "2500") == "2,500 USD")
            #expect(number("$##0.00 'is the ##.00 goodness'", "3.89") == "$  3.89 is the ##.00 goodness")
            #expect(number("abc", "5") == "abc", "a picture without digit places is all text")
        }

        @Test(arguments: ["#", "##", "#,###", "#.##", "$#,##0.00;($#,##0.00);'-'", "#%#", "# ##0,00", "x#.#x"])
        func neverPrintsAHash(picture: String) {
            for value in ["0", "5", "-5", "0.5", "1234567.891", "-0.001", "12"] {
                for code in ["en", "de", "nb", "fr"] {
                    let result = number(picture, value, code)
                    #expect(result?.contains("#") == false, "\(picture) on \(value) in \(code): \(result ?? "nil")")
                }
            }
        }

        // MARK: Values

        @Test func valuesWithoutAnIntegerPartOrWithAPlusAreNumbers() {
            #expect(number("0.00", ".75") == "0.75")
            #expect(number("0.0", "-.5") == "-0.5")
            #expect(number("0", "+3") == "3")
            #expect(number("+0.0", "+.5") == "+0.5")
            #expect(number("0.00", " 5.5 ") == "5.50", "spaces around the value are ignored")
        }

        @Test(arguments: [
            "", " ", "abc", "1,5", "1e3", "1E3", "2.5e-3", "12.", "--1", "+-1", "-+1", "+", "1.2.3", "12 34", "1 234",
            "-", ".", "-.", "0x10", "١٢", "5kr", "NaN", "inf", "- 5",
        ])
        func notANumber(value: String) {
            #expect(number("#,##0.00", value) == nil)
        }

        @Test func emptyPictureLeavesTheValue() {
            #expect(number("", "5") == nil)
        }

        @Test func largeValues() {
            #expect(number("#,##0", "123456789012345678901234567890")
                == "123,456,789,012,345,678,901,234,567,890")
            #expect(number("0.00", "99999999999999999999.995") == "100000000000000000000.00")
            #expect(number("#,##0.00", "-12345678901234567890.125") == "-12,345,678,901,234,567,890.13")
            #expect(number("0.00000000000000000000", "0.1") == "0.10000000000000000000")
        }

        // MARK: Languages

        @Test func norwegian() {
            #expect(number("# ##0,00", "1234567.891", "nb") == "1\(nbsp)234\(nbsp)567,89")
            #expect(number("#\(nbsp)##0,00", "1234567.891", "nb") == "1\(nbsp)234\(nbsp)567,89")
            #expect(number("#\u{202F}##0,00", "1234.5", "nb") == "1\(nbsp)234,50")
            #expect(number("0,00", "2.675", "nb-NO") == "2,68")
            #expect(number("# ##0,00", "-1234.5", "nb") == "-1\(nbsp)234,50")
            #expect(number("# ##0", "999", "nb") == " 999")
            #expect(number("kr # ##0,00", "1234.5", "nb") == "kr 1\(nbsp)234,50", "the space after kr is text")
            #expect(number("# ##0,00 kr", "1234.5", "nb") == "1\(nbsp)234,50 kr", "the space before kr is text")
            #expect(number("kr # ##0,00", "-1234.5", "nb") == "-kr 1\(nbsp)234,50")
            #expect(number("kr # ##0,00;kr -# ##0,00", "-1234.5", "nb") == "kr -1\(nbsp)234,50")
            #expect(number("# ##0',-'", "1500", "nb") == "1\(nbsp)500,-")
            #expect(number("0,0", "3.14159", "nb") == "3,1")
        }

        @Test func englishPictureInNorwegianIsReadWithEnglishMarks() {
            #expect(number("0.00", "5", "nb") == "5,00", "a . is no Norwegian mark: the picture is English")
            #expect(number("#,##0.00", "1234.5", "nb") == "1\(nbsp)234,50")
            #expect(number("$#,##0.00", "22", "nb") == "$  22,00")
        }

        @Test func german() {
            #expect(number("#.##0,00 €", "1234567.891", "de") == "1.234.567,89 €")
            #expect(number("#.##0,00", "-0.5", "de-DE") == "-   0,50")
            #expect(number("0,0", "3.14159", "de") == "3,1")
            #expect(number("#.##0", "1234.5", "de") == "1.235")
            #expect(number("#.##0,00;(#.##0,00)", "-1042", "de") == "(1.042,00)")
            #expect(number("0.00", "5", "de") == "005", "well-formed in German: . is the group mark")
            #expect(number("#,##0.00 €", "-1234.5", "de-AT") == "-1.234,50 €")
        }

        @Test func french() {
            #expect(number("# ##0,00 €", "1234.5", "fr") == "1\(nbsp)234,50 €")
            #expect(number("#,##0.00 €", "1234.5", "fr-FR") == "1\(nbsp)234,50 €")
            #expect(number("$#,##0.00", "22", "fr") == "$  22,00")
            #expect(number("0,00 %", "12.345", "fr") == "12,35 %")
        }

        @Test func swedish() {
            #expect(number("# ##0,00", "1234.5", "sv") == "1\(nbsp)234,50")
            #expect(number("#,##0.00", "-1234.5", "sv-SE") == "-1\(nbsp)234,50")
            #expect(number("# ##0,00 kr;-# ##0,00 kr", "-99.5", "sv") == "-  99,50 kr")
        }

        @Test func danish() {
            #expect(number("#.##0,00", "1234.5", "da") == "1.234,50")
            #expect(number("#,##0.00", "1234.5", "da-DK") == "1.234,50")
            #expect(number("kr. #.##0,00", "1234.5", "da") == "kr. 1.234,50", "a . before the digits is text")
        }

        @Test func dutch() {
            #expect(number("€ #.##0,00", "1234.5", "nl") == "€ 1.234,50")
            #expect(number("€ #,##0.00", "1234.5", "nl-NL") == "€ 1.234,50")
            #expect(number("€ #.##0,00;€ -#.##0,00", "-5", "nl") == "€ -   5,00")
        }

        @Test func unknownLanguageIsEnglish() {
            #expect(number("#,##0.00", "1234.5", "xx") == "1,234.50")
            #expect(number("#,##0.00", "1234.5", "fi-FI") == "1,234.50")
        }

        @Test func aGermanLetterPrintsEnglishPicturesWithGermanMarks() throws {
            let german = #"<w:rPr><w:lang w:val="de-DE"/></w:rPr>"#
            let body = paragraph(text("[") + complexField(##"MERGEFIELD Amount \# "$#,##0.00""##, properties: german) + text("]"))
                + paragraph(text("[") + complexField(##"MERGEFIELD Total \# $#,###,###"##, properties: german) + text("]"))
            let merge = try Merge(DocxBuilder(body: body).build(), columns: ["Amount", "Total"])
            let xml = try merge.body(["Amount": "22", "Total": "1311.5"])
            #expect(xml.contains(#"<w:t xml:space="preserve">$  22,00</w:t>"#))
            #expect(xml.contains(#"<w:t xml:space="preserve">$   1.312</w:t>"#))
            #expect(!xml.contains("###") && !xml.contains("22,000"))
        }

        @Test func pictureIsReadOnceAndReused() {
            let picture = NumberPicture("#,##0.00", language: .english)
            #expect(picture.picture == "#,##0.00")
            #expect(["1", "22.5", "-333.333", "x"].map(picture.format) == ["   1.00", "  22.50", "- 333.33", nil])
        }
    }
}

extension FormattingTests {
    /// `IF` compares as numbers the values `\#` reads as numbers; an exponent makes a value text (`1e-3` > `0.5` as text).
    @Suite("IF numbers")
    struct ConditionNumberTests {
        @Test func valuesWithoutAnIntegerPartOrWithAPlusCompareAsNumbers() throws {
            let condition = #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>"#
                + complexField("MERGEFIELD Amount").replacingOccurrences(of: "<w:t>«Field»</w:t>", with: "<w:instrText>«x»</w:instrText>")
                + #"<w:r><w:instrText xml:space="preserve"> &gt; 0.5 "more" "less" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>old</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
            let merge = try Merge(DocxBuilder(body: paragraph(text("[") + condition + text("]"))).build(), columns: ["Amount"])
            for (value, expected) in [(".75", "more"), ("+3", "more"), ("-.5", "less"), (".25", "less"), ("1e-3", "more")] {
                let xml = try merge.body(["Amount": value])
                #expect(xml.contains(">\(expected)<"), "\(value) > 0.5 should give \(expected)")
            }
        }
    }
}
