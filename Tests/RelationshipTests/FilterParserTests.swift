import Testing
@testable import Relationship

@Suite struct FilterParserTests {
    private func field(_ name: String, _ column: Int) -> FilterExpression.Field { .init(name: name, column: column) }

    @Test func deepOrLongExpressionsAreRefusedNotACrash() {
        let deep = String(repeating: "not ", count: 30_000) + "City = Oslo"
        #expect { try FilterParser.parse(deep) } throws: { "\($0)".contains("nested deeper than 64") }
        let parenthesised = String(repeating: "(", count: 10_000) + "City = Oslo" + String(repeating: ")", count: 10_000)
        #expect { try FilterParser.parse(parenthesised) } throws: { "\($0)".contains("nested deeper than 64") }
        let long = Array(repeating: "City = Oslo", count: 5_000).joined(separator: " or ")
        #expect { try FilterParser.parse(long) } throws: { "\($0)".contains("longer than 1000") }
        #expect((try? FilterParser.parse(String(repeating: "not ", count: 63) + "City = Oslo")) != nil)
    }

    @Test func orBindsLooserThanAnd() throws {
        let parsed = try FilterParser.parse("a = 1 or b = 2 and c = 3")
        #expect(parsed == .or(.compare(field("a", 1), .equal, "1"),
                              .and(.compare(field("b", 10), .equal, "2"), .compare(field("c", 20), .equal, "3"))))
    }

    @Test func parenthesesAndNot() throws {
        let parsed = try FilterParser.parse("not (a = 1 or b = 2) and not not c is empty")
        #expect(parsed == .and(.not(.or(.compare(field("a", 6), .equal, "1"), .compare(field("b", 15), .equal, "2"))),
                               .not(.not(.isEmpty(field("c", 34), negated: false)))))
    }

    @Test func everyTestForm() throws {
        #expect(try FilterParser.parse("City in (Oslo, \"Bergen\", 5003)") == .isIn(field("City", 1), ["Oslo", "Bergen", "5003"]))
        #expect(try FilterParser.parse("PostCode between 0150 and 1299") == .between(field("PostCode", 1), "0150", "1299"))
        #expect(try FilterParser.parse("Email IS NOT EMPTY") == .isEmpty(field("Email", 1), negated: true))
        #expect(try FilterParser.parse("Name Starts With fj") == .compare(field("Name", 1), .startsWith, "fj"))
        #expect(try FilterParser.parse("Name contains \"AS\"") == .compare(field("Name", 1), .contains, "AS"))
        #expect(try FilterParser.parse("a<=1") == .compare(field("a", 1), .lessOrEqual, "1"))
        #expect(try FilterParser.parse("interaction(Date >= 2026-03-01)")
                == .interaction(.compare(field("Date", 13), .greaterOrEqual, "2026-03-01"), column: 1))
    }

    @Test func quotedValuesAndEscapes() throws {
        #expect(try FilterParser.parse(#"Name = "say \"hi\" \\ and""#) == .compare(field("Name", 1), .equal, #"say "hi" \ and"#))
        #expect(try FilterParser.parse(#"Name = "and""#) == .compare(field("Name", 1), .equal, "and"))
        #expect(try FilterParser.parse("Email = a.b+c@x-y.no") == .compare(field("Email", 1), .equal, "a.b+c@x-y.no"))
    }

    @Test(arguments: [
        ("City = Oslo and PostCode >= ", "expected a value after '>=' at column 29"),
        ("City = Oslo and", "expected a field name after 'and' at column 16"),
        ("City Oslo", "expected an operator after 'City' at column 6"),
        ("(City = Oslo", "unclosed '(' at column 1"),
        ("City = Oslo and (Type = company or (City = x)", "unclosed '(' at column 17"),
        ("Email is not empty and interaction(Date >= 2026-03-01", "unclosed 'interaction(' at column 24"),
        ("(City = Oslo Bergen)", "expected 'and', 'or' or ')' but found 'Bergen' at column 14"),
        ("City = Oslo)", "unmatched ')' at column 12"),
        ("Name = \"open", "unterminated quoted value at column 8"),
        (#"Name = "a\n""#, "unknown escape '\\n' in a quoted value (only \\\" and \\\\) at column 10"),
        ("City = Oslo; DROP TABLE contacts", "unexpected character ';' at column 12"),
        ("Name = and", "expected a value after '=' ('and' is a keyword: quote it to use it as a value) at column 8"),
        ("City ! Oslo", "expected '!=' but found '!' at column 6"),
        ("", "expected an expression at column 1"),
        ("City in (Oslo Bergen)", "expected ',' or ')' in the list after 'in' at column 15"),
        ("Å = 1 or", "expected a field name after 'or' at column 9"),
    ])
    func syntaxErrorsPointAtTheColumn(text: String, message: String) {
        #expect(throws: FilterError.self) { try FilterParser.parse(text) }
        do {
            _ = try FilterParser.parse(text)
        } catch let error as FilterError {
            #expect(error.kind == .syntax)
            #expect(error.description == message)
            #expect(error.description.components(separatedBy: "column").count == 2, "one column, at the end")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownFieldsAreNamedWithTheirColumn() {
        do {
            _ = try ContactFilter("City = Oslo or Colour = red", customFields: [])
            Issue.record("no error")
        } catch let error as FilterError {
            #expect(error.kind == .unknownField)
            #expect(error.description == "unknown field 'Colour' at column 16")
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try ContactFilter("Nope1 = x or not (nope1 = y or City = Oslo) and interaction(Nope2 = z)", customFields: [])
            Issue.record("no error")
        } catch let error as FilterError {
            #expect(error.kind == .unknownField)
            #expect(error.messages == ["unknown field 'Nope1' at column 1", "unknown interaction field 'Nope2' at column 61"])
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: FilterError.self) { try ContactFilter("interaction(City = Oslo)", customFields: []) }
        #expect(throws: FilterError.self) { try ContactFilter("interaction(interaction(Date = 1))", customFields: []) }
        #expect(throws: Never.self) { try ContactFilter("first_name = x and Contact_No = 1 and founded is empty", customFields: [CustomField(name: "Founded")]) }
    }
}
