/// The small rules of the HTML a letter becomes: escaping, the URLs a link may take, and the tags a
/// run's formatting asks for.
enum HTMLText {
    static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The URL of a `HYPERLINK "url"` field instruction; only `http`, `https` and `mailto`.
    static func hyperlinkTarget(_ instruction: String) -> String? {
        let trimmed = instruction.drop { $0 == " " }
        guard trimmed.uppercased().hasPrefix("HYPERLINK") else { return nil }
        let rest = trimmed.dropFirst("HYPERLINK".count).drop { $0 == " " }
        let url: Substring
        if rest.hasPrefix("\""), let close = rest.dropFirst().firstIndex(of: "\"") {
            url = rest[rest.index(after: rest.startIndex)..<close]
        } else {
            url = rest.prefix { $0 != " " }
        }
        return safeURL(String(url))
    }

    /// `url` when it is an `http`, `https` or `mailto` URL; nil for anything else (`javascript:`…).
    static func safeURL(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") else { return nil }
        return url
    }

    /// The tags around a run's text for its properties: strike-through innermost, then underline,
    /// italic, bold, super- or subscript, and a `span` for colour, size and highlight outermost.
    static func formatting(_ properties: XElement?) -> (open: String, close: String) {
        guard let properties else { return ("", "") }
        func on(_ name: String) -> Bool {
            guard let element = properties.wordChild(name) else { return false }
            let value = element.wordAttribute("val") ?? "true"
            return !["0", "false", "off", "none"].contains(value)
        }
        var style: [String] = []
        if let color = properties.wordChild("color")?.wordAttribute("val"), color.count == 6, color.allSatisfy(\.isHexDigit) {
            style.append("color: #\(color)")
        }
        if let size = properties.wordChild("sz")?.wordAttribute("val").flatMap(Int.init), size > 0, size < 2000 {
            style.append(size % 2 == 0 ? "font-size: \(size / 2)pt" : "font-size: \(size / 2).5pt")
        }
        if let fill = properties.wordChild("highlight")?.wordAttribute("val"), let css = highlightColors[fill] {
            style.append("background-color: \(css)")
        }
        var open = ""
        var close = ""
        func wrap(_ tag: String) {
            open = "<\(tag)>" + open
            close += "</\(tag)>"
        }
        if on("strike") { wrap("s") }
        if on("u") { wrap("u") }
        if on("i") { wrap("i") }
        if on("b") { wrap("b") }
        if let align = properties.wordChild("vertAlign")?.wordAttribute("val") {
            if align == "superscript" { wrap("sup") } else if align == "subscript" { wrap("sub") }
        }
        if !style.isEmpty {
            open = "<span style=\"\(style.joined(separator: "; "))\">" + open
            close += "</span>"
        }
        return (open, close)
    }

    private static let highlightColors = ["yellow": "#ffff00", "green": "#00ff00", "cyan": "#00ffff", "magenta": "#ff00ff",
                                          "blue": "#0000ff", "red": "#ff0000", "lightGray": "#d3d3d3", "darkGray": "#a9a9a9"]
}
