import Relationship

/// Printing a segment's issues as `error:` and `warning:` lines on stderr.
enum IssueLines {
    /// The warnings `segment merge` and `segment log` print (and keep) before their work; `segment
    /// check` lists them all.
    static let warningLimit = 20

    /// Prints every error, then the warnings up to `warningLimit` and how many more there are.
    static func print(_ issues: [SegmentIssue], segment: String, unlistedWarnings: Int = 0, warningLimit: Int = .max) {
        for issue in issues.errors { Terminal.error(issue.text) }
        printWarnings(issues, unlisted: unlistedWarnings, segment: segment, limit: warningLimit)
    }

    /// Prints the warnings up to `limit`, then how many more there are (with the `unlisted` ones, found
    /// but not kept).
    static func printWarnings(_ issues: [SegmentIssue], unlisted: Int, segment: String, limit: Int = .max) {
        let warnings = issues.warnings
        for issue in warnings.prefix(limit) { Terminal.warning(issue.text) }
        let more = max(0, warnings.count - limit) + unlisted
        if more > 0 {
            Terminal.warning("… and \(Terminal.count(more, "more warning")) (see 'lettershop segment check \(segment)')")
        }
    }
}
