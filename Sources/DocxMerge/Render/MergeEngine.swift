internal import CLibDeflate

/// What decides a letter's bytes besides the template, the values and the compression level: the
/// interaction log records it with every letter, so a letter produced again can be checked.
public enum MergeEngine {
    /// Raise this whenever a change to the compiler, the renderer or the zip writer changes the bytes
    /// of any letter.
    public static let formatVersion = 1

    /// `docxmerge/1 libdeflate/1.14`: the format version and the deflate library that compressed the parts.
    public static var version: String {
        "docxmerge/\(formatVersion) libdeflate/\(LIBDEFLATE_VERSION_STRING)"
    }

    /// The content of one part (`word/document.xml`) of a `.docx` held in memory, inflated; nil when
    /// the package has no such part.
    /// - Throws: `MergeError` when the bytes are not a zip, or the part is over the size limit.
    public static func part(_ name: String, ofDocument bytes: [UInt8], documentName: String) throws -> [UInt8]? {
        let archive = try TemplateArchive(bytes: bytes, name: documentName)
        guard let entry = archive.entry(named: name) else { return nil }
        return try archive.contents(of: entry)
    }

    /// Every entry of a `.docx` held in memory, in archive order, inflated (folder entries left out).
    /// - Throws: `MergeError` when the bytes are not a zip, or an entry fails the package checks.
    public static func parts(ofDocument bytes: [UInt8], documentName: String) throws -> [(name: String, bytes: [UInt8])] {
        let archive = try TemplateArchive(bytes: bytes, name: documentName)
        return try archive.entries.filter { !$0.name.hasSuffix("/") }.map { ($0.name, try archive.contents(of: $0)) }
    }
}
