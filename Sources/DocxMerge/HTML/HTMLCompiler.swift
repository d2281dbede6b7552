/// Compiles a document body into an `HTMLProgram`: blocks (paragraphs, lists, tables), then runs.
///
/// Given a letter, everything but list nesting, fields and picture numbers is static. Given a
/// template's document with `HTMLMarks` (field runs and the edges of `IF` regions and blank
/// paragraphs marked), the values and the regions are left to each record. A region whose edges
/// sit where joining its two ends could not be done frame by frame (across table cells, say, or
/// inside a text box the HTML leaves out) makes the template unsupported: `unsupported` says why,
/// and its letters are converted one by one instead.
struct HTMLCompiler {
    let relationships: HTMLRelationships
    let numbering: HTMLNumbering
    let marks: HTMLMarks?
    /// Reads a part of the package by name.
    let readPart: (String) -> [UInt8]?

    private var operations: [HTMLProgram.Operation] = []
    private var pieces: [String] = []
    private var staticText = ""
    private var images: [HTMLProgram.ImageSource] = []
    private var imageIndex: [String: Int?] = [:]
    /// The elements around the current position that matter for joining a region's ends.
    private var path: [PathEntry] = []
    /// Control operations waiting for their resume point, by the XML operation they resume at.
    private var pending: [Int: [(operation: Int, path: [PathEntry], isRegion: Bool)]] = [:]
    private var regionsReached = 0
    /// Why the template cannot be compiled, if it cannot.
    private(set) var unsupported: String?

    private struct PathEntry: Equatable {
        enum Kind: Equatable { case paragraph, link, transparent, table }
        let id: ObjectIdentifier
        let kind: Kind
    }

    init(relationships: HTMLRelationships, numbering: HTMLNumbering, marks: HTMLMarks? = nil, readPart: @escaping (String) -> [UInt8]?) {
        self.relationships = relationships
        self.numbering = numbering
        self.marks = marks
        self.readPart = readPart
    }

    /// The program of `root`'s `w:body`; nil (with `unsupported` set) when a marked template cannot
    /// be compiled.
    mutating func compile(_ root: XElement) -> HTMLProgram? {
        if let body = root.wordChild("body") { blocks(body) }
        flush()
        if unsupported == nil, !pending.isEmpty { unsupported = "an IF region or blank paragraph whose end the HTML does not reach" }
        if unsupported == nil, let marks, regionsReached != marks.regionCount {
            unsupported = "an IF region in a part of the body the HTML leaves out (a text box, deleted text)"
        }
        guard unsupported == nil else { return nil }
        return HTMLProgram(operations: operations, pieces: pieces, images: images, numbering: numbering)
    }

    // MARK: Output

    private mutating func emit(_ text: String) { staticText += text }

    private mutating func emit(_ operation: HTMLProgram.Operation) {
        flush()
        operations.append(operation)
    }

    private mutating func flush() {
        guard !staticText.isEmpty else { return }
        operations.append(.literal(piece(staticText)))
        staticText = ""
    }

    private mutating func piece(_ text: String) -> Int {
        pieces.append(text)
        return pieces.count - 1
    }

    private mutating func enter(_ element: XElement, _ kind: PathEntry.Kind) {
        if marks != nil { path.append(PathEntry(id: ObjectIdentifier(element), kind: kind)) }
    }

    private mutating func leave() {
        if marks != nil { path.removeLast() }
    }

    // MARK: Marks

    /// A mark outside a run: the edge of a region or a blank paragraph, or where one resumes.
    private mutating func mark(_ raw: XRaw) {
        guard let marks, let mark = HTMLMarks.mark(raw) else { return }
        switch mark {
        case .slot:
            break // a field's run at block level: the HTML writes no run there
        case let .control(index):
            guard let control = marks.controls[index] else { return }
            let isRegion: Bool
            if case .region = control.operation { isRegion = true; regionsReached += 1 } else { isRegion = false }
            emit(control.operation)
            pending[control.resumeAt, default: []].append((operations.count - 1, path, isRegion))
        case let .resume(index):
            flush()
            for waiting in pending.removeValue(forKey: index) ?? [] {
                if !Self.joinable(waiting.path, path, isRegion: waiting.isRegion) {
                    unsupported = unsupported ?? "an IF region whose ends lie in different table cells or kinds of element"
                }
                switch operations[waiting.operation] {
                case let .skipWhenBlank(slots, _): operations[waiting.operation] = .skipWhenBlank(slots: slots, resumeAt: operations.count)
                case let .region(slot, when, _): operations[waiting.operation] = .region(slot: slot, when: when, resumeAt: operations.count)
                default: break
                }
            }
        }
    }

