/// A piece of a complex field's instruction: text from `w:instrText`, or a field nested in it.
enum InstructionPiece {
    case text(String)
    case field(ScannedField)
}

extension Array where Element == InstructionPiece {
    /// The instruction as text, nested fields shown in braces, for messages.
    var displayText: String {
        var text = ""
        for piece in self {
            switch piece {
            case let .text(part): text += part
            case let .field(field): text += "{\(field.instructionText)}"
            }
        }
        return text.trimmingWhitespace()
    }
}

/// A token of a field instruction (ECMA-376 §17.16.1): a bare word, a quoted text, a switch or an
/// `IF` operator. Words and quoted texts may hold nested fields.
enum InstructionToken {
    case word([InstructionPiece])
    case quoted([InstructionPiece])
    case switchFlag(Character)
    case comparison(String)

    /// The token's text when it holds no nested field.
    var plainText: String? {
        switch self {
        case let .word(pieces), let .quoted(pieces):
            var text = ""
            for piece in pieces {
                guard case let .text(part) = piece else { return nil }
                text += part
            }
            return text
        case let .switchFlag(flag): return "\\\(flag)"
        case let .comparison(op): return op
        }
    }

    var isText: Bool {
        switch self {
        case .word, .quoted: return true
        default: return false
        }
    }
}

/// Splits an instruction into tokens. Outside quotes, whitespace separates words, `\x` is a switch
/// and `= <> < <= > >=` are operators; inside quotes `\"` is a quote and `\\` a backslash.
enum InstructionTokenizer {
    private enum Item {
        case character(Character)
        case field(ScannedField)
    }

    static func tokenize(_ pieces: [InstructionPiece]) -> [InstructionToken] {
        var items: [Item] = []
        for piece in pieces {
            switch piece {
            case let .text(text): items += text.map(Item.character)
            case let .field(field): items.append(.field(field))
            }
        }
        var tokens: [InstructionToken] = []
        var current: [InstructionPiece]? = nil
        var quoted = false
        var index = 0

        func appendCharacter(_ character: Character) {
            if case let .text(text)? = current?.last {
                current![current!.count - 1] = .text(text + String(character))
            } else {
                current = (current ?? []) + [.text(String(character))]
            }
        }
        func endWord() {
            if let word = current, !quoted { tokens.append(.word(word)) }
            current = nil
        }

        while index < items.count {
            let item = items[index]
            index += 1
            if quoted {
                switch item {
                case let .field(field):
                    current!.append(.field(field))
                case .character("\""):
                    tokens.append(.quoted(current ?? []))
                    current = nil
                    quoted = false
                case .character("\\"):
                    if index < items.count, case let .character(next) = items[index], next == "\"" || next == "\\" {
                        appendCharacter(next)
                        index += 1
                    } else {
                        appendCharacter("\\")
                    }
                case let .character(character):
                    appendCharacter(character)
                }
                continue
            }
            switch item {
            case let .field(field):
                current = (current ?? []) + [.field(field)]
            case let .character(character) where character.isWhitespace:
                endWord()
            case .character("\""):
                endWord()
                quoted = true
                current = []
            case .character("\\"):
                endWord()
                if index < items.count, case let .character(flag) = items[index] {
                    tokens.append(.switchFlag(flag))
                    index += 1
                }
            case let .character(character) where character == "=" || character == "<" || character == ">":
                endWord()
                var op = String(character)
                if character != "=", index < items.count, case let .character(next) = items[index],
                   next == "=" || (character == "<" && next == ">") {
                    op.append(next)
                    index += 1
                }
                tokens.append(.comparison(op))
            case let .character(character):
                appendCharacter(character)
            }
        }
        if quoted {
            tokens.append(.quoted(current ?? []))
        } else {
            endWord()
        }
        return tokens
    }
}
