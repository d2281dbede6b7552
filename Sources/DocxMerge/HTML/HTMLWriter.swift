/// Walks a letter's body and writes HTML: blocks (paragraphs, lists, tables), then runs.
struct HTMLWriter {
    let relationships: HTMLRelationships
    let numbering: HTMLNumbering
    let contentIDSuffix: String
    /// Reads a part of the package by name.
    let readPart: (String) -> [UInt8]?
    private(set) var html = ""
    private(set) var images: [LetterHTML.Image] = []
    private var imageIDs: [String: String] = [:]
    /// The open lists, outermost first: their tag (`ul` or `ol`) and list id.
    private var lists: [(tag: String, numID: String)] = []
    /// The `HYPERLINK` fields being read: nil for another field, else whether its link is open.
    private var fields: [(instruction: String, opened: Bool)?] = []
    private var fieldInstruction: String?

    init(relationships: HTMLRelationships, numbering: HTMLNumbering, contentIDSuffix: String, readPart: @escaping (String) -> [UInt8]?) {
        self.relationships = relationships
        self.numbering = numbering
        self.contentIDSuffix = contentIDSuffix
        self.readPart = readPart
    }

    // MARK: Blocks

    /// The block content of `container` (the body, a table cell, a content control).
    mutating func blocks(_ container: XElement) {
        for element in container.childElements {
            if element.isWord("p") {
                paragraph(element)
            } else if element.isWord("tbl") {
                closeLists(to: -1)
                table(element)
            } else if element.isWord("sdt"), let content = element.wordChild("sdtContent") {
                blocks(content)
            } else if element.isWord("customXml") || element.isWord("ins") {
                blocks(element)
            }
        }
    }

    private mutating func paragraph(_ element: XElement) {
        let properties = element.wordChild("pPr")
        var style: [String] = []
        switch properties?.wordChild("jc")?.wordAttribute("val") {
        case "center"?: style.append("text-align: center")
        case "right"?, "end"?: style.append("text-align: right")
        case "both"?, "distribute"?: style.append("text-align: justify")
        default: break
        }
        let inner = runs(of: element)
        if let list = properties?.wordChild("numPr"), let numID = list.wordChild("numId")?.wordAttribute("val"), numID != "0" {
            let level = max(0, min(8, Int(list.wordChild("ilvl")?.wordAttribute("val") ?? "0") ?? 0))
            openList(numID: numID, level: level)
            html += "<li\(Self.styleAttribute(style))>\(inner)</li>\n"
            return
        }
        closeLists(to: -1)
        let empty = inner.isEmpty
        html += "<p style=\"margin: 0 0 8pt 0\(style.map { "; " + $0 }.joined())\">\(empty ? "&nbsp;" : inner)</p>\n"
    }

    private mutating func openList(numID: String, level: Int) {
        if lists.count > level + 1 { closeLists(to: level) }
        if lists.count == level + 1, lists[level].numID != numID { closeLists(to: level - 1) }
        while lists.count < level + 1 {
            let tag = numbering.isBulleted(numID: numID, level: lists.count) ? "ul" : "ol"
            html += "<\(tag)>\n"
            lists.append((tag, numID))
        }
    }

    /// Closes open lists until only those at levels up to `level` stay (-1: all).
    mutating func closeLists(to level: Int) {
        while lists.count > level + 1 {
            html += "</\(lists.removeLast().tag)>\n"
        }
    }

    private mutating func table(_ element: XElement) {
        let outer = lists
        lists = []
        html += "<table style=\"border-collapse: collapse\">\n"
        for row in element.childElements where row.isWord("tr") {
            html += "<tr>"
            for cell in row.childElements where cell.isWord("tc") {
                let span = Int(cell.wordChild("tcPr")?.wordChild("gridSpan")?.wordAttribute("val") ?? "1") ?? 1
                html += span > 1 ? "<td colspan=\"\(span)\" style=\"\(Self.cellStyle)\">\n" : "<td style=\"\(Self.cellStyle)\">\n"
                blocks(cell)
                closeLists(to: -1)
                html += "</td>"
            }
            html += "</tr>\n"
        }
        html += "</table>\n"
        lists = outer
    }

    private static let cellStyle = "border: 1px solid #999999; padding: 2pt 4pt; vertical-align: top"

    // MARK: Runs

    /// The inline HTML of a paragraph's runs, hyperlinks and fields.
    private mutating func runs(of container: XElement) -> String {
        var out = ""
        for element in container.childElements {
            if element.isWord("r") {
                out += run(element)
            } else if element.isWord("hyperlink") {
                let inner = runs(of: element)
                if let id = element.attributes.first(where: { $0.name.localName == "id" })?.value, let url = relationships.link(id),
                   let safe = Self.safeURL(url) {
                    out += "<a href=\"\(Self.escape(safe, attribute: true))\">\(inner)</a>"
                } else {
                    out += inner
                }
            } else if element.isWord("fldSimple") {
                let inner = runs(of: element)
                if let url = Self.hyperlinkTarget(element.wordAttribute("instr") ?? "") {
                    out += "<a href=\"\(Self.escape(url, attribute: true))\">\(inner)</a>"
                } else {
                    out += inner
                }
            } else if element.isWord("smartTag") || element.isWord("ins") || element.isWord("customXml") {
                out += runs(of: element)
            } else if element.isWord("sdt"), let content = element.wordChild("sdtContent") {
                out += runs(of: content)
            }
        }
        return out
    }

