/// A letter's body compiled to HTML once: static HTML pieces, and operations for what only a record
/// decides (field values, `IF` regions, blank paragraphs dropped) or what depends on what came
/// before (list nesting, `HYPERLINK` fields, picture numbers). `HTMLCompiler` makes it from a
/// document tree; `HTMLProgramRun` runs it for one letter.
///
/// Paragraphs, runs and links are *frames*: their content is gathered, then written with the tags
/// of the element that opened it. An `IF` region left out joins the start of one paragraph to the
/// end of a later one, exactly as the rendered letter joins them; the paragraph that opened keeps
/// its tags, list level and alignment.
struct HTMLProgram: Sendable {
    enum Operation: Sendable {
        /// Static HTML: `pieces[index]`.
        case literal(Int)
        /// A field's value, as the renderer writes its run (`\n`, `\r\n`, `\r` a break, `\t` a tab):
        /// escaped text, or with `inInstruction` text added to the field instruction being read. With
        /// `paragraph`, a paragraph mark (U+2029) in the value ends the paragraph and opens this one.
        case slot(Int, inInstruction: Bool, paragraph: HTMLParagraph?)
        /// Opens a paragraph: a list item (`numID`, `level`) or a plain paragraph, with its opening tag.
        case openParagraph(HTMLParagraph)
        /// Opens a run with its formatting tags, written only if the run has content.
        case openRun(open: Int, close: Int)
        /// Opens a link (`<a href>`, or empty tags for a link that is not written as one).
        case openLink(open: Int, close: Int)
        /// Writes the innermost open frame into the one around it.
        case close
        /// Closes every open list (before a table, at the end of a cell).
        case closeLists
        /// A complex field's `begin`, `separate` or `end`.
        case fieldCharacter(FieldCharacter)
        /// Instruction text, added to the field instruction being read.
        case instruction(Int)
        /// A picture: `images[index]`, then `pieces[rest]` (size and alt text).
        case image(Int, rest: Int)
        /// When every listed slot is blank, continue at `resumeAt` (a suppressed blank paragraph).
        case skipWhenBlank(slots: [Int], resumeAt: Int)
        /// Unless the `IF` of test slot `slot` comes out `when`, continue at `resumeAt`.
        case region(slot: Int, when: Bool, resumeAt: Int)
    }

    enum FieldCharacter: Sendable { case begin, separate, end }

    /// A picture the letter shows, read once.
    struct ImageSource: Sendable {
        let contentType: String
        let fileName: String
        let bytes: [UInt8]
    }

    let operations: [Operation]
    let pieces: [String]
    let images: [ImageSource]
    let numbering: HTMLNumbering

    /// Runs the program. `slotValues[i]` is slot `i`'s value (nil: no value; then there is no HTML
    /// and nil is returned). Pictures are named `image<n>.<contentIDSuffix>`.
    func run(slotValues: [String?], contentIDSuffix: String) -> (body: String, images: [LetterHTML.Image])? {
        var state = HTMLProgramRun(program: self, contentIDSuffix: contentIDSuffix)
        guard state.run(slotValues) else { return nil }
        return (state.finished(), state.images)
    }
}

/// How a paragraph is written: a list item or a plain paragraph, with its opening tag.
enum HTMLParagraph: Sendable {
    case listItem(numID: String, level: Int, open: String)
    case plain(open: String)
}

/// One run of an `HTMLProgram`: the output, the open frames, lists, fields and pictures so far.
struct HTMLProgramRun {
    private enum Frame {
        case paragraph(HTMLParagraph)
        case run(open: String, close: String)
        case link(open: String, close: String)
    }

    let program: HTMLProgram
    let contentIDSuffix: String
    private var html = ""
    private var frames: [(frame: Frame, content: String)] = []
    /// The open lists, outermost first: their tag (`ul` or `ol`) and list id.
    private var lists: [(tag: String, numID: String)] = []
    /// The complex fields being read: whether each opened a link.
    private var fields: [Bool] = []
    private var fieldInstruction: String?
    private(set) var images: [LetterHTML.Image] = []
    private var contentIDs: [Int: String] = [:]

    init(program: HTMLProgram, contentIDSuffix: String) {
        self.program = program
        self.contentIDSuffix = contentIDSuffix
    }

