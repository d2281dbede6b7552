import Testing
@testable import Relationship

@Suite struct TemplateLibraryTests {
    @Test func bytesOfAnyStoredVersionAddNoVersion() throws {
        let fixture = try Fixture()
        let library = TemplateLibrary(store: fixture.store)
        let first = Fixture.document(["Name"], text: "first"), second = Fixture.document(["Name"], text: "second")
        #expect(try library.add(code: "T", document: first, fileName: "a.docx", language: "en", changes: .init()).addedVersion)
        #expect(try library.add(code: "T", document: second, fileName: "b.docx", language: "en", changes: .init()).addedVersion)
        let again = try library.add(code: "T", document: first, fileName: "a.docx", language: "EN", changes: .init())
        #expect(!again.addedVersion)
        #expect(again.document.version == 1)
        #expect(again.currentVersion == 2)
        // Another language is another document: the same bytes are its first version.
        #expect(try library.add(code: "T", document: first, fileName: "a.docx", language: "nb", changes: .init()).addedVersion)
        #expect(try fixture.store.documents(of: "T").map { "\($0.language) v\($0.version)" } == ["en v1", "en v2", "nb v1"])
    }
}
