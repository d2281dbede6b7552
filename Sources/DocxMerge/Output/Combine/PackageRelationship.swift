/// One `<Relationship>` of a part's `.rels`.
struct PackageRelationship: Sendable {
    var id: String
    let type: String
    var target: String
    let external: Bool

    /// The last word of the type (`header`, `image`, `styles`).
    var kind: Substring { type.split(separator: "/").last ?? "" }

    /// Reads every relationship of a `.rels` part.
    static func read(_ bytes: [UInt8]) -> [PackageRelationship] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = XMLTagReader(buffer)
            var result: [PackageRelationship] = []
            while let tag = reader.next() {
                guard tag.kind != .end, tag.kind != .other, reader.string(tag.name).hasSuffix("Relationship") else { continue }
                var values: [String: String] = [:]
                for attribute in reader.attributes(of: tag) {
                    values[reader.string(attribute.name)] = XMLText.unescape(reader.string(attribute.value))
                }
                guard let id = values["Id"], let type = values["Type"], let target = values["Target"] else { continue }
                result.append(PackageRelationship(id: id, type: type, target: target, external: values["TargetMode"] == "External"))
            }
            return result
        }
    }

    /// The relationship as a `<Relationship …/>` element.
    var element: String {
        var text = "<Relationship Id=\"\(XMLText.escape(id))\" Type=\"\(XMLText.escape(type))\" Target=\"\(XMLText.escape(target))\""
        if external { text += " TargetMode=\"External\"" }
        return text + "/>"
    }

    /// The part a relative target of a part in `word/` names (`header1.xml` → `word/header1.xml`).
    static func partName(target: String, from folder: String = "word") -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { _ = components.popLast() } else if component != "." { components.append(String(component)) }
        }
        return components.joined(separator: "/")
    }
}

/// Escaping and unescaping of attribute values.
enum XMLText {
    /// `text` escaped for an attribute value (or, with `inAttribute` false, for element text), by the
    /// serializer's own rule.
    static func escape(_ text: String, inAttribute: Bool = true) -> String {
        var bytes: [UInt8] = []
        XMLSerializer.appendEscaped(text, to: &bytes, inAttribute: inAttribute)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingEntity("&lt;", "<").replacingEntity("&gt;", ">").replacingEntity("&quot;", "\"")
            .replacingEntity("&apos;", "'").replacingEntity("&amp;", "&")
    }
}

private extension String {
    func replacingEntity(_ entity: String, _ replacement: String) -> String {
        split(separator: entity, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
