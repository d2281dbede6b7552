#if canImport(Glibc)
import Glibc
#endif

/// Today's date and the current time in the local time zone, as ISO 8601 text.
public enum LocalClock {
    /// `2026-11-29`.
    public static func today() -> String { String(format(time: time(nil)).prefix(10)) }

    /// `2026-11-29T14:30:05`.
    public static func now() -> String { format(time: time(nil)) }

    private static func format(time seconds: time_t) -> String {
        var moment = seconds
        var parts = tm()
        localtime_r(&moment, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
    }
}