    /// Whether skipping from a control at `start` to its resume point at `end` leaves the frames
    /// balanced: a blank paragraph's edges are siblings; a region's ends may lie in different
    /// paragraphs or links, but not across tables, and with the same frames on both sides.
    private static func joinable(_ start: [PathEntry], _ end: [PathEntry], isRegion: Bool) -> Bool {
        var common = 0
        while common < start.count, common < end.count, start[common] == end[common] { common += 1 }
        let left = start[common...]
        let right = end[common...]
        guard isRegion else { return left.isEmpty && right.isEmpty }
        guard !left.contains(where: { $0.kind == .table }), !right.contains(where: { $0.kind == .table }) else { return false }
        return left.map(\.kind).filter { $0 != .transparent } == right.map(\.kind).filter { $0 != .transparent }
    }

    // MARK: Blocks

    /// The block content of `container` (the body, a table cell, a content control).
    private mutating func blocks(_ container: XElement) {
        for child in container.children {
            if let raw = child as? XRaw {
                mark(raw)
                continue
            }
            guard let element = child as? XElement else { continue }
            if element.isWord("p") {
                paragraph(element)
            } else if element.isWord("tbl") {
                emit(.closeLists)
                table(element)
            } else if element.isWord("sdt"), let content = element.wordChild("sdtContent") {
                enter(element, .transparent)
                enter(content, .transparent)
                blocks(content)
                leave()
                leave()
            } else if element.isWord("customXml") || element.isWord("ins") {
                enter(element, .transparent)
                blocks(element)
                leave()
            }
        }
    }

    private mutating func paragraph(_ element: XElement) {
        enter(element, .paragraph)
        emit(.openParagraph(Self.paragraphKind(element.wordChild("pPr"))))
        runs(of: element)
        emit(.close)
        leave()
    }

    /// A list item or a plain paragraph, with its alignment, from a paragraph's properties.
    private static func paragraphKind(_ properties: XElement?) -> HTMLParagraph {
        var style: [String] = []
        switch properties?.wordChild("jc")?.wordAttribute("val") {
        case "center"?: style.append("text-align: center")
        case "right"?, "end"?: style.append("text-align: right")
        case "both"?, "distribute"?: style.append("text-align: justify")
        default: break
        }
        if let list = properties?.wordChild("numPr"), let numID = list.wordChild("numId")?.wordAttribute("val"), numID != "0" {
            let level = max(0, min(8, Int(list.wordChild("ilvl")?.wordAttribute("val") ?? "0") ?? 0))
            return .listItem(numID: numID, level: level, open: "<li\(style.isEmpty ? "" : " style=\"\(style.joined(separator: "; "))\"")>")
        }
        return .plain(open: "<p style=\"margin: 0 0 8pt 0\(style.map { "; " + $0 }.joined())\">")
    }

    private mutating func table(_ element: XElement) {
        enter(element, .table)
        emit("<table style=\"border-collapse: collapse\">\n")
        for row in element.childElements where row.isWord("tr") {
            enter(row, .table)
            emit("<tr>")
            for cell in row.childElements where cell.isWord("tc") {
                enter(cell, .table)
                let span = Int(cell.wordChild("tcPr")?.wordChild("gridSpan")?.wordAttribute("val") ?? "1") ?? 1
                emit(span > 1 ? "<td colspan=\"\(span)\" style=\"\(Self.cellStyle)\">\n" : "<td style=\"\(Self.cellStyle)\">\n")
                blocks(cell)
                emit(.closeLists)
                emit("</td>")
                leave()
            }
            emit("</tr>\n")
            leave()
        }
        emit("</table>\n")
        leave()
    }

    private static let cellStyle = "border: 1px solid #999999; padding: 2pt 4pt; vertical-align: top"

    // MARK: Runs

    /// The inline content of a paragraph: runs, hyperlinks and fields.
    private mutating func runs(of container: XElement) {
        for child in container.children {
            if let raw = child as? XRaw {
                mark(raw)
                continue
            }
            guard let element = child as? XElement else { continue }
            if element.isWord("r") {
                run(element)
            } else if element.isWord("hyperlink") {
                var url: String?
                if let id = element.attributes.first(where: { $0.name.localName == "id" })?.value, let target = relationships.link(id) {
                    url = HTMLText.safeURL(target)
                }
                link(element, url: url)
            } else if element.isWord("fldSimple") {
                link(element, url: HTMLText.hyperlinkTarget(element.wordAttribute("instr") ?? ""))
            } else if element.isWord("smartTag") || element.isWord("ins") || element.isWord("customXml") {
                enter(element, .transparent)
                runs(of: element)
                leave()
            } else if element.isWord("sdt"), let content = element.wordChild("sdtContent") {
                enter(element, .transparent)
                enter(content, .transparent)
                runs(of: content)
                leave()
                leave()
            }
        }
    }

