import DocxMerge
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A structural check of a written `.docx`, for the tests to run on every letter they write: the
/// package passes the engine's own entry checks (names, duplicates, methods, sizes, CRCs, no
/// DOCTYPE, `[Content_Types].xml`),
/// every XML part is well-formed, every internal relationship's target is in the package, every
/// part has a content type (an `Override` or its extension's `Default`), and the ids that must be
/// unique are: relationship ids within a `.rels` part, `wp:docPr` ids and bookmark ids across the
/// document's parts.
public enum LetterStructure {
    /// The problems of the package `bytes`, one line each; empty when it is sound.
    public static func problems(in bytes: [UInt8], name: String = "letter.docx") -> [String] {
        var parts: [String: [UInt8]] = [:]
        do {
            for part in try MergeEngine.parts(ofDocument: bytes, documentName: name) { parts[part.name] = part.bytes }
        } catch {
            return ["\(name): \(error)"]
        }
        var problems: [String] = []
        let keys = Dictionary(parts.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

        // Content types.
        var defaults: Set<String> = [], overrides: Set<String> = []
        if let types = parts["[Content_Types].xml"], let document = XMLShape(types) {
            for element in document.elements {
                if element.local == "Default", let ext = element.attributes["Extension"] { defaults.insert(ext.lowercased()) }
                if element.local == "Override", let part = element.attributes["PartName"] {
                    overrides.insert(String(part.drop { $0 == "/" }).lowercased())
                }
            }
        } else {
            problems.append("\(name): [Content_Types].xml is missing or broken")
        }
        var docPrIds: [String: String] = [:], bookmarkIds: [String: String] = [:]
        for part in parts.keys.sorted() where part != "[Content_Types].xml" {
            let lower = part.lowercased()
            let ext = lower.split(separator: "/").last.flatMap { $0.contains(".") ? $0.split(separator: ".").last.map(String.init) : nil } ?? ""
            if !overrides.contains(lower) && !defaults.contains(ext) {
                problems.append("\(name): \(part) has no content type")
            }
            guard ext == "xml" || ext == "rels" else { continue }
            guard let document = XMLShape(parts[part] ?? []) else {
                problems.append("\(name): \(part) is not well-formed XML")
                continue
            }
            if ext == "rels" {
                problems += relationshipProblems(document, rels: part, keys: keys, letter: name)
                continue
            }
            for element in document.elements {
                if element.local == "docPr", element.namespace.hasSuffix("wordprocessingDrawing"), let id = element.attributes["id"] {
                    if let first = docPrIds.updateValue(part, forKey: id) { problems.append("\(name): wp:docPr id \(id) in \(part) is also in \(first)") }
                }
                if element.local == "bookmarkStart", element.namespace.hasSuffix("wordprocessingml/2006/main"), let id = element.attributes["id"] {
                    if let first = bookmarkIds.updateValue(part, forKey: id) { problems.append("\(name): bookmark id \(id) in \(part) is also in \(first)") }
                }
            }
        }
        return problems
    }

    /// The problems of every `.docx` in `folder` but those in `except` (files a test put there
    /// itself), each line naming its letter.
    public static func problems(inFolder folder: String, except: Set<String> = []) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".docx") && !except.contains($0) }.sorted()
        return names.flatMap { name -> [String] in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return ["\(name): unreadable"] }
            return problems(in: Array(data), name: name)
        }
    }

    /// Relationship ids unique in the part, the source part present, each internal target present.
    private static func relationshipProblems(_ document: XMLShape, rels: String, keys: [String: String], letter: String) -> [String] {
        // `word/_rels/document.xml.rels` describes `word/document.xml`; `_rels/.rels` the package.
        let components = rels.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.count >= 2, components[components.count - 2] == "_rels", components.last!.hasSuffix(".rels") else {
            return ["\(letter): \(rels) is not in a _rels folder"]
        }
        let folder = components.dropLast(2)
        let source = components.last!.dropLast(5)
        var problems: [String] = []
        if !source.isEmpty, keys[(folder + [String(source)]).joined(separator: "/").lowercased()] == nil {
            problems.append("\(letter): \(rels) describes a part that is not in the package")
        }
        var ids: Set<String> = []
        for element in document.elements where element.local == "Relationship" {
            let id = element.attributes["Id"] ?? ""
            if !ids.insert(id).inserted { problems.append("\(letter): \(rels): relationship id '\(id)' used twice") }
            guard element.attributes["TargetMode"] != "External", let target = element.attributes["Target"] else { continue }
            let decoded = target.removingPercentEncoding ?? target
            var path = decoded.hasPrefix("/") ? [] : Array(folder)
            for piece in decoded.split(separator: "/") {
                if piece == ".." { _ = path.popLast() } else if piece != "." { path.append(String(piece)) }
            }
            if keys[path.joined(separator: "/").lowercased()] == nil {
                problems.append("\(letter): \(rels): relationship '\(id)' points at \(target), which is not in the package")
            }
        }
        return problems
    }
}

/// The elements of an XML part (namespace, local name, attributes by local name), or nil when it is
/// not well-formed.
private struct XMLShape {
    struct Element {
        let namespace: String
        let local: String
        let attributes: [String: String]
    }

    let elements: [Element]

    init?(_ bytes: [UInt8]) {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let collector = Collector()
        parser.delegate = collector
        // Foundation's parser can report success on a document cut short: the element count tells.
        guard parser.parse(), collector.depth == 0, !collector.elements.isEmpty else { return nil }
        elements = collector.elements
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var depth = 0

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            var byLocalName: [String: String] = [:]
            for (key, value) in attributes { byLocalName[String(key.split(separator: ":").last ?? Substring(key))] = value }
            elements.append(Element(namespace: namespaceURI ?? "", local: elementName, attributes: byLocalName))
            depth += 1
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
        }
    }
}
