import Testing

@testable import DocxMerge

private let nbsp = "\u{00A0}"

private func date(_ picture: String, _ value: String, _ code: String? = nil) -> String? {
    DatePicture(picture).format(value, language: FieldLanguage(code: code))
}

/// All the formatting suites, grouped so they run together.
@Suite("Formatting")
struct FormattingTests {}

extension FormattingTests {
    @Suite("FieldLanguage")
    struct FieldLanguageTests {
        @Test(arguments: [
            ("en", "en"), ("en-US", "en"), ("EN_gb", "en"),
            ("nb", "nb"), ("nb-NO", "nb"), ("no", "nb"), ("NO", "nb"), ("nn-NO", "nb"), ("nb_NO", "nb"),
            ("de", "de"), ("de-AT", "de"), ("DE-ch", "de"),
            ("sv-SE", "sv"), ("sv-FI", "sv"), ("da-DK", "da"), ("nl-NL", "nl"), ("nl-BE", "nl"),
            ("fr-FR", "fr"), ("fr-CA", "fr"),
            ("fi-FI", "en"), ("x-none", "en"), ("", "en"), ("-", "en"), ("nbx", "en"),
        ])
        func codes(code: String, expected: String) {
            #expect(FieldLanguage(code: code).code == expected)
        }

        @Test func noCodeIsEnglish() {
            #expect(FieldLanguage(code: nil) == .english)
            #expect(FieldLanguage.english.code == "en")
        }

        @Test func marks() {
            let marks = ["en", "nb", "sv", "da", "de", "nl", "fr"].map {
                let language = FieldLanguage(code: $0)
                return "\($0) \(language.decimalMark) \(language.groupMark)"
            }
            #expect(marks == ["en . ,", "nb , \(nbsp)", "sv , \(nbsp)", "da , .", "de , .", "nl , .", "fr , \(nbsp)"])
        }

        @Test(arguments: ["en", "nb", "sv", "da", "de", "nl", "fr"])
        func namesAreComplete(code: String) {
            let language = FieldLanguage(code: code)
            #expect(language.monthNames.count == 12)
            #expect(language.abbreviatedMonthNames.count == 12)
            #expect(language.dayNames.count == 7)
            #expect(language.abbreviatedDayNames.count == 7)
            #expect(language.amPm.am == "AM")
            #expect(language.amPm.pm == "PM")
            let capitalised = code == "en" || code == "de"
            for name in language.monthNames + language.dayNames {
                #expect(name.first!.isUppercase == capitalised, "\(code): \(name)")
            }
        }
    }
}

extension FormattingTests {
    @Suite("DatePicture")
    struct DatePictureTests {
        // MARK: Languages

        @Test(arguments: [
            ("en", "Sunday 29 November 2026", "Mon 2 Mar 26"),
            ("nb", "søndag 29 november 2026", "man 2 mar 26"),
            ("de", "Sonntag 29 November 2026", "Mo 2 Mrz 26"),
            ("sv", "söndag 29 november 2026", "mån 2 mar 26"),
            ("da", "søndag 29 november 2026", "man 2 mar 26"),
            ("nl", "zondag 29 november 2026", "ma 2 mrt 26"),
            ("fr", "dimanche 29 novembre 2026", "lun. 2 mars 26"),
        ])
        func namesInEveryLanguage(code: String, long: String, short: String) {
            #expect(date("dddd d MMMM yyyy", "2026-11-29", code) == long)
            #expect(date("ddd d MMM yy", "2026-03-02", code) == short)
        }

        @Test func everyMonthName() {
            let months = (1...12).map { date("MMMM", "2026-\($0 < 10 ? "0" : "")\($0)-15", "de")! }
            #expect(months == FieldLanguage(code: "de").monthNames)
            #expect(date("MMMM", "2026-03-01", "de") == "März")
            #expect(date("MMMM", "2026-08-01", "fr") == "août")
            #expect(date("MMM", "2026-02-01", "fr") == "févr.")
            #expect(date("MMMM", "2026-05-17", "nb") == "mai")
            #expect(date("MMMM", "2026-10-01", "nl") == "oktober")
            #expect(date("MMMM", "2026-03-01", "da") == "marts")
            #expect(date("MMMM", "2026-08-01", "sv") == "augusti")
        }

        @Test func norwegianLetterDate() {
            #expect(date("d. MMMM yyyy", "2026-05-17", "nb-NO") == "17. mai 2026")
            #expect(date("dddd d. MMMM yyyy 'kl.' HH:mm", "2026-11-29T14:30", "nb")
                == "søndag 29. november 2026 kl. 14:30")
            #expect(date("dd.MM.yyyy", "2026-01-05", "nb") == "05.01.2026")
        }

        // MARK: Weekdays