    /// A hyperlink or a simple field: a link when it has a URL HTML may take, else its content only.
    private mutating func link(_ element: XElement, url: String?) {
        let open = url.map { "<a href=\"\(HTMLText.escape($0, attribute: true))\">" } ?? ""
        enter(element, .link)
        emit(.openLink(open: piece(open), close: piece(url == nil ? "" : "</a>")))
        runs(of: element)
        emit(.close)
        leave()
    }

    private enum RunPart {
        case text(String)
        case operation(HTMLProgram.Operation)
    }

    private mutating func run(_ element: XElement) {
        var parts: [RunPart] = []
        var text = ""
        var dynamic = false
        func add(_ operation: HTMLProgram.Operation) {
            if !text.isEmpty { parts.append(.text(text)) }
            text = ""
            parts.append(.operation(operation))
            dynamic = true
        }
        for (index, child) in element.children.enumerated() {
            if let raw = child as? XRaw {
                guard let marks, let mark = HTMLMarks.mark(raw) else { continue }
                if case let .slot(slot) = mark {
                    // A field over paragraphs: the paragraph its value's marks open follows the mark.
                    let next = element.children.dropFirst(index + 1).first as? XElement
                    let paragraph = next.flatMap { $0.isWord("p") ? Self.paragraphKind($0.wordChild("pPr")) : nil }
                    add(.slot(slot, inInstruction: marks.slotsInInstruction.contains(slot), paragraph: paragraph))
                } else {
                    unsupported = unsupported ?? "an IF region edge inside a run"
                }
                continue
            }
            guard let child = child as? XElement else { continue }
            if child.isWord("t") {
                text += HTMLText.escape(child.textContent, attribute: false)
            } else if child.isWord("tab") {
                text += "&emsp;"
            } else if child.isWord("br") || child.isWord("cr") {
                if child.wordAttribute("type") != "page" { text += "<br>" }
            } else if child.isWord("noBreakHyphen") {
                text += "&#8209;"
            } else if child.isWord("fldChar") {
                switch child.wordAttribute("fldCharType") {
                case "begin"?: add(.fieldCharacter(.begin))
                case "separate"?: add(.fieldCharacter(.separate))
                case "end"?: add(.fieldCharacter(.end))
                default: break
                }
            } else if child.isWord("instrText") {
                add(.instruction(piece(child.textContent)))
            } else if child.name.localName == "drawing" || child.name.localName == "AlternateContent" || child.isWord("pict") {
                if let (image, rest) = picture(child) { add(.image(image, rest: piece(rest))) }
            }
        }
        let (open, close) = HTMLText.formatting(element.wordChild("rPr"))
        guard dynamic else {
            if !text.isEmpty { emit(open + text + close) }
            return
        }
        if !text.isEmpty { parts.append(.text(text)) }
        emit(.openRun(open: piece(open), close: piece(close)))
        for part in parts {
            switch part {
            case let .text(text): emit(text)
            case let .operation(operation): emit(operation)
            }
        }
        emit(.close)
    }

    /// A picture: its first `a:blip`'s image, sized from `wp:extent`; what follows its `cid:` URL.
    private mutating func picture(_ element: XElement) -> (image: Int, rest: String)? {
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
        guard let embed, let part = relationships.part(embed), let image = image(part) else { return nil }
        let dimensions = size.map { " width=\"\($0.0)\" height=\"\($0.1)\"" } ?? ""
        return (image, "\"\(dimensions) alt=\"\(HTMLText.escape(alt, attribute: true))\">")
    }

    /// The picture in `part`, read the first time; nil when it cannot be read or is no picture HTML shows.
    private mutating func image(_ part: String) -> Int? {
        if let known = imageIndex[part] { return known }
        var found: Int?
        let name = String(part.split(separator: "/").last ?? "image")
        let contentType: String?
        switch name.split(separator: ".").last?.lowercased() {
        case "png"?: contentType = "image/png"
        case "jpg"?, "jpeg"?: contentType = "image/jpeg"
        case "gif"?: contentType = "image/gif"
        case "bmp"?: contentType = "image/bmp"
        case "svg"?: contentType = "image/svg+xml"
        default: contentType = nil
        }
        if let contentType, let bytes = readPart(part) {
            images.append(HTMLProgram.ImageSource(contentType: contentType, fileName: name, bytes: bytes))
            found = images.count - 1
        }
        imageIndex[part] = found
        return found
    }
}
