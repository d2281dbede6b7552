internal import CLibDeflate

/// Every entry of a template's package checked once, when the template is opened, whether or not
/// the compiler parses it, so nothing of a template reaches a letter unchecked: a safe name, no
/// two names a zip reader or Word would take for one, a supported method (stored or deflate), the
/// inflated size the header declares and within the limit, a CRC-32 that matches, and in every XML
/// part no DOCTYPE and no encoding but UTF-8 or UTF-16. `[Content_Types].xml` must be present.
///
/// Each entry is inflated once, a chunk at a time, so the check holds no more than one chunk.
struct PackageInspection {
    static let contentTypesPart = "[Content_Types].xml"

    let archive: TemplateArchive

    /// - Throws: `MergeError.entryRefused` naming the first entry that fails, or the error of a
    ///   damaged `[Content_Types].xml`.
    func run() throws {
        var names: [String: String] = [:]
        for entry in archive.entries {
            if let problem = EntryName.problem(entry.name) { throw refused(entry.name, problem) }
            if let first = names.updateValue(entry.name, forKey: EntryName.key(entry.name)) {
                let same = first == entry.name ? "a second entry with this name" : "the same name as entry '\(first)' for Word and zip readers"
                throw refused(entry.name, "\(same) is not allowed")
            }
            if entry.method != Self.stored && entry.method != Self.deflated {
                throw refused(entry.name, "compression method \(entry.method) is not supported (only stored and deflate)")
            }
        }
        guard let typesName = names[EntryName.key(Self.contentTypesPart)], let typesEntry = archive.entry(named: typesName) else {
            throw MergeError.missingPart(file: archive.file, part: Self.contentTypesPart)
        }
        let types = try PartContentTypes(parsing: archive.contents(of: typesEntry), file: archive.file, part: typesEntry.name)
        for entry in archive.entries {
            try check(entry, isXML: types.isXML(entry.name))
        }
    }

    /// Inflates `entry` once: the size and CRC-32 its header declares, and for an XML part the
    /// encoding and the absence of a DOCTYPE. An XML part that passes is kept in the archive while
    /// there is room (`TemplateArchive.keep`), for the compiler.
    private func check(_ entry: ArchiveEntry, isXML: Bool) throws {
        var crc: UInt32 = 0
        var size = 0
        var doctype = DoctypeFinder()
        var head: [UInt8] = []
        let keeping = isXML && archive.canKeep(size: entry.size)
        var whole: [UInt8] = []
        if keeping { whole.reserveCapacity(entry.size) }
        try archive.stream(entry) { chunk in
            crc = UInt32(libdeflate_crc32(crc, chunk.baseAddress, chunk.count))
            size += chunk.count
            if size > entry.size {
                throw refused(entry.name, "it inflates to more than the \(entry.size) bytes its header declares")
            }
            guard isXML else { return }
            if head.count < XMLEncoding.headLength { head += chunk.prefix(XMLEncoding.headLength - head.count) }
            if doctype.scan(chunk) { throw MergeError.doctypeRefused(file: archive.file, part: entry.name) }
            if keeping { whole += chunk }
        }
        if size != entry.size {
            throw refused(entry.name, "it inflates to \(size) bytes, not the \(entry.size) its header declares")
        }
        if crc != entry.crc32 { throw refused(entry.name, Self.crcMismatch) }
        if isXML, let problem = XMLEncoding.problem(head) { throw refused(entry.name, problem) }
        if keeping { archive.keep(whole, of: entry) }
    }

    private func refused(_ part: String, _ reason: String) -> MergeError {
        MergeError.entryRefused(file: archive.file, part: part, reason: reason)
    }

    static let crcMismatch = "the CRC-32 does not match (the entry is damaged)"
    private static let stored: UInt16 = 0
    private static let deflated: UInt16 = 8
}

/// `[Content_Types].xml` read for one question: is a part XML (its own content type, else its
/// extension's, ends in `xml`)? Names whose extension is `.xml` or `.rels` always are. (The
/// combined document's writer has its own reader, `ContentTypes`, which keeps the part's order.)
struct PartContentTypes {
    private var overrides: [String: String] = [:]
    private var defaults: [String: String] = [:]

    init(parsing bytes: [UInt8], file: String, part: String) throws {
        let document = try XMLPartParser(file: file, part: part).parse(bytes)
        for element in document.root.childElements {
            guard let type = element.attribute("ContentType") else { continue }
            if element.name.localName == "Override", let name = element.attribute("PartName") {
                overrides[EntryName.key(String(name.drop { $0 == "/" }))] = type
            } else if element.name.localName == "Default", let ext = element.attribute("Extension") {
                defaults[ext.lowercased()] = type
            }
        }
    }

    func isXML(_ name: String) -> Bool {
        if name.hasSuffix("/") { return false }
        let fileName = name.split(separator: "/").last.map { $0.lowercased() } ?? ""
        let extensionText = fileName.lastIndex(of: ".").map { String(fileName[fileName.index(after: $0)...]) } ?? ""
        if extensionText == "xml" || extensionText == "rels" { return true }
        let type = overrides[EntryName.key(name)] ?? defaults[extensionText] ?? ""
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters() } ?? ""
        return mediaType.lowercased().hasSuffix("xml")
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
