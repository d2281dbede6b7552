/// A `\@` date-time picture (ECMA-376 §17.16.4.1), parsed once.
///
/// Parse the picture when the template is compiled, then format each record's value with it:
///
/// ```swift
/// let picture = DatePicture("dddd d. MMMM yyyy 'kl.' HH:mm")
/// picture.format("2026-11-29T14:30", language: FieldLanguage(code: "nb"))
/// // "søndag 29. november 2026 kl. 14:30"
/// ```
///
/// Tokens: `d` `dd` (day), `ddd` `dddd` (day name), `M` `MM` (month), `MMM` `MMMM` (month name), `yy` `yyyy`,
/// `H` `HH` (24-hour clock), `h` `hh` (12-hour clock, midnight and noon are 12), `m` `mm` (minutes), `s` `ss`,
/// `AM/PM` and `am/pm`. Text in single quotes is literal, and so is any other character. `M` is the month and
/// `m` the minute; day and year letters may be written in either case.
public struct DatePicture: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal(String)
        case day(width: Int)
        case month(width: Int)
        case year(width: Int)
        case hour24(width: Int)
        case hour12(width: Int)
        case minute(width: Int)
        case second(width: Int)
        case amPm(upper: Bool)
    }

    /// The picture as written.
    public let picture: String
    let tokens: [Token]

    /// Parses a picture such as `dd.MM.yyyy` or `d MMMM yyyy h:mm am/pm` (without the surrounding quotes).
    public init(_ picture: String) {
        self.picture = picture
        self.tokens = DatePicture.parse(picture)
    }

    /// Formats an ISO 8601 date or date-time in `language`.
    ///
    /// Accepted values: `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm` and `yyyy-MM-ddTHH:mm:ss` (a space may stand for the
    /// `T`), optionally followed by fractional seconds, `Z` or an offset, which are ignored. A date alone
    /// has the time 00:00.
    /// - Returns: the formatted text, or `nil` when `value` is not such a date (the field then shows the value
    ///   as it is).
    public func format(_ value: String, language: FieldLanguage) -> String? {
        guard let date = DatePicture.parseValue(value) else { return nil }
        var out = ""
        out.reserveCapacity(picture.utf8.count + 16)
        for token in tokens {
            switch token {
            case .literal(let text):
                out += text
            case .day(let width):
                switch width {
                case 1: out += String(date.day)
                case 2: out += DatePicture.twoDigits(date.day)
                case 3: out += language.abbreviatedDayNames[date.weekday]
                default: out += language.dayNames[date.weekday]
                }
            case .month(let width):
                switch width {
                case 1: out += String(date.month)
                case 2: out += DatePicture.twoDigits(date.month)
                case 3: out += language.abbreviatedMonthNames[date.month - 1]
                default: out += language.monthNames[date.month - 1]
                }
            case .year(let width):
                if width == 2 {
                    out += DatePicture.twoDigits(date.year % 100)
                } else {
                    let digits = String(date.year)
                    out += String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                }
            case .hour24(let width):
                out += width == 1 ? String(date.hour) : DatePicture.twoDigits(date.hour)
            case .hour12(let width):
                let hour = date.hour % 12 == 0 ? 12 : date.hour % 12
                out += width == 1 ? String(hour) : DatePicture.twoDigits(hour)
            case .minute(let width):
                out += width == 1 ? String(date.minute) : DatePicture.twoDigits(date.minute)
            case .second(let width):
                out += width == 1 ? String(date.second) : DatePicture.twoDigits(date.second)
            case .amPm(let upper):
                let symbol = date.hour < 12 ? language.amSymbol : language.pmSymbol
                out += upper ? symbol.uppercased() : symbol.lowercased()
            }
        }
        return out
    }

    // MARK: Picture

    private static func parse(_ picture: String) -> [Token] {
        let chars = Array(picture)
        var tokens: [Token] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = ""
            }
        }
        func run(from index: Int) -> Int {
            var end = index + 1
            while end < chars.count && chars[end] == chars[index] { end += 1 }
            return end - index
        }

        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                // Quoted literal text, up to the next single quote (or the end of the picture).
                i += 1
                while i < chars.count && chars[i] != "'" {
                    literal.append(chars[i])
                    i += 1
                }
                i += 1
                continue
            }
            if c == "a" || c == "A", i + 4 < chars.count,
                String(chars[i..<(i + 5)]).lowercased() == "am/pm"
            {
                flush()
                tokens.append(.amPm(upper: c == "A"))
                i += 5
                continue
            }
            let token: Token?
            let count = run(from: i)
            switch c {
            case "d", "D": token = .day(width: min(count, 4))
            case "M": token = .month(width: min(count, 4))
            case "y", "Y": token = .year(width: count <= 2 ? 2 : 4)
            case "H": token = .hour24(width: min(count, 2))
            case "h": token = .hour12(width: min(count, 2))
            case "m": token = .minute(width: min(count, 2))
            case "s", "S": token = .second(width: min(count, 2))
            default: token = nil
            }
            if let token {
                flush()
                tokens.append(token)
                i += count
            } else {
                literal.append(c)
                i += 1
            }
        }
        flush()
        return tokens
    }

    // MARK: Value

    struct DateTime: Equatable {
        var year: Int
        var month: Int
        var day: Int
        var hour = 0
        var minute = 0
        var second = 0

        /// 0 for Sunday through 6 for Saturday, in the proleptic Gregorian calendar.
        var weekday: Int {
            let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
            // Shifted by 400 years (a whole number of weeks) so that year 0 divides the same way.
            let y = (month < 3 ? year - 1 : year) + 400
            let w = (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
            return (w + 7) % 7
        }
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Reads `yyyy-MM-dd[(T| )HH:mm[:ss[.fff]]][Z|±HH[:]MM]`, surrounding spaces allowed.
    static func parseValue(_ value: String) -> DateTime? {
        var bytes = Array(value.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var i = bytes.startIndex

        func number(_ width: Int) -> Int? {
            guard bytes.endIndex - i >= width else { return nil }
            var result = 0
            for _ in 0..<width {
                let b = bytes[i]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                result = result * 10 + Int(b - 0x30)
                i += 1
            }
            return result
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < bytes.endIndex, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
            (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day)
        else { return nil }
        var date = DateTime(year: year, month: month, day: day)
        if i == bytes.endIndex { return date }

        guard bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "t")
        else { return nil }
        i += 1
        guard let hour = number(2), expect(0x3A), let minute = number(2), hour <= 23, minute <= 59 else { return nil }
        date.hour = hour
        date.minute = minute
        if expect(0x3A) {
            guard let second = number(2), second <= 59 else { return nil }
            date.second = second
            if i < bytes.endIndex && (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",")) {
                i += 1
                let start = i
                while i < bytes.endIndex && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                guard i > start else { return nil }
            }
        }
        if i == bytes.endIndex { return date }
        // A zone designator: Z, or +HH, +HHMM, +HH:MM (and the same with -).
        let zone = bytes[i]
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            i += 1
        } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
            i += 1
            guard let zoneHour = number(2), zoneHour <= 23 else { return nil }
            if i < bytes.endIndex {
                _ = expect(0x3A)
                guard let zoneMinute = number(2), zoneMinute <= 59 else { return nil }
            }
        } else {
            return nil
        }
        return i == bytes.endIndex ? date : nil
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
