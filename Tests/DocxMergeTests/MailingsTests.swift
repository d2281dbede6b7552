@testable import DocxMerge
import Foundation
import LettershopTestSupport
import Testing

/// `ADDRESSBLOCK` and `GREETINGLINE` as Word's Mailings tab writes them.
@Suite("Address Block and Greeting Line")
struct MailingsTests {
    /// The `w:odso` Word writes: the Nth `w:fieldMapData` maps Word's Nth address field.
    static func odso(_ mapped: [Int: String]) -> String {
        let entries = (0..<30).map { index -> String in
            guard let column = mapped[index] else { return "<w:fieldMapData><w:column w:val=\"0\"/><w:lid w:val=\"nb-NO\"/></w:fieldMapData>" }
            return "<w:fieldMapData><w:type w:val=\"dbColumn\"/><w:name w:val=\"\(column)\"/><w:mappedName w:val=\"Etternavn\"/><w:column w:val=\"\(index)\"/><w:lid w:val=\"nb-NO\"/></w:fieldMapData>"
        }
        return "<w:odso>" + entries.joined() + "</w:odso>"
    }

    /// An address block laid out as Word writes it: the format over several instruction runs with `<w:cr/>`.
    static let wordAddressBlock = #"<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ADDRESSBLOCK \f "&lt;&lt;_TITLE0_ &gt;&gt;&lt;&lt;_FIRST0_&gt;&gt;&lt;&lt; _LAST0_&gt;&gt;</w:instrText></w:r><w:r><w:cr/><w:instrText>&lt;&lt;_COMPANY_</w:instrText></w:r><w:r><w:cr/><w:instrText>&gt;&gt;&lt;&lt;_STREET1_</w:instrText></w:r><w:r><w:cr/><w:instrText>&gt;&gt;&lt;&lt;_STREET2_</w:instrText></w:r><w:r><w:cr/><w:instrText>&gt;&gt;&lt;&lt;_POSTAL_ &gt;&gt;&lt;&lt;_CITY_</w:instrText></w:r><w:r><w:cr/><w:instrText xml:space="preserve">&gt;&gt;&lt;&lt;_COUNTRY_&gt;&gt;" \l 1044 \c 2 \e "Norge" \d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:b/><w:noProof/></w:rPr><w:t>«AddressBlock»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#

    /// A `w:fldSimple` whose instruction may hold `<<…>>` formats and `&#xA;` line breaks.
    func simpleField(_ instruction: String) -> String {
        let escaped = instruction.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        return #"<w:fldSimple w:instr=" \#(escaped) "><w:r><w:t>«Block»</w:t></w:r></w:fldSimple>"#
    }

    func merge(_ body: String, mapping: [Int: String] = [:], columns: [String], missing: MissingFieldPolicy = .error) throws -> Merge {
        var builder = DocxBuilder(body: body)
        if !mapping.isEmpty { builder.mailMergeExtra = Self.odso(mapping) }
        return try Merge(builder.build(), columns: columns, missing: missing)
    }

    /// The text of each paragraph of a body.
    func paragraphs(_ body: String) -> [String] {
        body.components(separatedBy: "</w:p>").dropLast().map { paragraph in
            paragraph.components(separatedBy: "<w:t").dropFirst().map { piece in
                let text = piece[piece.index(after: piece.firstIndex(of: ">")!)...]
                return String(text.prefix { $0 != "<" })
            }.joined()
        }
    }

    @Test("the template's own mapping in settings.xml decides the columns; each line is a paragraph; empty lines go")
    func mappedAddressBlock() throws {
        let merge = try merge(Self.wordAddressBlock, mapping: [1: "Tittel", 2: "Fornavn", 4: "Etternavn", 8: "Firma", 9: "Gate", 13: "Postnr", 11: "Sted", 14: "Land"],
                              columns: ["Tittel", "Fornavn", "Etternavn", "Firma", "Gate", "Postnr", "Sted", "Land"])
        let body = try merge.body(["Tittel": "Fru", "Fornavn": "Kari", "Etternavn": "Nordmann", "Firma": "Nordlys AS",
                                   "Gate": "Storgata 1", "Postnr": "0150", "Sted": "Oslo", "Land": "Norge"])
        #expect(paragraphs(body) == ["Fru Kari Nordmann", "Nordlys AS", "Storgata 1", "0150 Oslo"])
        #expect(body.contains("<w:b/>"), "each line keeps the field's formatting")
        #expect(!body.contains("«") && !body.contains("ADDRESSBLOCK"))
        let abroad = try merge.body(["Fornavn": "Ann", "Etternavn": "Lee", "Gate": "1 Main St", "Postnr": "10001", "Sted": "New York", "Land": "USA"])
        #expect(paragraphs(abroad) == ["Ann Lee", "1 Main St", "10001 New York", "USA"], "another country than \\e is printed")
    }

