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

/// A progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var lastDrawn = -1

    init(total: Int?, label: String) {
        self.total = total ?? 0
        self.label = label
        self.enabled = Terminal.stderrIsTerminal
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let step = total > 0 ? done * 40 / total : done / 1000
        guard step != lastDrawn else { return }
        lastDrawn = step
        if total > 0 {
            let bar = String(repeating: "#", count: step) + String(repeating: ".", count: 40 - min(40, step))
            Terminal.writeError("\r\(label) [\(bar)] \(done)/\(total)")
        } else {
            Terminal.writeError("\r\(label) \(done)")
        }
    }

    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        Terminal.writeError("\r\u{1B}[K")
    }
}
