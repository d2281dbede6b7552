import LettershopTestSupport
import Testing

/// The structural check the tests run on every letter finds each kind of damage it claims to.
@Suite struct LetterStructureTests {
    /// `DocxBuilder`'s package with `change` applied to its entries.
    func problems(_ builder: DocxBuilder = DocxBuilder(body: "<w:p/>"), _ change: (inout [(String, [UInt8])]) -> Void = { _ in }) -> [String] {
        var entries = builder.entries()
        change(&entries)
        return LetterStructure.problems(in: StoredZip.archive(entries), name: "x.docx")
    }

    func replace(_ entries: inout [(String, [UInt8])], _ name: String, _ transform: (String) -> String) {
        let index = entries.firstIndex { $0.0 == name }!
        entries[index].1 = Array(transform(String(decoding: entries[index].1, as: UTF8.self)).utf8)
    }

    @Test func aSoundPackageHasNoProblems() {
        var builder = DocxBuilder(body: #"<w:p><w:bookmarkStart w:id="1" w:name="a"/><w:bookmarkEnd w:id="1"/></w:p>"#)
        builder.headers = [#"<w:p><w:bookmarkStart w:id="2" w:name="b"/><w:bookmarkEnd w:id="2"/></w:p>"#]
        #expect(problems(builder) == [])
    }

    @Test func aPartThatIsNotWellFormed() {
        #expect(problems { replace(&$0, "word/styles.xml") { $0.replacingOccurrences(of: "</w:styles>", with: "") } }
            == ["x.docx: word/styles.xml is not well-formed XML"])
    }

    @Test func aRelationshipWhoseTargetIsMissing() {
        #expect(problems { $0.removeAll { $0.0 == "word/settings.xml" } } == [
            "x.docx: word/_rels/document.xml.rels: relationship 'rId2' points at settings.xml, which is not in the package",
            "x.docx: word/_rels/settings.xml.rels describes a part that is not in the package",
        ])
    }

    @Test func aRelationshipIdUsedTwice() {
        let found = problems { replace(&$0, "word/_rels/document.xml.rels") { $0.replacingOccurrences(of: "rId2", with: "rId1") } }
        #expect(found == ["x.docx: word/_rels/document.xml.rels: relationship id 'rId1' used twice"])
    }

    @Test func aPartWithoutAContentType() {
        var builder = DocxBuilder(body: "<w:p/>")
        builder.extraEntries = [("word/media/image1.gif", [0x47, 0x49, 0x46])]
        #expect(problems(builder) == ["x.docx: word/media/image1.gif has no content type"])
    }

    @Test func idsThatMustBeUnique() {
        let drawing = #"<w:r><w:drawing><wp:inline><wp:docPr id="7" name="Picture"/></wp:inline></w:drawing></w:r>"#
        var builder = DocxBuilder(body: "<w:p>\(drawing)</w:p>")
        builder.headers = ["<w:p>\(drawing)<w:bookmarkStart w:id=\"3\" w:name=\"a\"/></w:p>"]
        builder.footers = [#"<w:p><w:bookmarkStart w:id="3" w:name="b"/></w:p>"#]
        #expect(problems(builder) == [
            "x.docx: wp:docPr id 7 in word/header1.xml is also in word/document.xml",
            "x.docx: bookmark id 3 in word/header1.xml is also in word/footer1.xml",
        ])
    }

    @Test func aPackageTheEngineRefuses() {
        #expect(problems { $0.removeAll { $0.0 == "[Content_Types].xml" } }.first?.contains("[Content_Types].xml") == true)
    }
}
