// Shared by the fuzz targets: a package around a fuzzed document.xml or fuzzed parts, compiled and rendered.
import DocxMerge

/// A fuzzed document or set of parts in a package, compiled and rendered.
public enum FuzzPackage {
    /// A package of content types, the package relationship and the given `word/document.xml`.
    public static func make(documentXML: [UInt8]) -> [UInt8] {
        MinimalPackage.make(documentXML: documentXML)
    }

    /// The package an input stands for: a zip as it is (it begins with a local header's signature), otherwise
    /// parts written as text, each introduced by a line `--- NAME`, zipped with their right checksums so that a
    /// mutation reaches the part readers instead of stopping at a CRC mismatch.
    public static func make(input: [UInt8]) -> [UInt8] {
        if input.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return input }
        var parts: [(name: String, data: [UInt8])] = []
        for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if line.starts(with: Array("--- ".utf8)) {
                parts.append((String(decoding: line.dropFirst(4), as: UTF8.self), []))
            } else if !parts.isEmpty {
                if !parts[parts.count - 1].data.isEmpty { parts[parts.count - 1].data.append(UInt8(ascii: "\n")) }
                parts[parts.count - 1].data += line
            }
        }
        return MinimalPackage.make(parts: parts)
    }

    /// Compiles and, when it compiles, renders one record with every column set to a value.
    public static func compileAndRender(_ docx: [UInt8]) {
        guard let template = try? MergeTemplate(bytes: docx, name: "fuzz.docx") else { return }
        let columns = template.fieldNames
        guard let plan = try? LetterPlan(template: template, columns: columns, missing: .blank) else { return }
        _ = try? LetterRenderer(plan: plan).render(columns.map { "v<&>\($0)\n" })
    }
}
