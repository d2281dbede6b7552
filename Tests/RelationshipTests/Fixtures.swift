import DocxMerge
import LettershopTestSupport
@testable import Relationship

/// A fresh store in a temporary folder, with a small company-and-persons data set.
final class Fixture {
    let folder: TemporaryFolder
    let store: SQLiteStore

    init() throws {
        folder = try TemporaryFolder()
        store = try SQLiteStore(path: folder.file("test.sqlite"))
    }

    deinit { folder.remove() }

    static let contactsCSV = """
        No,Type,Name,CompanyNo,CompanyName,FirstName,City,PostCode,Email,LanguageCode,SalespersonCode,CorrespondenceType,ExcludeFromSegment,PrivacyBlocked,Industry,Founded
        C1,company,Fjord AS,,,,Oslo,0150,post@fjord.no,nb,IS,hard-copy,,,Architecture,2001-05-01
        P11,person,Åse Ødegård,C1,,Åse,Oslo,0150,ase@fjord.no,nb,,email,,,Architecture,
        P12,person,Bjørn Haugen,C1,,Bjørn,Oslo,0150,,nb,,,yes,,Architecture,
        C2,company,Straße GmbH,,,,Berlin,10115,info@strasse.de,de,KM,,,,Retail,1999-12-31
        P21,person,Anna Schmidt,C2,,Anna,Berlin,10115,anna@strasse.de,de-AT,,,,,Retail,
        P22,person,Blocked Person,C2,,Blocked,Berlin,10115,b@strasse.de,de,,,,true,Retail,
        C3,company,Øst Consulting,,,,Bergen,5003,,en,,email,,,Consulting,2010-01-15
        P31,person,Ola Nordmann,C3,,Ola,Bergen,5003,ola@ost.no,en,,,,,Consulting,
        """

    /// Imports `contactsCSV` (or other CSV text).
    @discardableResult
    func importContacts(_ text: String = Fixture.contactsCSV, name: String = "contacts.csv") throws -> ContactImport.Result {
        try ContactImport(store: store).run(try CSVReader(bytes: Array(text.utf8), name: name))
    }

    /// A template document whose body uses `fields`.
    static func document(_ fields: [String], text: String = "") -> [UInt8] {
        let runs = fields.map { "<w:fldSimple w:instr=\" MERGEFIELD \($0) \"><w:r><w:t>«\($0)»</w:t></w:r></w:fldSimple>" }
        return DocxBuilder(body: "<w:p><w:r><w:t>\(text)</w:t></w:r>\(runs.joined())</w:p>").build()
    }

    /// Adds template `code` with documents for `languages` (`""`: language-independent).
    func addTemplate(_ code: String, languages: [String], fields: [String] = ["ContactNo", "Name"]) throws {
        for language in languages {
            _ = try TemplateLibrary(store: store).add(code: code, document: Self.document(fields, text: language), fileName: "t.docx",
                                                      language: language, changes: .init())
        }
    }

    func createSegment(_ configure: (inout SegmentEditor.HeaderChanges) -> Void = { _ in }) throws -> String {
        var changes = SegmentEditor.HeaderChanges()
        changes.description = "Test"
        configure(&changes)
        return try SegmentEditor(store: store).create(no: nil, changes: changes).no
    }

    @discardableResult
    func step(_ segment: String, _ action: StepAction, _ expression: String = "", options: [StepOption] = [],
              contacts: [String] = []) throws -> StepReport {
        try SegmentSteps(store: store).run(StepDefinition(action: action, expression: expression, options: options, contacts: contacts), on: segment)
    }

    func contactsOn(_ segment: String) throws -> [String] {
        try store.lines(of: segment).map(\.contactNo)
    }

    func lines(_ segment: String) throws -> [SegmentLine] { try store.lines(of: segment) }

    /// The contacts `filter` selects, in `No` order.
    func select(_ filter: String) throws -> [String] {
        try ContactBook(store: store).list(where: filter).contacts.map(\.no)
    }
}
