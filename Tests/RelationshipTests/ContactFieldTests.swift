import Testing
@testable import Relationship

@Suite struct ContactFieldTests {
    /// `index` is written out case by case (no hashing): it must stay each field's place in `allCases`.
    @Test func eachFieldsIndexIsItsPlaceInAllCases() {
        #expect(ContactField.allCases.map(\.index) == Array(0..<ContactField.allCases.count))
        #expect(ContactField.count == ContactField.allCases.count)
    }
}
