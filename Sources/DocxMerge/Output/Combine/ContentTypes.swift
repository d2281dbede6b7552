/// `[Content_Types].xml`: content types by extension (`Default`) and by part (`Override`).
struct ContentTypes: Sendable {
    var defaults: [String: String] = [:]
    var defaultOrder: [String] = []
    var overrides: [(part: String, type: String)] = []

    init(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = XMLTagReader(buffer)
            while let tag = reader.next() {
                guard tag.kind == .empty || tag.kind == .start else { continue }
                let name = reader.string(tag.name)
                var values: [String: String] = [:]
                for attribute in reader.attributes(of: tag) {
                    values[reader.string(attribute.name)] = XMLText.unescape(reader.string(attribute.value))
                }
                if name == "Default", let ext = values["Extension"], let type = values["ContentType"] {
                    if defaults[ext.lowercased()] == nil { defaultOrder.append(ext.lowercased()) }
                    defaults[ext.lowercased()] = type
                } else if name == "Override", let part = values["PartName"], let type = values["ContentType"] {
                    overrides.append((part.hasPrefix("/") ? String(part.dropFirst()) : part, type))
                }
            }
        }
    }

    /// The content type of `part` (`word/header1.xml`).
    func type(of part: String) -> String? {
        if let override = overrides.first(where: { $0.part.lowercased() == part.lowercased() }) { return override.type }
        guard let dot = part.lastIndex(of: ".") else { return nil }
        return defaults[String(part[part.index(after: dot)...]).lowercased()]
    }

    /// The start of the part: every default and the overrides kept, without the closing `</Types>`.
    func head(dropping parts: Set<String>) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        for ext in defaultOrder {
            text += "<Default Extension=\"\(XMLText.escape(ext))\" ContentType=\"\(XMLText.escape(defaults[ext]!))\"/>"
        }
        for (part, type) in overrides where !parts.contains(part) {
            text += Self.override(part: part, type: type)
        }
        return text
    }

    static func override(part: String, type: String) -> String {
        "<Override PartName=\"/\(XMLText.escape(part))\" ContentType=\"\(XMLText.escape(type))\"/>"
    }

    static let tail = "</Types>"
}
