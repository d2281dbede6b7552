/// One token of a filter expression, with the 1-based column where it starts.
struct FilterToken: Equatable {
    enum Kind: Equatable {
        /// A bare word: letters, digits and `- _ . @ / + :`. Keywords are words too.
        case word(String)
        /// A quoted string (double or single quotes), escapes resolved.
        case string(String)
        /// `=`, `!=`, `<`, `<=`, `>`, `>=`.
        case comparison(String)
        case open
        case close
        case comma
        case end
    }

    let kind: Kind
    let column: Int

    /// The token as the user wrote it, for messages.
    var spelling: String {
        switch kind {
        case let .word(text): return text
        case let .string(text): return "\"" + text + "\""
        case let .comparison(op): return op
        case .open: return "("
        case .close: return ")"
        case .comma: return ","
        case .end: return "end of input"
        }
    }

    /// True when this is the word `keyword`, in any case.
    func isKeyword(_ keyword: String) -> Bool {
        if case let .word(text) = kind { return text.lowercased() == keyword }
        return false
    }
}

/// Splits a filter expression into tokens.
enum FilterLexer {
    /// The words that are keywords; as values they must be quoted.
    static let keywords: Set<String> = ["and", "or", "not", "in", "between", "is", "empty", "contains", "starts", "with", "interaction"]

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-_.@/+:".contains(character)
    }

    /// The tokens of `text`, ending with `.end`.
    /// - Throws: `FilterError` (syntax) for an unterminated string, an unknown escape or a character
    ///   that starts no token.
    static func tokens(_ text: String) throws -> [FilterToken] {
        let characters = Array(text)
        var tokens: [FilterToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace {
                index += 1
            } else if character == "(" {
                tokens.append(FilterToken(kind: .open, column: column)); index += 1
            } else if character == ")" {
                tokens.append(FilterToken(kind: .close, column: column)); index += 1
            } else if character == "," {
                tokens.append(FilterToken(kind: .comma, column: column)); index += 1
            } else if character == "=" {
                tokens.append(FilterToken(kind: .comparison("="), column: column)); index += 1
            } else if character == "!" || character == "<" || character == ">" {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if next == "=" {
                    tokens.append(FilterToken(kind: .comparison(String(character) + "="), column: column)); index += 2
                } else if character == "!" {
                    throw FilterError(.syntax, "expected '!=' but found '!'", column: column)
                } else {
                    tokens.append(FilterToken(kind: .comparison(String(character)), column: column)); index += 1
                }
            } else if character == "\"" || character == "'" {
                // Single quotes work as double ones do (a shell user's habit); each escapes itself.
                let quote = character
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let c = characters[index]
                    if c == quote { closed = true; index += 1; break }
                    if c == "\\" {
                        guard index + 1 < characters.count else { break }
                        let escaped = characters[index + 1]
                        guard escaped == quote || escaped == "\\" else {
                            throw FilterError(.syntax, "unknown escape '\\\(escaped)' in a quoted value (only \\\(quote) and \\\\)", column: index + 1)
                        }
                        value.append(escaped)
                        index += 2
                    } else {
                        value.append(c)
                        index += 1
                    }
                }
                guard closed else { throw FilterError(.syntax, "unterminated quoted value", column: column) }
                tokens.append(FilterToken(kind: .string(value), column: column))
            } else if isWordCharacter(character) {
                var word = ""
                while index < characters.count, isWordCharacter(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(FilterToken(kind: .word(word), column: column))
            } else {
                throw FilterError(.syntax, "unexpected character '\(character)'", column: column)
            }
        }
        tokens.append(FilterToken(kind: .end, column: characters.count + 1))
        return tokens
    }
}