        @Test(arguments: [
            ("2026-11-29", "Sunday"), ("2026-03-02", "Monday"), ("2000-01-01", "Saturday"), ("1970-01-01", "Thursday"),
            ("2024-02-29", "Thursday"), ("1900-03-01", "Thursday"), ("0001-01-01", "Monday"), ("9999-12-31", "Friday"),
            ("1999-12-31", "Friday"), ("2000-02-29", "Tuesday"), ("2026-07-04", "Saturday"), ("2026-01-05", "Monday"),
        ])
        func weekdays(value: String, weekday: String) {
            #expect(date("dddd", value) == weekday)
        }

        @Test func weekdayNamesInEveryLanguageAcrossAWeek() {
            // 2026-11-29 is a Sunday; the week runs to Saturday 2026-12-05.
            let days = (29...35).map { $0 <= 30 ? "2026-11-\($0)" : "2026-12-0\($0 - 30)" }
            for code in ["en", "nb", "sv", "da", "de", "nl", "fr"] {
                let language = FieldLanguage(code: code)
                #expect(days.map { date("dddd", $0, code)! } == language.dayNames)
                #expect(days.map { date("ddd", $0, code)! } == language.abbreviatedDayNames)
            }
            #expect(days.map { date("dddd", $0, "sv")! }
                == ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"])
            #expect(days.map { date("ddd", $0, "de")! } == ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"])
        }

        // MARK: Tokens

        @Test func numericTokens() {
            #expect(date("d/M/yy", "2026-03-05") == "5/3/26")
            #expect(date("dd/MM/yyyy", "2026-03-05") == "05/03/2026")
            #expect(date("yyyy-MM-dd", "2026-11-29") == "2026-11-29")
            #expect(date("yy", "2005-01-01") == "05")
            #expect(date("yyyy", "0987-01-01") == "0987")
            #expect(date("YYYY DD", "2026-03-05") == "2026 05", "day and year letters in either case")
        }

        @Test func timeTokens() {
            #expect(date("H:mm:ss", "2026-11-29T07:05:09") == "7:05:09")
            #expect(date("HH:mm", "2026-11-29T07:05") == "07:05")
            #expect(date("h:m:s", "2026-11-29T19:05:09") == "7:5:9")
            #expect(date("hh:mm", "2026-11-29T19:05") == "07:05")
            #expect(date("HH:mm", "2026-11-29") == "00:00", "a date alone is midnight")
        }

        @Test func monthAndMinuteAreDistinct() {
            #expect(date("M m MM mm", "2026-03-01T10:07") == "3 7 03 07")
        }

        @Test func twelveHourClock() {
            #expect(date("h:mm AM/PM", "2026-11-29T00:30") == "12:30 AM")
            #expect(date("h:mm AM/PM", "2026-11-29T12:00") == "12:00 PM")
            #expect(date("h:mm AM/PM", "2026-11-29T11:59") == "11:59 AM")
            #expect(date("h:mm AM/PM", "2026-11-29T23:05") == "11:05 PM")
            #expect(date("hh:mm am/pm", "2026-11-29T09:15") == "09:15 am")
            #expect(date("h:mm am/pm", "2026-11-29T13:15") == "1:15 pm")
            #expect(date("h:mmAM/PM", "2026-11-29T13:15") == "1:15PM")
        }

        @Test func literalText() {
            #expect(date("'Oslo,' d. MMMM yyyy", "2026-11-29", "nb") == "Oslo, 29. november 2026")
            #expect(date("'day' d 'of' MMMM", "2026-11-29") == "day 29 of November")
            #expect(date("d 'at' h 'hours'", "2026-11-29T15:00") == "29 at 3 hours")
            #expect(date("yyyy.MM.dd, [HH]", "2026-11-29T15:00") == "2026.11.29, [15]")
            #expect(date("'unterminated d", "2026-11-29") == "unterminated d")
            #expect(date("", "2026-11-29") == "")
            #expect(date("Week of d", "2026-11-29") == "Week of 29", "letters that are no token are literal")
        }

        @Test func pictureIsKept() {
            #expect(DatePicture("dd.MM.yyyy").picture == "dd.MM.yyyy")
            #expect(DatePicture("dd.MM.yyyy") == DatePicture("dd.MM.yyyy"))
        }

        // MARK: Values

        @Test func acceptedValues() {
            let picture = "yyyy-MM-dd HH:mm:ss"
            #expect(date(picture, "2026-11-29") == "2026-11-29 00:00:00")
            #expect(date(picture, "2026-11-29T14:30") == "2026-11-29 14:30:00")
            #expect(date(picture, "2026-11-29 14:30") == "2026-11-29 14:30:00")
            #expect(date(picture, "2026-11-29T14:30:15") == "2026-11-29 14:30:15")
            #expect(date(picture, "2026-11-29 14:30:15") == "2026-11-29 14:30:15")
            #expect(date(picture, "2026-11-29T14:30:15.250") == "2026-11-29 14:30:15")
            #expect(date(picture, "2026-11-29T14:30:15Z") == "2026-11-29 14:30:15")
            #expect(date(picture, "2026-11-29T14:30Z") == "2026-11-29 14:30:00")
            #expect(date(picture, "2026-11-29T14:30:15.5+01:00") == "2026-11-29 14:30:15")
            #expect(date(picture, "2026-11-29T14:30:15-0500") == "2026-11-29 14:30:15")
            #expect(date(picture, "2026-11-29T14:30+02") == "2026-11-29 14:30:00")
            #expect(date(picture, " 2026-11-29 ") == "2026-11-29 00:00:00")
        }

