// Shared by the fuzz targets: a package around a fuzzed document.xml, compiled and rendered.
import DocxMerge

/// A fuzzed document in a minimal package, compiled and rendered.
public enum FuzzPackage {
    public static func make(documentXML: [UInt8]) -> [UInt8] {
        MinimalPackage.make(documentXML: documentXML)
    }

    /// Compiles and, when it compiles, renders one record with every column set to a value.
    public static func compileAndRender(_ docx: [UInt8]) {
        guard let template = try? MergeTemplate(bytes: docx, name: "fuzz.docx") else { return }
        let columns = template.fieldNames
        guard let plan = try? LetterPlan(template: template, columns: columns, missing: .blank) else { return }
        _ = try? LetterRenderer(plan: plan).render(columns.map { "v<&>\($0)\n" })
    }
}
