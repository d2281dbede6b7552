/// Language codes matched as domain.md says: case-insensitively, first exactly, then on the primary
/// subtag (`nb` matches `nb-NO`).
public enum LanguageMatch {
    /// The code among `available` that serves `wanted`, or nil. Empty codes never match.
    public static func best(for wanted: String, in available: [String]) -> String? {
        guard !wanted.isEmpty else { return nil }
        let lowered = wanted.lowercased()
        if let exact = available.first(where: { !$0.isEmpty && $0.lowercased() == lowered }) { return exact }
        let primary = primarySubtag(lowered)
        return available.first { !$0.isEmpty && primarySubtag($0.lowercased()) == primary }
    }

    static func primarySubtag(_ code: String) -> Substring {
        code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? Substring(code)
    }
}
