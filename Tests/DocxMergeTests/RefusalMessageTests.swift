@testable import DocxMerge
import LettershopTestSupport
import Testing

/// A refused field says what to write instead.
@Suite("Refusals that say what to change")
struct RefusalMessageTests {
    func message(_ instruction: String) -> String {
        do {
            _ = try MergeTemplate(bytes: DocxBuilder(body: paragraph(simpleField(instruction))).build(), name: "t.docx")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("an unquoted picture with spaces: quote the picture")
    func unquotedPicture() {
        let text = message(#"MERGEFIELD Date \@ d MMMM yyyy"#)
        #expect(text.contains(#"quote the picture: \@ "d MMMM yyyy""#) && text.contains("word/document.xml") && text.contains("MERGEFIELD Date"))
        #expect(message(##"MERGEFIELD Amount \# # ##0,00 kr"##).contains(##"quote the picture: \# "# ##0,00 kr""##))
    }

    @Test("a switch without its backslash: did you mean")
    func missingBackslash() {
        #expect(message("MERGEFIELD Name MERGEFORMAT").contains(#"did you mean \* MERGEFORMAT?"#))
        #expect(message(#"MERGEFIELD Name \* FirstCap Upper"#).contains(#"did you mean \* Upper?"#))
    }

    @Test("two words as a name: how to quote it")
    func unquotedName() {
        #expect(message("MERGEFIELD First Name").contains(#"MERGEFIELD "First Name""#))
    }
}
