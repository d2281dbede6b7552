/// One thing `segment check` found: an error stops `log`, a warning does not.
public struct SegmentIssue: Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public let severity: Severity
    /// A stable code: `no-lines`, `privacy-blocked`, `no-postal-address`, …
    public let code: String
    /// The line concerned; nil for the segment as a whole.
    public let lineNo: Int?
    public let contactNo: String?
    public let message: String

    public init(_ severity: Severity, _ code: String, line: SegmentLine? = nil, _ message: String) {
        self.severity = severity
        self.code = code
        lineNo = line?.lineNo
        contactNo = line?.contactNo
        self.message = message
    }

    /// `line 10000 (CT000010): no InteractionTemplate`, or the message alone.
    public var text: String {
        guard let lineNo else { return message }
        return "line \(lineNo) (\(contactNo ?? "")): \(message)"
    }
}

extension Array where Element == SegmentIssue {
    public var errors: [SegmentIssue] { filter { $0.severity == .error } }
    public var warnings: [SegmentIssue] { filter { $0.severity == .warning } }
}
