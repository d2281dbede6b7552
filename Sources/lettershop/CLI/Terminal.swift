#if canImport(Glibc)
import Glibc
#endif

/// Writing to stdout and stderr, and what the user is told.
enum Terminal {
    static func print(_ line: String) {
        Swift.print(SafeText.layout(line))
    }

    /// `error: MESSAGE` on stderr, on one line: any control character in the message is escaped.
    static func error(_ message: String) {
        writeError("error: \(SafeText.field(message))\n")
    }

    static func warning(_ message: String) {
        writeError("warning: \(SafeText.field(message))\n")
    }

    static func note(_ message: String) {
        writeError("note: \(SafeText.field(message))\n")
    }

    /// Writes `text` as it is: only for text made here (the progress bar's own control sequences).
    static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// True when stderr is a terminal (then long work shows a progress bar).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// "1 document", "2 documents".
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : (plural ?? singular + "s"))"
    }
}

/// One progress line on stderr (`merging 1,234/5,000  410/s  8 s left`), redrawn at most four
/// times a second, only when stderr is a terminal and not `--quiet`; erased when the work ends, so
/// the summary line stays alone.
final class ProgressBar {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let started = ProgressBar.now()
    private var lastDrawn = -1.0
    private var drawnAny = false

    /// Redraws per second, at most.
    static let rate = 4.0

    /// `total`: nil or 0 when unknown (then no time left is shown).
    init(total: Int?, label: String, quiet: Bool = false) {
        self.total = total ?? 0
        self.label = label
        enabled = !quiet && Terminal.stderrIsTerminal
    }

    /// Whether the line is drawn at all (worth counting a total for).
    static func shown(quiet: Bool) -> Bool { !quiet && Terminal.stderrIsTerminal }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = Self.now()
        guard now - lastDrawn >= 1 / Self.rate || (total > 0 && done >= total) else { return }
        lastDrawn = now
        drawnAny = true
        Terminal.writeError("\r\u{1B}[K" + Self.line(label: label, done: done, total: total, seconds: now - started))
    }

    func finish() {
        guard enabled, drawnAny else { return }
        Terminal.writeError("\r\u{1B}[K")
    }

    /// The text of the line.
    static func line(label: String, done: Int, total: Int, seconds: Double) -> String {
        let perSecond = seconds > 0 ? Double(done) / seconds : 0
        var text = label + " " + (total > 0 ? "\(done)/\(total)" : "\(done)")
        text += "  \(Int(perSecond.rounded()))/s"
        if total > 0, perSecond > 0, done < total {
            let left = Int((Double(total - done) / perSecond).rounded(.up))
            text += left >= 60 ? "  \(left / 60) min \(left % 60) s left" : "  \(left) s left"
        }
        return text
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
