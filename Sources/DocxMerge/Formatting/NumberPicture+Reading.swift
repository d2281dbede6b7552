extension NumberPicture {
    /// A digit place of a picture: `0` prints a digit or 0, `#` a digit or a space, `x` a digit or 0 and drops
    /// the digits to its left (in the integer part) or rounds there (in the fraction).
    enum Place: Sendable, Hashable {
        case zero, space, truncating

        /// Whether the place prints 0 where the number has no digit.
        var isForced: Bool { self != .space }
    }

    /// One piece of a section, in the order written.
    enum Item: Sendable, Hashable {
        case text(String)
        /// `-`: a minus sign for a negative number, a space otherwise.
        case minus
        /// `+`: a plus sign for a positive number, a minus sign for a negative one, a space for zero.
        case plus
        case integerDigit(Place)
        case decimalMark
        case fractionDigit(Place)
    }

    /// One of the `;`-separated sections (positive, negative, zero), read once.
    struct Section: Sendable, Hashable {
        var items: [Item] = []
        /// Whether a group mark stands between the integer places: digits are grouped by three.
        var grouping = false
        /// The integer places, left to right.
        var integerPlaces: [Place] = []
        /// The fraction places, left to right; their number is the number of decimals printed.
        var fractionPlaces: [Place] = []

        var hasSign: Bool { items.contains { $0 == .minus || $0 == .plus } }
    }

    /// The marks a picture is read with: English (`.` and `,`) or the field's language.
    struct Marks {
        var decimal: Character
        var language: FieldLanguage?

        static let english = Marks(decimal: ".", language: nil)

        init(decimal: Character, language: FieldLanguage?) {
            self.decimal = decimal
            self.language = language
        }

        init(_ language: FieldLanguage) {
            self.init(decimal: language.decimalMark, language: language)
        }

        func isGroup(_ character: Character) -> Bool {
            language.map { $0.isGroupMark(character) } ?? (character == ",")
        }

        /// An English mark that means nothing under these marks: a `.` or `,` in a picture read with them
        /// shows that it was written with English marks.
        func isForeign(_ character: Character) -> Bool {
            (character == "." || character == ",") && character != decimal && !isGroup(character)
        }
    }

    /// Splits at `;` outside single quotes; at most three sections count (positive, negative, zero).
    static func splitSections(_ picture: String) -> [String] {
        var sections: [String] = []
        var current = ""
        var quoted = false
        for c in picture {
            if c == "'" { quoted.toggle() }
            if c == ";" && !quoted {
                sections.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        sections.append(current)
        return Array(sections.prefix(3))
    }

    /// Reads one section with `marks`.
    /// - Returns: the section, and whether it is well-formed under those marks: at most one decimal mark,
    ///   group marks only before it, and no `.` or `,` that the marks do not know, between its digit places.
    static func readSection(_ text: String, marks: Marks) -> (section: Section, wellFormed: Bool) {
        // Characters with whether they were inside single quotes (the quotes themselves dropped).
        var chars: [(character: Character, quoted: Bool)] = []
        var quoted = false
        for c in text {
            if c == "'" {
                quoted.toggle()
            } else {
                chars.append((c, quoted))
            }
        }
        func plain(_ index: Int) -> Character? {
            index >= 0 && index < chars.count && !chars[index].quoted ? chars[index].character : nil
        }
        func isDigitPlace(_ index: Int) -> Bool {
            guard let c = plain(index) else { return false }
            if c == "0" || c == "#" { return true }
            guard c == "x" else { return false }
            // `x` is a digit place only next to another digit place, a decimal mark, or a group mark before
            // a digit place (`x,###`), so that the letter in unquoted text (`Box 0`) stays text.
            return [-1, 1].contains { step in
                guard let n = plain(index + step) else { return false }
                if n == "0" || n == "#" || n == "x" || n == marks.decimal { return true }
                let beyond = plain(index + 2 * step)
                return marks.isGroup(n) && (beyond == "0" || beyond == "#")
            }
        }
        func place(_ c: Character) -> Place {
            c == "0" ? .zero : c == "#" ? .space : .truncating
        }

        let lastPlace = chars.indices.last(where: isDigitPlace) ?? -1
        let firstPlace = chars.indices.first { index in
            isDigitPlace(index) || (plain(index) == marks.decimal && isDigitPlace(index + 1))
        } ?? chars.count

        var section = Section()
        var wellFormed = true
        var inFraction = false
        var literal = ""
        func add(_ item: Item) {
            if !literal.isEmpty {
                section.items.append(.text(literal))
                literal = ""
            }
            section.items.append(item)
        }
        for index in chars.indices {
            let (c, isQuoted) = chars[index]
            if isQuoted {
                literal.append(c)
                continue
            }
            let inNumber = index >= firstPlace && index <= lastPlace
            if inNumber && isDigitPlace(index) {
                if inFraction {
                    section.fractionPlaces.append(place(c))
                    add(.fractionDigit(place(c)))
                } else {
                    section.integerPlaces.append(place(c))
                    add(.integerDigit(place(c)))
                }
            } else if inNumber && c == marks.decimal {
                if inFraction {
                    wellFormed = false
                    literal.append(c)
                } else {
                    inFraction = true
                    add(.decimalMark)
                }
            } else if inNumber && marks.isGroup(c) {
                if inFraction {
                    wellFormed = false
                    literal.append(c)
                } else {
                    section.grouping = true
                }
            } else if c == "-" {
                add(.minus)
            } else if c == "+" {
                add(.plus)
            } else {
                if inNumber && marks.isForeign(c) { wellFormed = false }
                literal.append(c)
            }
        }
        if !literal.isEmpty { section.items.append(.text(literal)) }
        return (section, wellFormed)
    }
}
