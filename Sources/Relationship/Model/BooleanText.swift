/// Booleans as files and command lines write them: `true`/`false`, `yes`/`no`, `1`/`0` in any
/// case; empty is `false`.
public enum BooleanText {
    /// The boolean `text` means, or nil when it is none of the accepted spellings.
    public static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "", "false", "no", "0": return false
        case "true", "yes", "1": return true
        default: return nil
        }
    }

    /// `true` or `false`, as the store and the JSON keep booleans.
    public static func text(_ value: Bool) -> String { value ? "true" : "false" }
}
