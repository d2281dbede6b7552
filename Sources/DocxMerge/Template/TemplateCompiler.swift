/// Does the one-time work of `MergeTemplate`: reads the archive, parses the text parts with
/// libxml2, replaces fields by slots and builds the part programs.
struct TemplateCompiler {
    let archive: TemplateArchive
    let options: MergeTemplate.Options

    static let documentPart = "word/document.xml"
    static let settingsPart = "word/settings.xml"
    static let settingsRelationshipsPart = "word/_rels/settings.xml.rels"
    static let stylesPart = "word/styles.xml"
    static let contentTypesPart = "[Content_Types].xml"

    struct Result {
        var fields: [MergeField] = []
        var variableCandidates: [[String]] = []
        var slots: [CompiledSlot] = []
        var parts: [PartProgram] = []
        var entries: [TemplateEntry] = []
        var warnings: [String] = []
    }

    /// The order in which text parts list their fields: body, headers, footers, footnotes, endnotes.
    static func textPartRank(_ name: String) -> (Int, Int)? {
        func number(_ prefix: String) -> Int? {
            guard name.hasPrefix(prefix), name.hasSuffix(".xml"), !name.dropFirst(prefix.count).contains("/") else { return nil }
            return Int(name.dropFirst(prefix.count).dropLast(4)) ?? 0
        }
        if name == documentPart { return (0, 0) }
        if let n = number("word/header") { return (1, n) }
        if let n = number("word/footer") { return (2, n) }
        if name == "word/footnotes.xml" { return (3, 0) }
        if name == "word/endnotes.xml" { return (4, 0) }
        return nil
    }

