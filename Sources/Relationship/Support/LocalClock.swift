#if canImport(Glibc)
import Glibc
#endif

/// Today's date and the current time in the local time zone, as ISO 8601 text.
public enum LocalClock {
    /// One moment in local time: `2026-11-29`, `14:30:05`, and the zone's offset from UTC in minutes.
    public struct Moment: Sendable, Equatable {
        public let date: String
        public let time: String
        public let offsetMinutes: Int
    }

    /// `2026-11-29`.
    public static func today() -> String { moment().date }

    /// `2026-11-29T14:30:05`.
    public static func now() -> String {
        let current = moment()
        return current.date + "T" + current.time
    }

    /// The current moment.
    public static func moment() -> Moment {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return Moment(date: "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))",
                      time: "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))",
                      offsetMinutes: Int(parts.tm_gmtoff) / 60)
    }
}
