/// A decimal number written as cli.md allows (`-`, digits, optionally `.` and digits), compared
/// exactly, without rounding: `0150` equals `150`, `1.50` equals `1.5`.
struct DecimalText: Comparable {
    private let negative: Bool
    /// Digits before the point, leading zeros removed.
    private let whole: [UInt8]
    /// Digits after the point, trailing zeros removed.
    private let fraction: [UInt8]

    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let isDigit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
        guard let first = parts.first, !first.isEmpty, first.allSatisfy(isDigit) else { return nil }
        if parts.count == 2 { guard !parts[1].isEmpty, parts[1].allSatisfy(isDigit) else { return nil } }
        whole = Array(first.drop { $0 == 48 })
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        while fraction.last == 48 { fraction.removeLast() }
        self.fraction = fraction
        self.negative = negative && !(whole.isEmpty && fraction.isEmpty)
    }

    /// A stored number as the filter reads it: `12.5`, `3` (no `.0`, no exponent).
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func < (lhs: DecimalText, rhs: DecimalText) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        return lhs.negative ? magnitudeLess(rhs, lhs) : magnitudeLess(lhs, rhs)
    }

    private static func magnitudeLess(_ a: DecimalText, _ b: DecimalText) -> Bool {
        if a.whole.count != b.whole.count { return a.whole.count < b.whole.count }
        if a.whole != b.whole { return a.whole.lexicographicallyPrecedes(b.whole) }
        return a.fraction.lexicographicallyPrecedes(b.fraction)
    }
}

/// An ISO 8601 date (`2026-11-29`) or date and time (`2026-11-29T14:30`, `…T14:30:05`); a date
/// alone compares as its midnight.
struct ISODateTime: Comparable {
    private let parts: [Int]

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count == 16 || bytes.count == 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0
        if bytes.count >= 16 {
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
                  let h = number(11..<13), let m = number(14..<16), h < 24, m < 60 else { return nil }
            hour = h; minute = m
            if bytes.count == 19 {
                guard bytes[16] == UInt8(ascii: ":"), let s = number(17..<19), s < 60 else { return nil }
                second = s
            }
        }
        parts = [year, month, day, hour, minute, second]
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func < (lhs: ISODateTime, rhs: ISODateTime) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }
}

/// Unicode case folding for comparisons: `Ø` = `ø`, `Straße` = `STRASSE`.
///
/// Full case folding is computed as lower-, upper-, then lower-casing, which maps every character the
/// way Unicode's full folding does for the scripts contacts are written in (`ß` and `ẞ` → `ss`,
/// final sigma → `σ`); ASCII takes a fast path.
enum TextFolding {
    static func fold(_ text: String) -> String {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 { isASCII = false; break }
        if isASCII {
            var bytes = Array(text.utf8)
            for index in bytes.indices where bytes[index] >= 65 && bytes[index] <= 90 { bytes[index] += 32 }
            return String(decoding: bytes, as: UTF8.self)
        }
        return text.lowercased().uppercased().lowercased()
    }

    /// Every character besides ASCII whose folding is ASCII (or canonically equivalent to it), with
    /// that folding: a text folds to an ASCII text only when it is ASCII or holds some of these. A
    /// test goes through every Unicode scalar to keep the list whole.
    static let foldingToASCII: [(character: String, folded: String)] = [
        ("\u{00DF}", "ss"), // ß
        ("\u{0131}", "i"), // dotless ı
        ("\u{017F}", "s"), // long ſ
        ("\u{037E}", ";"), // Greek question mark, canonically `;`
        ("\u{1E9E}", "ss"), // capital ẞ
        ("\u{1FEF}", "`"), // Greek varia, canonically `` ` ``
        ("\u{212A}", "k"), // Kelvin sign
        ("\u{FB00}", "ff"), ("\u{FB01}", "fi"), ("\u{FB02}", "fl"), ("\u{FB03}", "ffi"), ("\u{FB04}", "ffl"),
        ("\u{FB05}", "st"), ("\u{FB06}", "st"), // ligatures
    ]
}

/// A literal of a filter expression, read once every way a comparison may need it.
struct FilterLiteral {
    let text: String
    let folded: String
    let number: DecimalText?
    let date: ISODateTime?

    /// `folded` when it is ASCII: an ASCII value is then ordered against it byte by byte.
    private let asciiFolded: [UInt8]?

    init(_ text: String) {
        self.text = text
        folded = TextFolding.fold(text)
        asciiFolded = folded.utf8.allSatisfy { $0 < 0x80 } ? Array(folded.utf8) : nil
        number = DecimalText(text)
        date = number == nil ? ISODateTime(text) : nil
    }

    /// Orders a (non-empty) field value against the literal: as numbers when both are numbers, as
    /// dates when both are dates, else as folded text by code points.
    func order(of value: String) -> Ordering {
        if let number, let other = DecimalText(value) { return Ordering(other, number) }
        if let date, let other = ISODateTime(value) { return Ordering(other, date) }
        if let asciiFolded, let order = Self.asciiOrder(of: value, against: asciiFolded) { return order }
        return Ordering(TextFolding.fold(value), folded)
    }

    /// The order of `value` folded against the ASCII `folded` when `value` is ASCII (folded as it
    /// is compared, without a copy): the order of their bytes, as of their code points. Nil when
    /// `value` is not ASCII, or not stored contiguously.
    private static func asciiOrder(of value: String, against folded: [UInt8]) -> Ordering? {
        value.utf8.withContiguousStorageIfAvailable { bytes -> Ordering? in
            for byte in bytes where byte >= 0x80 { return nil }
            for (index, byte) in bytes.enumerated() {
                guard index < folded.count else { return .greater }
                let lowered = byte >= 65 && byte <= 90 ? byte + 32 : byte
                if lowered != folded[index] { return lowered < folded[index] ? .less : .greater }
            }
            return bytes.count < folded.count ? .less : .equal
        } ?? nil
    }

    enum Ordering {
        case less, equal, greater

        init<T: Comparable>(_ value: T, _ literal: T) {
            self = value < literal ? .less : (value == literal ? .equal : .greater)
        }
    }
}