    func compile() throws -> Result {
        guard archive.entry(named: Self.documentPart) != nil else {
            throw MergeError.missingPart(file: archive.file, part: Self.documentPart)
        }
        let documentLanguage = try readDocumentLanguage()
        let variables = VariableTable()
        var result = Result()
        var programs: [String: Int] = [:]
        let settings = try readSettings()
        var rewritten = settings.rewritten
        if let contentTypes = try contentTypesOfADocument() { rewritten[Self.contentTypesPart] = contentTypes }

        var problems: [MergeError] = []
        let textParts = archive.entries.compactMap { entry in Self.textPartRank(entry.name).map { (entry, $0) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
        for entry in textParts {
            let document = try XMLPartParser(file: archive.file, part: entry.name, collapsingInertParagraphs: true)
                .parse(archive.contents(of: entry))
            var scanner = FieldScanner(file: archive.file, part: entry.name, keepUnknown: options.keepUnknownFields,
                                       documentLanguage: documentLanguage, variables: variables,
                                       addressFields: settings.addressFields)
            try scanner.scan(document.root)
            problems += scanner.problems
            result.warnings += scanner.warnings
            guard problems.isEmpty, !scanner.slots.isEmpty else { continue }
            let base = result.slots.count
            let prefixes = Self.slotPrefixes(document.root, count: scanner.slots.count)
            // One set of tags per prefix, shared by the slots that use it.
            var markups: [String: RunMarkup] = [:]
            for (index, draft) in scanner.slots.enumerated() {
                let prefix = prefixes[index]
                let key = (draft.inInstruction ? "i:" : "t:") + (prefix ?? "\u{0}")
                let markup = markups[key] ?? RunMarkup(prefix: prefix, inInstruction: draft.inInstruction)
                markups[key] = markup
                result.slots.append(CompiledSlot(draft: draft, markup: markup, part: entry.name))
            }
            let order = Self.slotOrder(document.root)
            for slot in order {
                result.fields += scanner.slots[slot].occurrences.map {
                    MergeField(name: $0.name, part: entry.name, kind: $0.kind, switches: $0.switches, tokens: $0.columns)
                }
            }
            programs[entry.name] = result.parts.count
            result.parts.append(PartProgramBuilder.build(document, slotBase: base))
            rewritten[entry.name] = nil
        }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw MergeError.problems(problems) }
        result.variableCandidates = variables.candidates

        for entry in archive.entries {
            if let part = programs[entry.name] {
                result.entries.append(.rendered(name: entry.name, part: part))
            } else if let bytes = rewritten[entry.name] {
                result.entries.append(.rewritten(name: entry.name, bytes: bytes))
            } else {
                result.entries.append(.stored(name: entry.name, method: entry.method, crc32: entry.crc32,
                                              compressedSize: entry.compressedSize, size: entry.size,
                                              bytes: try archive.storedBytes(of: entry)))
            }
        }
        return result
    }

    /// The slots of a part in document order.
    private static func slotOrder(_ root: XElement) -> [Int] {
        var order: [Int] = []
        func visit(_ element: XElement) {
            for child in element.children {
                if let slot = child as? XFieldSlot { order.append(slot.slot) }
                if let marker = child as? XRegionMarker, marker.isStart, marker.when { order.append(marker.slot) }
                if let child = child as? XElement { visit(child) }
            }
        }
        visit(root)
        return order
    }

    /// The WordprocessingML prefix in scope at each slot.
    private static func slotPrefixes(_ root: XElement, count: Int) -> [String?] {
        var prefixes = [String?](repeating: "w", count: count)
        func visit(_ element: XElement) {
            for child in element.children {
                if let slot = child as? XFieldSlot, WordNamespace.isWord(element.name.namespaceURI) {
                    prefixes[slot.slot] = element.name.prefix
                }
                if let child = child as? XElement { visit(child) }
            }
        }
        visit(root)
        return prefixes
    }

    /// The document's default language (`w:docDefaults` in `styles.xml`), else English. Only the
    /// start of `styles.xml` is read: `w:docDefaults` comes before the styles.
    private func readDocumentLanguage() throws -> FieldLanguage {
        guard let entry = archive.entry(named: Self.stylesPart) else { return .english }
        let styles = try XMLPartParser(file: archive.file, part: entry.name).parse(archive.contents(of: entry), stoppingAfter: "docDefaults")
        let code = styles.root.wordChild("docDefaults")?.wordChild("rPrDefault")?.wordProperties("rPr")?.wordChild("lang")?.wordAttribute("val")
        return code.map { FieldLanguage(code: $0) } ?? .english
    }

    /// What the compiler takes from `settings.xml`: the columns Word's address fields are mapped to, and
    /// the parts rewritten without the mail-merge settings.
    private struct Settings {
        var rewritten: [String: [UInt8]] = [:]
        var addressFields = AddressFieldMap()
    }

    /// Reads the address field mapping of `w:mailMerge`, and removes `w:mailMerge` from the letters.
    private func readSettings() throws -> Settings {
        guard let entry = archive.entry(named: Self.settingsPart) else { return Settings() }
        let settings = try XMLPartParser(file: archive.file, part: entry.name).parse(archive.contents(of: entry))
        let addressFields = AddressFieldMap.read(settingsRoot: settings.root)
        return Settings(rewritten: try settingsWithoutMailMerge(settings, entry: entry), addressFields: addressFields)
    }

    /// `settings.xml` without `w:mailMerge`, and its relationships without the ones `w:mailMerge`
    /// used (data source, header source); empty when the template has no `w:mailMerge`.
    private func settingsWithoutMailMerge(_ settings: XDocument, entry: ArchiveEntry) throws -> [String: [UInt8]] {
        guard let mailMerge = settings.root.wordChild("mailMerge") else { return [:] }
        var usedIds = Set<String>()
        mailMerge.forEachElement { element in
            for attribute in element.attributes where WordNamespace.isRelationships(attribute.name.namespaceURI) {
                usedIds.insert(attribute.value)
            }
        }
        mailMerge.removeFromParent()
        var result = [entry.name: Self.serialize(settings)]
        if let relsEntry = archive.entry(named: Self.settingsRelationshipsPart), !usedIds.isEmpty {
            let rels = try XMLPartParser(file: archive.file, part: relsEntry.name).parse(archive.contents(of: relsEntry))
            for relationship in rels.root.childElements where usedIds.contains(relationship.attribute("Id") ?? "") {
                relationship.removeFromParent()
            }
            result[relsEntry.name] = Self.serialize(rels)
        }
        return result
    }

    /// A Word template (`.dotx`, `.dotm`) declares its main part as a template; a letter is a document,
    /// so its content type is changed (Word refuses a `.docx` that says it is a template). Nil when
    /// the template already is a document.
    private func contentTypesOfADocument() throws -> [UInt8]? {
        guard let entry = archive.entry(named: Self.contentTypesPart) else { return nil }
        let types = try XMLPartParser(file: archive.file, part: entry.name).parse(archive.contents(of: entry))
        let replacements = [
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "application/vnd.ms-word.document.macroEnabled.main+xml",
        ]
        var changed = false
        for element in types.root.childElements {
            guard let type = element.attribute("ContentType"), let replacement = replacements[type],
                  let index = element.attributes.firstIndex(where: { $0.name.localName == "ContentType" }) else { continue }
            element.attributes[index].value = replacement
            changed = true
        }
        return changed ? Self.serialize(types) : nil
    }

    private static func serialize(_ document: XDocument) -> [UInt8] {
        var serializer = XMLSerializer()
        serializer.writeDeclaration(standalone: document.standalone)
        serializer.write(document.root)
        return serializer.output
    }
}