        @Test func leapDays() {
            #expect(date("d MMMM", "2024-02-29") == "29 February")
            #expect(date("d MMMM", "2000-02-29") == "29 February")
            #expect(date("d MMMM", "2100-02-29") == nil)
            #expect(date("d MMMM", "2026-02-29") == nil)
        }

        @Test(arguments: [
            "", "hello", "29.11.2026", "2026/11/29", "2026-1-5", "26-11-29", "2026-13-01", "2026-00-10", "2026-11-00",
            "2026-11-31", "2026-02-30", "2026-11-29T", "2026-11-29T14", "2026-11-29T24:00", "2026-11-29T14:60",
            "2026-11-29T14:30:60", "2026-11-29T14:30:15.", "2026-11-29T14:30x", "2026-11-29x", "2026-11-29T14:30+1",
            "20261129", "12345", "-2026-11-29", "2026-11-29T14:30:15+25:00",
        ])
        func notADate(value: String) {
            #expect(date("dd.MM.yyyy", value) == nil)
        }
    }
}

extension FormattingTests {
    @Suite("CaseFormat")
    struct CaseFormatTests {
        @Test func upperAndLower() {
            #expect(CaseFormat.upper.apply("Kari Nordmann") == "KARI NORDMANN")
            #expect(CaseFormat.upper.apply("straße æøå") == "STRASSE ÆØÅ")
            #expect(CaseFormat.lower.apply("ÆRE ØYVIND Åse") == "ære øyvind åse")
            #expect(CaseFormat.lower.apply("") == "")
        }

        @Test func firstCap() {
            #expect(CaseFormat.firstCap.apply("anna lena") == "Anna lena")
            #expect(CaseFormat.firstCap.apply("aNNA lENA") == "ANNA lENA", "the rest is left as it is")
            #expect(CaseFormat.firstCap.apply("  øystein") == "  Øystein")
            #expect(CaseFormat.firstCap.apply("(anna)") == "(Anna)")
            #expect(CaseFormat.firstCap.apply("3rd floor") == "3rd floor")
            #expect(CaseFormat.firstCap.apply("") == "")
        }

        @Test func caps() {
            #expect(CaseFormat.caps.apply("anna-lena o'neil  smith") == "Anna-lena O'neil  Smith")
            #expect(CaseFormat.caps.apply("ørjan ås") == "Ørjan Ås")
            #expect(CaseFormat.caps.apply("mcDonald\tvan der berg\nnew line") == "McDonald\tVan Der Berg\nNew Line")
            #expect(CaseFormat.caps.apply("3rd street") == "3rd Street")
            #expect(CaseFormat.caps.apply(" leading and trailing ") == " Leading And Trailing ")
            #expect(CaseFormat.caps.apply("ÉCOLE élémentaire") == "ÉCOLE Élémentaire")
        }

        @Test func switchArguments() {
            #expect(CaseFormat(switchArgument: "Upper") == .upper)
            #expect(CaseFormat(switchArgument: "LOWER") == .lower)
            #expect(CaseFormat(switchArgument: "FirstCap") == .firstCap)
            #expect(CaseFormat(switchArgument: "caps") == .caps)
            #expect(CaseFormat(switchArgument: "MERGEFORMAT") == nil)
            #expect(CaseFormat(switchArgument: "Arabic") == nil)
        }
    }
}

@Suite("Number text switches")
struct NumberTextTests {
    @Test func wordsGeneralNumberFormats() {
        #expect(NumberText(switchArgument: "Roman")?.apply("1994", language: .english) == "MCMXCIV")
        #expect(NumberText(switchArgument: "roman")?.apply("14", language: .english) == "xiv")
        #expect(NumberText(switchArgument: "ALPHABETIC")?.apply("28", language: .english) == "BB")
        #expect(NumberText(switchArgument: "alphabetic")?.apply("3", language: .english) == "c")
        #expect(NumberText(switchArgument: "Ordinal")?.apply("1", language: .english) == "1st")
        #expect(NumberText(switchArgument: "Ordinal")?.apply("12", language: .english) == "12th")
        #expect(NumberText(switchArgument: "Ordinal")?.apply("23", language: .english) == "23rd")
        #expect(NumberText(switchArgument: "Ordinal")?.apply("5", language: FieldLanguage(code: "nb")) == "5.")
        #expect(NumberText(switchArgument: "Hex")?.apply("255", language: .english) == "FF")
        #expect(NumberText(switchArgument: "Arabic")?.apply("007", language: .english) == "7")
        #expect(NumberText(switchArgument: "Roman")?.apply("12.5", language: .english) == "12.5")
        #expect(NumberText(switchArgument: "Roman")?.apply("Oslo", language: .english) == "Oslo")
        #expect(NumberText(switchArgument: "CardText") == nil)
    }
}
