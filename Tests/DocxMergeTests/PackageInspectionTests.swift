@testable import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// Every entry of a template is checked when it is compiled, parsed or not: hostile and damaged
/// packages are refused with an error naming the entry.
@Suite struct PackageInspectionTests {
    /// A valid template's entries as stored entries, with `extra` appended.
    func package(_ extra: [RawZip.Entry] = [], dropping dropped: String? = nil) -> [UInt8] {
        let base = DocxBuilder(body: "<w:p/>").entries().filter { $0.0 != dropped }.map { RawZip.Entry.stored($0.0, $0.1) }
        return RawZip.archive(base + extra)
    }

    /// The error compiling `bytes` gives, as its one-line description.
    func refusal(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> MergeError? {
        do {
            _ = try MergeTemplate(bytes: bytes, name: "bad.docx")
            Issue.record("the package was accepted", sourceLocation: sourceLocation)
            return nil
        } catch let error as MergeError {
            return error
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func aValidPackageCompiles() throws {
        _ = try MergeTemplate(bytes: package([.stored("customXml/item1.xml", Array("<root>x</root>".utf8))]), name: "good.docx")
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + text.utf16.flatMap { unit -> [UInt8] in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
    }

    static let hostileParts: [(String, [UInt8])] = [
        ("customXml/item1.xml", Array(#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#.utf8)),
        ("docProps/custom.xml", utf16("<!doctype r><r/>", bigEndian: false)),
        ("word/theme/theme1.xml", utf16("<!DOCTYPE r><r/>", bigEndian: true)),
        ("word/_rels/extra.rels", Array("<Relationships><!DOCTYPE".utf8)),
    ]

    @Test("a DOCTYPE in a part the compiler copies without parsing is refused", arguments: hostileParts)
    func doctypeInAnyXMLPart(_ name: String, _ content: [UInt8]) {
        let error = refusal(package([.stored(name, content)]))
        #expect(error == .doctypeRefused(file: "bad.docx", part: name))
    }

    @Test func aPartIsXMLWhenItsContentTypeSaysSo() {
        let html = Array("<!DOCTYPE html><html></html>".utf8)
        // An HTML chunk (text/html) may carry a DOCTYPE; the same bytes declared XML may not.
        let types = DocxBuilder(body: "<w:p/>").entries().first { $0.0 == "[Content_Types].xml" }!.1
        let declared = String(decoding: types, as: UTF8.self).replacingOccurrences(
            of: "</Types>", with: #"<Override PartName="/word/chunk.bin" ContentType="application/vnd.example+xml"/></Types>"#)
        let base = DocxBuilder(body: "<w:p/>").entries().filter { $0.0 != "[Content_Types].xml" }.map { RawZip.Entry.stored($0.0, $0.1) }
        #expect(throws: Never.self) { _ = try MergeTemplate(bytes: package([.stored("word/afchunk.htm", html)]), name: "ok.docx") }
        let error = refusal(RawZip.archive([.stored("[Content_Types].xml", Array(declared.utf8))] + base + [.stored("word/chunk.bin", html)]))
        #expect(error == .doctypeRefused(file: "bad.docx", part: "word/chunk.bin"))
    }

    @Test func aWrongCRCIsRefused() {
        var entry = RawZip.Entry.stored("word/media/image1.png", [1, 2, 3, 4])
        entry.crc32 ^= 0xFFFF
        let error = refusal(package([entry]))
        #expect(error?.description == "bad.docx: entry 'word/media/image1.png' refused: the CRC-32 does not match (the entry is damaged)")
    }

    @Test("an unsupported compression method is refused", arguments: [12 as UInt16, 14, 93, 95, 77])
    func unsupportedMethod(_ method: UInt16) {
        let entry = RawZip.Entry(name: "docProps/thumbnail.jpeg", data: [9, 9, 9], method: method, crc32: 0, size: 3)
        let error = refusal(package([entry]))
        #expect(error == .entryRefused(file: "bad.docx", part: "docProps/thumbnail.jpeg",
                                       reason: "compression method \(method) is not supported (only stored and deflate)"))
    }

    @Test("two entries that readers take for one are refused", arguments: [
        "word/document.xml", "Word/Document.XML", "word/document.xml.", "word/docu%6Dent.xml",
    ])
    func duplicates(_ name: String) {
        let error = refusal(package([.stored(name, Array("<w:document/>".utf8))]))
        guard case let .entryRefused(_, part, reason) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(part == name)
        #expect(reason.contains("not allowed"))
    }

    @Test("unsafe entry names are refused", arguments: [
        "C:/evil.txt", "c:evil.txt", "../evil.txt", "word/../../evil.txt", "/etc/evil.txt", "word\\evil.txt", "word//evil.txt",
        "./evil.txt", "word/evil\u{1B}[2J.txt", "",
    ])
    func unsafeNames(_ name: String) {
        // libzip itself refuses some (a control character: "inconsistent"); the others name the entry.
        let error = refusal(package([.stored(name, [1])]))
        if case let .entryRefused(_, part, _) = error { #expect(part == name) } else { #expect(error != nil) }
    }

    @Test func aMissingContentTypesPartIsRefused() {
        #expect(refusal(package(dropping: "[Content_Types].xml")) == .missingPart(file: "bad.docx", part: "[Content_Types].xml"))
    }

    @Test func aDeflateBombIsStoppedAtItsDeclaredSize() throws {
        // 300 MiB of zeros in about 2 MB, declared as 1 KiB: refused as soon as it inflates past that.
        let bomb = RawZip.deflatedZeros(300 << 20)
        let entry = RawZip.Entry(name: "word/media/image1.png", data: bomb, method: 8, crc32: 0, size: 1024)
        let error = refusal(package([entry]))
        guard case let .entryRefused(_, part, reason) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(part == "word/media/image1.png")
        #expect(reason.contains("1024"))
    }

    @Test func aDeflateBombDeclaringItsSizeIsStoppedAtTheLimit() throws {
        let bomb = RawZip.deflatedZeros(300 << 20)
        let entry = RawZip.Entry(name: "customXml/item9.bin", data: bomb, method: 8, crc32: 0, size: 255 << 20)
        #expect(refusal(package([entry])) != nil)
    }

    @Test func aShorterEntryThanDeclaredIsRefused() {
        var entry = RawZip.Entry.stored("word/media/image1.png", [1, 2, 3])
        entry.size = 10
        #expect(refusal(package([entry])) != nil)
    }

    @Test func aDeflatedEntryIsChecked() throws {
        let content = Array("<r>ok</r>".utf8)
        var stream: [UInt8] = []
        Deflater(level: 6).compress(content.withUnsafeBytes { $0 }, appendingTo: &stream)
        let good = RawZip.Entry(name: "customXml/item1.xml", data: stream, method: 8, crc32: StoredZip.crc32(content), size: UInt32(content.count))
        _ = try MergeTemplate(bytes: package([good]), name: "ok.docx")
        var bad = good
        bad.crc32 &+= 1
        #expect(refusal(package([bad])) != nil)
    }

    @Test("an XML part must be UTF-8 or UTF-16", arguments: ["UTF-7", "ISO-8859-1", "utf-32"])
    func encodings(_ encoding: String) {
        let content = Array(#"<?xml version="1.0" encoding="\#(encoding)"?><r/>"#.utf8)
        let error = refusal(package([.stored("customXml/item1.xml", content)]))
        guard case let .entryRefused(_, part, reason) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(part == "customXml/item1.xml")
        #expect(reason.contains(encoding))
    }

    /// The declaration is read in the part's own encoding (UTF-8 with or without BOM, UTF-16 in
    /// either byte order, told by BOM or by the first `<`), up to its `?>` only.
    @Test func encodingDeclarations() {
        func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
            let units = (bom ? [0xFEFF] : []) + Array(text.utf16)
            return units.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        let latin = #"<?xml version="1.0" encoding="ISO-8859-1"?><r/>"#
        let good = #"<?xml version="1.0" encoding="utf-16" standalone="yes"?><r a="encoding='x'"/>"#
        #expect(XMLEncoding.problem(Array(latin.utf8))?.contains("'ISO-8859-1'") == true)
        #expect(XMLEncoding.problem([0xEF, 0xBB, 0xBF] + Array(latin.utf8)) != nil)
        #expect(XMLEncoding.problem(Array(#"<?xml version="1.0" encoding = 'UTF-8'?><r/>"#.utf8)) == nil)
        #expect(XMLEncoding.problem(Array(#"<?xml version="1.0"?><r encoding="latin1"/>"#.utf8)) == nil)
        #expect(XMLEncoding.problem(Array(#"<r/><?xml version="1.0" encoding="latin1"?>"#.utf8)) == nil)
        #expect(XMLEncoding.problem(Array(#"<?xml version="1.0" encoding="latin1""#.utf8)) == nil, "no end: not a declaration")
        #expect(XMLEncoding.problem([]) == nil)
        for bigEndian in [false, true] {
            for bom in [false, true] {
                #expect(XMLEncoding.problem(utf16(latin, bigEndian: bigEndian, bom: bom)) != nil, "\(bigEndian) \(bom)")
                #expect(XMLEncoding.problem(utf16(good, bigEndian: bigEndian, bom: bom)) == nil, "\(bigEndian) \(bom)")
            }
        }
        #expect(XMLEncoding.problem([0xFF, 0xFE, 0, 0] + Array("<r/>".utf8)) != nil, "UTF-32")
    }

    /// The compiler reads the XML parts as the check inflated them, not again from the file: a
    /// template overwritten in place after it was opened still gives the bytes that were checked
    /// (a part that is not XML is read again, and the damage shows).
    @Test func checkedXMLPartsAreTheOnesRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = package([.stored("word/media/image1.png", Array(repeating: 7, count: 300_000))])
        try folder.write("t.docx", bytes: bytes)
        let archive = try TemplateArchive(path: folder.file("t.docx"))
        let document = try #require(archive.entry(named: "word/document.xml"))
        let image = try #require(archive.entry(named: "word/media/image1.png"))
        let checked = try #require(DocxBuilder(body: "<w:p/>").entries().first { $0.0 == "word/document.xml" }?.1)
        let handle = try #require(FileHandle(forWritingAtPath: folder.file("t.docx")))
        try handle.write(contentsOf: Data(repeating: 0, count: bytes.count))
        try handle.close()
        #expect(try archive.contents(of: document) == checked)
        #expect(String(decoding: checked, as: UTF8.self).contains("<w:body>"))
        #expect(throws: MergeError.self) { try archive.contents(of: image) }
    }

    @Test func entryNameKeys() {
        #expect(EntryName.key("Word/Document.XML") == EntryName.key("word/document.xml"))
        #expect(EntryName.key("word/media/") == EntryName.key("word/media"))
        #expect(EntryName.key("word/a.xml") != EntryName.key("word/b.xml"))
        #expect(EntryName.problem("word/media/") == nil)
        #expect(EntryName.problem("word/document.xml") == nil)
    }
}
