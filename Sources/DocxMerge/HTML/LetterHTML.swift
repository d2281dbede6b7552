/// A merged letter as HTML for the body of an e-mail: paragraphs (with alignment), bold, italic,
/// underline and strike-through, colours and sizes, hyperlinks (relationship targets and
/// `HYPERLINK` fields), numbered and bulleted lists, tables, and pictures, which become related
/// parts referenced as `cid:`. What HTML has no use for (headers, footers, page layout, field codes,
/// deleted text) is left out. Knows nothing of mail beyond the `cid:` names it is given.
///
/// ```swift
/// let html = try LetterHTML(docx: bytes, name: "CT0001.docx", contentIDSuffix: "abc@example.com")
/// html.text      // "<!DOCTYPE html>…"
/// html.images    // [LetterHTML.Image(contentID: "image1.abc@example.com", …)]
/// ```
public struct LetterHTML: Sendable {
    /// A picture of the letter, referenced from the HTML as `cid:<contentID>`.
    public struct Image: Sendable, Equatable {
        public let contentID: String
        public let contentType: String
        public let fileName: String
        public let bytes: [UInt8]
    }

    /// The HTML document, lines ending in LF.
    public let text: String
    /// The pictures, in the order the letter shows them first.
    public let images: [Image]

    /// The HTML document around `body`.
    init(body: String, images: [Image]) {
        text = """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width">
            </head>
            <body style="font-family: Calibri, Arial, sans-serif; font-size: 11pt;">

            """ + body + "</body>\n</html>\n"
        self.images = images
    }

    /// Converts the letter in `docx` (a `.docx` package).
    /// - Parameters:
    ///   - name: the letter's name, for errors.
    ///   - contentIDSuffix: made part of each picture's Content-ID (`image1.<suffix>`), so they are
    ///     unique to the message.
    /// - Throws: `MergeError` when the package or its main part cannot be read.
    public init(docx: [UInt8], name: String, contentIDSuffix: String) throws {
        let archive = try TemplateArchive(bytes: docx, name: name)
        guard let main = archive.entry(named: "word/document.xml") else { throw MergeError.missingPart(file: name, part: "word/document.xml") }
        let document = try XMLPartParser(file: name, part: "word/document.xml").parse(try archive.contents(of: main))
        let relationships = try archive.entry(named: "word/_rels/document.xml.rels").map {
            try HTMLRelationships(XMLPartParser(file: name, part: "word/_rels/document.xml.rels").parse(archive.contents(of: $0)).root)
        } ?? HTMLRelationships()
        let numbering = try archive.entry(named: "word/numbering.xml").map {
            try HTMLNumbering(XMLPartParser(file: name, part: "word/numbering.xml").parse(archive.contents(of: $0)).root)
        } ?? HTMLNumbering()
        var compiler = HTMLCompiler(relationships: relationships, numbering: numbering) { target in
            guard let entry = archive.entry(named: target) else { return nil }
            return try? archive.contents(of: entry)
        }
        // A letter has no marks: every part of it compiles, and its program runs without values.
        guard let program = compiler.compile(document.root), let (body, images) = program.run(slotValues: [], contentIDSuffix: contentIDSuffix) else {
            throw MergeError.brokenXML(file: name, part: "word/document.xml", line: nil, message: compiler.unsupported ?? "no HTML")
        }
        self.init(body: body, images: images)
    }
}

/// `word/_rels/document.xml.rels`: relationship ids to their targets (`media/image1.png`, URLs).
struct HTMLRelationships {
    private var targets: [String: (target: String, external: Bool)] = [:]

    init() {}

    init(_ root: XElement) {
        for element in root.childElements where element.name.localName == "Relationship" {
            guard let id = element.attribute("Id"), let target = element.attribute("Target") else { continue }
            targets[id] = (target, element.attribute("TargetMode") == "External")
        }
    }

    /// An external link's URL.
    func link(_ id: String) -> String? {
        guard let found = targets[id], found.external else { return nil }
        return found.target
    }

    /// An internal part's name in the package (`word/media/image1.png`).
    func part(_ id: String) -> String? {
        guard let found = targets[id], !found.external else { return nil }
        if found.target.hasPrefix("/") { return String(found.target.dropFirst()) }
        var parts = ["word"]
        for piece in found.target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }
}

/// `word/numbering.xml`: whether a list (`numId`) at a level is bulleted or numbered.
struct HTMLNumbering {
    private var abstractOf: [String: String] = [:]
    private var bulleted: Set<String> = []

    init() {}

    init(_ root: XElement) {
        for element in root.childElements {
            if element.isWord("abstractNum"), let id = element.wordAttribute("abstractNumId") {
                for level in element.childElements where level.isWord("lvl") {
                    if level.wordChild("numFmt")?.wordAttribute("val") == "bullet" {
                        bulleted.insert(id + "/" + (level.wordAttribute("ilvl") ?? "0"))
                    }
                }
            } else if element.isWord("num"), let id = element.wordAttribute("numId"),
                      let abstract = element.wordChild("abstractNumId")?.wordAttribute("val") {
                abstractOf[id] = abstract
            }
        }
    }

    func isBulleted(numID: String, level: Int) -> Bool {
        guard let abstract = abstractOf[numID] else { return false }
        return bulleted.contains(abstract + "/" + String(level))
    }
}
