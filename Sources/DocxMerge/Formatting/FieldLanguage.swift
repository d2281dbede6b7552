/// Month/day names and number marks for a field's language. Codes: en, nb (also "no", "nn", "nb-NO"...), de, sv,
/// da, nl, fr; primary subtag match, case-insensitive; anything else → en.
///
/// The language of a field is the `w:lang` of its run (else its paragraph, else the document defaults); the
/// merge engine makes one `FieldLanguage` from that code and uses it for `\@` date pictures (month and day
/// names) and `\#` number pictures (decimal and group marks):
///
/// ```swift
/// let norwegian = FieldLanguage(code: "nb-NO")
/// norwegian.monthNames[0]   // "januar"
/// norwegian.decimalMark     // ","
/// ```
///
/// Names are written as the language writes them: capitalised in English and German, lower case in the others.
/// Where a language groups digits with a space, the group mark is U+00A0 NO-BREAK SPACE, as Word prints it.
public struct FieldLanguage: Sendable, Hashable {
    /// The primary language subtag this was made for: one of `en`, `nb`, `de`, `sv`, `da`, `nl`, `fr`.
    public var code: String
    /// Full month names, January first (12 entries).
    public var monthNames: [String]
    /// Abbreviated month names for `MMM`, January first (12 entries).
    public var abbreviatedMonthNames: [String]
    /// Full day names, Sunday first (7 entries).
    public var dayNames: [String]
    /// Abbreviated day names for `ddd`, Sunday first (7 entries).
    public var abbreviatedDayNames: [String]
    /// The mark between the integer and the fraction (`.` in English, `,` in the others).
    public var decimalMark: Character
    /// The mark between groups of three digits (`,` in English, `.` or a no-break space in the others).
    public var groupMark: Character
    /// The designator for hours before noon, as written by an `AM/PM` picture (`am/pm` lower-cases it).
    public var amSymbol: String
    /// The designator for hours from noon, as written by an `AM/PM` picture (`am/pm` lower-cases it).
    public var pmSymbol: String

    /// Both day-half designators, before noon first.
    public var amPm: (am: String, pm: String) { (amSymbol, pmSymbol) }

    /// English: the language of a field that names none, or one this type does not know.
    public static let english = FieldLanguage(
        code: "en",
        months: "January February March April May June July August September October November December",
        shortMonths: "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        days: "Sunday Monday Tuesday Wednesday Thursday Friday Saturday",
        shortDays: "Sun Mon Tue Wed Thu Fri Sat",
        decimalMark: ".", groupMark: ",")

    /// Norwegian (Bokmål; Nynorsk and the macro code `no` fall back to it).
    public static let norwegian = FieldLanguage(
        code: "nb",
        months: "januar februar mars april mai juni juli august september oktober november desember",
        shortMonths: "jan feb mar apr mai jun jul aug sep okt nov des",
        days: "søndag mandag tirsdag onsdag torsdag fredag lørdag",
        shortDays: "søn man tir ons tor fre lør",
        decimalMark: ",", groupMark: "\u{00A0}")

    /// German.
    public static let german = FieldLanguage(
        code: "de",
        months: "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        shortMonths: "Jan Feb Mrz Apr Mai Jun Jul Aug Sep Okt Nov Dez",
        days: "Sonntag Montag Dienstag Mittwoch Donnerstag Freitag Samstag",
        shortDays: "So Mo Di Mi Do Fr Sa",
        decimalMark: ",", groupMark: ".")

    /// Swedish.
    public static let swedish = FieldLanguage(
        code: "sv",
        months: "januari februari mars april maj juni juli augusti september oktober november december",
        shortMonths: "jan feb mar apr maj jun jul aug sep okt nov dec",
        days: "söndag måndag tisdag onsdag torsdag fredag lördag",
        shortDays: "sön mån tis ons tor fre lör",
        decimalMark: ",", groupMark: "\u{00A0}")

    /// Danish.
    public static let danish = FieldLanguage(
        code: "da",
        months: "januar februar marts april maj juni juli august september oktober november december",
        shortMonths: "jan feb mar apr maj jun jul aug sep okt nov dec",
        days: "søndag mandag tirsdag onsdag torsdag fredag lørdag",
        shortDays: "søn man tir ons tor fre lør",
        decimalMark: ",", groupMark: ".")

    /// Dutch.
    public static let dutch = FieldLanguage(
        code: "nl",
        months: "januari februari maart april mei juni juli augustus september oktober november december",
        shortMonths: "jan feb mrt apr mei jun jul aug sep okt nov dec",
        days: "zondag maandag dinsdag woensdag donderdag vrijdag zaterdag",
        shortDays: "zo ma di wo do vr za",
        decimalMark: ",", groupMark: ".")

    /// French.
    public static let french = FieldLanguage(
        code: "fr",
        months: "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        shortMonths: "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
        days: "dimanche lundi mardi mercredi jeudi vendredi samedi",
        shortDays: "dim. lun. mar. mer. jeu. ven. sam.",
        decimalMark: ",", groupMark: "\u{00A0}")

    /// The language for a `w:lang` value or language tag such as `nb-NO`, `de`, `EN_us`.
    ///
    /// Only the primary subtag counts, compared without regard to case; `no` and `nn` give Norwegian Bokmål.
    /// `nil`, an empty code or a language not listed above gives ``english``.
    public init(code: String?) {
        let primary = (code ?? "")
            .split(whereSeparator: { $0 == "-" || $0 == "_" }).first
            .map { $0.lowercased() } ?? ""
        switch primary {
        case "nb", "no", "nn": self = .norwegian
        case "de": self = .german
        case "sv": self = .swedish
        case "da": self = .danish
        case "nl": self = .dutch
        case "fr": self = .french
        default: self = .english
        }
    }

    private init(
        code: String, months: String, shortMonths: String, days: String, shortDays: String,
        decimalMark: Character, groupMark: Character
    ) {
        self.code = code
        self.monthNames = months.split(separator: " ").map(String.init)
        self.abbreviatedMonthNames = shortMonths.split(separator: " ").map(String.init)
        self.dayNames = days.split(separator: " ").map(String.init)
        self.abbreviatedDayNames = shortDays.split(separator: " ").map(String.init)
        self.decimalMark = decimalMark
        self.groupMark = groupMark
        self.amSymbol = "AM"
        self.pmSymbol = "PM"
    }

    /// Whether `character` stands for this language's group mark in a picture. A group mark that is a space
    /// of any kind is matched by an ordinary space, U+00A0 and U+202F alike.
    func isGroupMark(_ character: Character) -> Bool {
        if character == groupMark { return true }
        return FieldLanguage.isSpaceMark(groupMark) && FieldLanguage.isSpaceMark(character)
    }

    private static func isSpaceMark(_ character: Character) -> Bool {
        character == " " || character == "\u{00A0}" || character == "\u{202F}"
    }
}
