/// The dates a segment and its lines hold: ISO 8601 `YYYY-MM-DD`, naming a day the calendar has.
public enum CalendarDate {
    /// True when `text` is `YYYY-MM-DD` and the day exists: `2028-02-29` is a date, `2026-02-29`,
    /// `2026-04-31` and `2026-13-01` are not.
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 10 && ISODateTime(text) != nil
    }

    /// What a date must look like, for messages.
    public static let expected = "a date such as 2026-11-29"
}