    private mutating func run(_ element: XElement) -> String {
        var text = ""
        for child in element.childElements {
            if child.isWord("t") {
                text += Self.escape(child.textContent, attribute: false)
            } else if child.isWord("tab") {
                text += "&emsp;"
            } else if child.isWord("br") || child.isWord("cr") {
                if child.wordAttribute("type") != "page" { text += "<br>" }
            } else if child.isWord("noBreakHyphen") {
                text += "&#8209;"
            } else if child.isWord("fldChar") {
                text += fieldCharacter(child.wordAttribute("fldCharType") ?? "")
            } else if child.isWord("instrText") {
                if fieldInstruction != nil { fieldInstruction! += child.textContent }
            } else if child.name.localName == "drawing" || child.name.localName == "AlternateContent" || child.isWord("pict") {
                text += picture(child)
            }
        }
        guard !text.isEmpty else { return "" }
        return Self.formatted(text, properties: element.wordChild("rPr"))
    }

    /// A complex field's `begin`, `separate` or `end`: a `HYPERLINK` field's result becomes a link.
    private mutating func fieldCharacter(_ type: String) -> String {
        switch type {
        case "begin":
            fieldInstruction = ""
            fields.append(nil)
        case "separate":
            if let instruction = fieldInstruction, !fields.isEmpty {
                fieldInstruction = nil
                if let url = Self.hyperlinkTarget(instruction) {
                    fields[fields.count - 1] = (instruction, true)
                    return "<a href=\"\(Self.escape(url, attribute: true))\">"
                }
            }
        case "end":
            fieldInstruction = nil
            if let last = fields.popLast(), last?.opened == true { return "</a>" }
        default: break
        }
        return ""
    }

    /// A picture: its first `a:blip`'s image as a related part, sized from `wp:extent`.
    private mutating func picture(_ element: XElement) -> String {
        var embed: String?
        var size: (Int, Int)?
        var alt = ""
        element.forEachElement { node in
            if node.name.localName == "Fallback" { return }
            if embed == nil, node.name.localName == "blip" || node.name.localName == "imagedata" {
                embed = node.attributes.first { $0.name.localName == "embed" || $0.name.localName == "id" }?.value
            }
            if size == nil, node.name.localName == "extent", let cx = node.attribute("cx").flatMap(Int.init), let cy = node.attribute("cy").flatMap(Int.init) {
                size = (cx / 9525, cy / 9525)
            }
            if alt.isEmpty, node.name.localName == "docPr" { alt = node.attribute("descr") ?? node.attribute("name") ?? "" }
        }
        guard let embed, let part = relationships.part(embed), let contentID = image(part) else { return "" }
        let dimensions = size.map { " width=\"\($0.0)\" height=\"\($0.1)\"" } ?? ""
        return "<img src=\"cid:\(contentID)\"\(dimensions) alt=\"\(Self.escape(alt, attribute: true))\">"
    }

    /// The Content-ID of the picture in `part`, adding it the first time.
    private mutating func image(_ part: String) -> String? {
        if let known = imageIDs[part] { return known }
        guard let bytes = readPart(part) else { return nil }
        let name = String(part.split(separator: "/").last ?? "image")
        let contentType: String
        switch name.split(separator: ".").last?.lowercased() {
        case "png"?: contentType = "image/png"
        case "jpg"?, "jpeg"?: contentType = "image/jpeg"
        case "gif"?: contentType = "image/gif"
        case "bmp"?: contentType = "image/bmp"
        case "svg"?: contentType = "image/svg+xml"
        default: return nil
        }
        let contentID = "image\(images.count + 1).\(contentIDSuffix)"
        images.append(LetterHTML.Image(contentID: contentID, contentType: contentType, fileName: name, bytes: bytes))
        imageIDs[part] = contentID
        return contentID
    }

    // MARK: Formatting

    /// `text` inside the tags and style a run's properties ask for.
    static func formatted(_ text: String, properties: XElement?) -> String {
        guard let properties else { return text }
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
        var out = text
        if on("strike") { out = "<s>\(out)</s>" }
        if on("u") { out = "<u>\(out)</u>" }
        if on("i") { out = "<i>\(out)</i>" }
        if on("b") { out = "<b>\(out)</b>" }
        if let align = properties.wordChild("vertAlign")?.wordAttribute("val") {
            if align == "superscript" { out = "<sup>\(out)</sup>" } else if align == "subscript" { out = "<sub>\(out)</sub>" }
        }
        return style.isEmpty ? out : "<span style=\"\(style.joined(separator: "; "))\">\(out)</span>"
    }

    private static let highlightColors = ["yellow": "#ffff00", "green": "#00ff00", "cyan": "#00ffff", "magenta": "#ff00ff",
                                          "blue": "#0000ff", "red": "#ff0000", "lightGray": "#d3d3d3", "darkGray": "#a9a9a9"]

    private static func styleAttribute(_ style: [String]) -> String {
        style.isEmpty ? "" : " style=\"\(style.joined(separator: "; "))\""
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
}
