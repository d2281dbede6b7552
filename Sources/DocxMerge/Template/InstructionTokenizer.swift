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

/// Where a character of an instruction came from: the index of its piece and its offset (in
/// characters) in that piece's text.
struct InstructionPosition: Equatable {
    let piece: Int
    let offset: Int
}

/// Where a token lies in the instruction: for a quoted token, its two quote marks; for a word, its
/// first and last characters.
struct TokenSpan {
    var start: InstructionPosition?
    var end: InstructionPosition?
}

/// Splits an instruction into tokens. Outside quotes, whitespace separates words, `\x` is a switch
/// and `= <> < <= > >=` are operators; inside quotes `\"` is a quote and `\\` a backslash.
/// Linear in the length of the instruction.
enum InstructionTokenizer {
    private enum Item {
        case character(Character, InstructionPosition)
        case field(ScannedField, InstructionPosition)

        var position: InstructionPosition {
            switch self {
            case let .character(_, position), let .field(_, position): return position
            }
        }
    }

    static func tokenize(_ pieces: [InstructionPiece]) -> [InstructionToken] {
        tokenizeWithSpans(pieces).map(\.token)
    }

    /// The tokens, each with where it lies in `pieces`.
    static func tokenizeWithSpans(_ pieces: [InstructionPiece]) -> [(token: InstructionToken, span: TokenSpan)] {
        var items: [Item] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case let .text(text):
                var offset = 0
                for character in text {
                    items.append(.character(character, InstructionPosition(piece: index, offset: offset)))
                    offset += 1
                }
            case let .field(field): items.append(.field(field, InstructionPosition(piece: index, offset: 0)))
            }
        }
        var tokens: [(token: InstructionToken, span: TokenSpan)] = []
        var builder = TokenBuilder()
        var quoted = false
        var index = 0

        func endWord() {
            if builder.isOpen, !quoted, let (pieces, span) = builder.finish() { tokens.append((.word(pieces), span)) }
        }

        while index < items.count {
            let item = items[index]
            index += 1
            if quoted {
                switch item {
                case let .field(field, _):
                    builder.append(field)
                case let .character("\"", position):
                    var (pieces, span) = builder.finish() ?? ([], TokenSpan())
                    span.end = position
                    tokens.append((.quoted(pieces), span))
                    quoted = false
                case let .character("\\", position):
                    if index < items.count, case let .character(next, _) = items[index], next == "\"" || next == "\\" {
                        builder.append(next, at: position)
                        index += 1
                    } else {
                        builder.append("\\", at: position)
                    }
                case let .character(character, position):
                    builder.append(character, at: position)
                }
                continue
            }
            switch item {
            case let .field(field, position):
                if !builder.isOpen { builder.open(at: position) }
                builder.append(field)
            case let .character(character, _) where character.isWhitespace:
                endWord()
            case let .character("\"", position):
                endWord()
                quoted = true
                builder.open(at: position)
            case .character("\\", _):
                endWord()
                if index < items.count, case let .character(flag, _) = items[index] {
                    tokens.append((.switchFlag(flag), TokenSpan(start: item.position, end: items[index].position)))
                    index += 1
                }
            case let .character(character, position) where character == "=" || character == "<" || character == ">":
                endWord()
                var op = String(character)
                var end = position
                if character != "=", index < items.count, case let .character(next, nextPosition) = items[index],
                   next == "=" || (character == "<" && next == ">") {
                    op.append(next)
                    end = nextPosition
                    index += 1
                }
                tokens.append((.comparison(op), TokenSpan(start: position, end: end)))
            case let .character(character, position):
                if !builder.isOpen { builder.open(at: position) }
                builder.append(character, at: position)
            }
        }
        if quoted {
            let (pieces, span) = builder.finish() ?? ([], TokenSpan())
            tokens.append((.quoted(pieces), span))
        } else {
            endWord()
        }
        return tokens
    }
}

/// Collects the pieces of the token being read, text in one buffer (no copy per character).
private struct TokenBuilder {
    private var pieces: [InstructionPiece] = []
    private var text = ""
    private var span = TokenSpan()
    private(set) var isOpen = false

    mutating func open(at position: InstructionPosition) {
        isOpen = true
        span = TokenSpan(start: position, end: position)
    }

    mutating func append(_ character: Character, at position: InstructionPosition) {
        text.append(character)
        span.end = position
    }

    mutating func append(_ field: ScannedField) {
        if !text.isEmpty { pieces.append(.text(text)); text = "" }
        pieces.append(.field(field))
    }

    /// The token's pieces and span; nil when no token was open.
    mutating func finish() -> ([InstructionPiece], TokenSpan)? {
        guard isOpen else { return nil }
        if !text.isEmpty { pieces.append(.text(text)) }
        defer { pieces = []; text = ""; isOpen = false }
        return (pieces, span)
    }
}