    /// False when a slot the program writes has no value.
    mutating func run(_ slotValues: [String?]) -> Bool {
        let operations = program.operations
        var index = 0
        while index < operations.count {
            switch operations[index] {
            case let .literal(piece):
                write(program.pieces[piece])
            case let .slot(slot, inInstruction, paragraph):
                guard let value = slotValues[slot] else { return false }
                writeValue(value, inInstruction: inInstruction, paragraph: paragraph)
            case let .openParagraph(paragraph):
                frames.append((.paragraph(paragraph), ""))
            case let .openRun(open, close):
                frames.append((.run(open: program.pieces[open], close: program.pieces[close]), ""))
            case let .openLink(open, close):
                frames.append((.link(open: program.pieces[open], close: program.pieces[close]), ""))
            case .close:
                closeFrame()
            case .closeLists:
                closeLists(to: -1)
            case let .fieldCharacter(character):
                fieldCharacter(character)
            case let .instruction(piece):
                if fieldInstruction != nil { fieldInstruction! += program.pieces[piece] }
            case let .image(image, rest):
                write("<img src=\"cid:\(contentID(image))" + program.pieces[rest])
            case let .skipWhenBlank(slots, resumeAt):
                if slots.allSatisfy({ slotValues[$0]?.isEmpty == true }) {
                    index = resumeAt
                    continue
                }
            case let .region(slot, when, resumeAt):
                if (slotValues[slot] == "1") != when {
                    index = resumeAt
                    continue
                }
            }
            index += 1
        }
        return true
    }

    /// The body's HTML once every frame and list is closed.
    mutating func finished() -> String {
        while !frames.isEmpty { closeFrame() }
        closeLists(to: -1)
        return html
    }

    private mutating func write(_ text: String) {
        if frames.isEmpty { html += text } else { frames[frames.count - 1].content += text }
    }

    private mutating func closeFrame() {
        guard let (frame, content) = frames.popLast() else { return }
        switch frame {
        case let .paragraph(.listItem(numID, level, open)):
            openList(numID: numID, level: level)
            write(open + content + "</li>\n")
        case let .paragraph(.plain(open)):
            closeLists(to: -1)
            write(open + (content.isEmpty ? "&nbsp;" : content) + "</p>\n")
        case let .run(open, close):
            if !content.isEmpty { write(open + content + close) }
        case let .link(open, close):
            write(open + content + close)
        }
    }

    private mutating func openList(numID: String, level: Int) {
        if lists.count > level + 1 { closeLists(to: level) }
        if lists.count == level + 1, lists[level].numID != numID { closeLists(to: level - 1) }
        while lists.count < level + 1 {
            let tag = program.numbering.isBulleted(numID: numID, level: lists.count) ? "ul" : "ol"
            write("<\(tag)>\n")
            lists.append((tag, numID))
        }
    }

    /// Closes open lists until only those at levels up to `level` stay (-1: all).
    private mutating func closeLists(to level: Int) {
        while lists.count > level + 1 {
            write("</\(lists.removeLast().tag)>\n")
        }
    }

    /// A complex field's `begin`, `separate` or `end`: a `HYPERLINK` field's result becomes a link.
    private mutating func fieldCharacter(_ character: HTMLProgram.FieldCharacter) {
        switch character {
        case .begin:
            fieldInstruction = ""
            fields.append(false)
        case .separate:
            if let instruction = fieldInstruction, !fields.isEmpty {
                fieldInstruction = nil
                if let url = HTMLText.hyperlinkTarget(instruction) {
                    fields[fields.count - 1] = true
                    write("<a href=\"\(HTMLText.escape(url, attribute: true))\">")
                }
            }
        case .end:
            fieldInstruction = nil
            if fields.popLast() == true { write("</a>") }
        }
    }

    /// A value as the renderer writes it in a run: text, and a break for each line end, a tab for
    /// each tab (`\r\n` is one line end).
    private mutating func writeValue(_ value: String, inInstruction: Bool, paragraph: HTMLParagraph?) {
        var text = ""
        var previousWasCR = false
        func flush(_ run: inout HTMLProgramRun) {
            guard !text.isEmpty else { return }
            if inInstruction {
                if run.fieldInstruction != nil { run.fieldInstruction! += text }
            } else {
                run.write(HTMLText.escape(text, attribute: false))
            }
            text = ""
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\u{2029}" where paragraph != nil:
                flush(&self)
                breakParagraph(opening: paragraph!)
                previousWasCR = false
            case "\n", "\r", "\t":
                defer { previousWasCR = scalar == "\r" }
                if scalar == "\n" && previousWasCR { continue }
                flush(&self)
                write(scalar == "\t" ? "&emsp;" : "<br>")
            default:
                previousWasCR = false
                text.unicodeScalars.append(scalar)
            }
        }
        flush(&self)
    }

    /// Ends the value's run and its paragraph, and opens `paragraph` with a run formatted as before.
    private mutating func breakParagraph(opening paragraph: HTMLParagraph) {
        guard case let .run(open, close)? = frames.last?.frame else { return }
        closeFrame()
        while let last = frames.last {
            closeFrame()
            if case .paragraph = last.frame { break }
        }
        frames.append((.paragraph(paragraph), ""))
        frames.append((.run(open: open, close: close), ""))
    }

    /// The Content-ID of picture `image`, numbering it the first time the letter shows it.
    private mutating func contentID(_ image: Int) -> String {
        if let known = contentIDs[image] { return known }
        let source = program.images[image]
        let contentID = "image\(images.count + 1).\(contentIDSuffix)"
        images.append(LetterHTML.Image(contentID: contentID, contentType: source.contentType, fileName: source.fileName, bytes: source.bytes))
        contentIDs[image] = contentID
        return contentID
    }
}