    @Test("without a mapping, Word's names and then the aliases (Lettershop's contact fields) are read")
    func aliases() throws {
        let block = paragraph(simpleField("ADDRESSBLOCK"))
        let merge = try merge(block, columns: ["Salutation", "FirstName", "Surname", "CompanyName", "Address", "Address2", "PostCode", "City", "County", "CountryCode", "Name"])
        let body = try merge.body(["Salutation": "Mr", "FirstName": "Ola", "Surname": "Hansen", "CompanyName": "Fjord AS", "Address": "Kaia 3",
                                   "PostCode": "5003", "City": "Bergen", "CountryCode": "NO", "Name": "Ola Hansen"])
        #expect(paragraphs(body) == ["Mr Ola Hansen", "Fjord AS", "Kaia 3", "Bergen 5003", "NO"])
        let company = try merge.body(["Name": "Fjord AS", "Address": "Kaia 3", "City": "Bergen", "County": "Vestland"])
        #expect(paragraphs(company) == ["Fjord AS", "Kaia 3", "Bergen, Vestland"], "a company with no person name: _COMPANY_ is its Name")
        let names = merge.template.fields.first!.tokens.map(\.field)
        #expect(names == ["Courtesy Title", "First Name", "Last Name", "Suffix", "Company", "Address 1", "Address 2", "City", "State", "Postal Code", "Country or Region"])
        #expect(merge.template.fields.first!.kind == .addressBlock)
    }

    @Test("\\c 0 never prints the country, \\c 1 always does")
    func countryRules() throws {
        for (rule, expected) in [(0, ["Oslo"]), (1, ["Oslo", "Norge"])] {
            let field = simpleField(#"ADDRESSBLOCK \f "<<_CITY_>>&#xA;<<_COUNTRY_>>" \c \#(rule) \e "Norge""#).replacingOccurrences(of: "&amp;#xA;", with: "&#xA;")
            let merge = try merge(paragraph(field), columns: ["City", "Country"])
            #expect(paragraphs(try merge.body(["City": "Oslo", "Country": "Norge"])) == expected)
        }
    }

    @Test("an address block none of whose fields the data has is refused, naming what it looked for, whatever --missing says")
    func unreadableBlock() throws {
        for missing in MissingFieldPolicy.allCases {
            #expect {
                _ = try merge(paragraph(simpleField("ADDRESSBLOCK")), columns: ["Foo", "Bar"], missing: missing)
            } throws: { error in
                let text = "\(error)"
                return text.contains("ADDRESSBLOCK") && text.contains("'Last Name'") && text.contains("'Surname'") && text.contains("test.docx")
            }
        }
    }

    @Test("greeting line: the name with its _BEFORE_/_AFTER_ text; \\e when no name printed; a title alone is not a name")
    func greetingLine() throws {
        let instruction = #"GREETINGLINE \f "<<_BEFORE_ Dear >><<_TITLE0_>><< _LAST0_>>&#xA;<<_AFTER_ ,>>" \l 1033 \e "Dear customer,""#
        let field = simpleField(instruction).replacingOccurrences(of: "&amp;#xA;", with: "&#xA;")
        let merge = try merge(paragraph(text("Text before. ")) + paragraph(field), columns: ["Title", "Last Name"])
        #expect(paragraphs(try merge.body(["Title": "Ms", "Last Name": "Smith"]))[1] == "Dear Ms Smith,")
        #expect(paragraphs(try merge.body(["Title": "", "Last Name": "Smith"]))[1] == "Dear Smith,")
        #expect(paragraphs(try merge.body(["Title": "Ms", "Last Name": ""]))[1] == "Dear customer,")
        let noColumns = try self.merge(paragraph(simpleField("GREETINGLINE")), columns: ["Foo"])
        #expect(paragraphs(try noColumns.body(["Foo": "x"])) == ["Dear Sir or Madam,"], "a greeting whose tokens find no column is the \\e text")
    }

    @Test("the interaction log keeps each address field under the column it read, so the letter can be made again")
    func mergedValuesUseColumns() throws {
        let merge = try merge(paragraph(simpleField("ADDRESSBLOCK")), columns: ["Surname", "City", "Other"])
        let values = merge.renderer.mergedValues(["Hansen", "Oslo", "x"])
        #expect(values["Surname"] == "Hansen" && values["City"] == "Oslo" && values["Other"] == nil)
        let again = try LetterRenderer(plan: LetterPlan(template: merge.template, columns: Array(values.keys)))
        let columns = Array(values.keys)
        #expect(try again.render(columns.map { values[$0]! }) == (try merge.renderer.render(["Hansen", "Oslo", "x"])))
    }

    @Test("a broken format is refused with what is wrong")
    func brokenFormat() throws {
        #expect { _ = try merge(paragraph(simpleField(#"ADDRESSBLOCK \f "<<_LAST0_""#)), columns: ["Last Name"]) } throws: { "\($0)".contains("no closing '>>'") }
        #expect { _ = try merge(paragraph(simpleField(#"ADDRESSBLOCK \x 1"#)), columns: ["Last Name"]) } throws: { "\($0)".contains("unknown switch") }
    }
}
