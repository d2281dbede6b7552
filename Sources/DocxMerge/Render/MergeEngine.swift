internal import CLibDeflate

/// What decides a letter's bytes besides the template, the values and the compression level: the
/// interaction log records it with every letter, so a letter produced again can be checked.
public enum MergeEngine {
    /// What the interaction log records of the engine that wrote a letter now.
    public static var version: String { LetterFormat.current.engineVersion }

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

/// How a letter's rendered parts are compressed. Letters logged in an earlier format are produced
/// again in that format, so every logged letter can be reproduced byte for byte.
public enum LetterFormat: Int, Sendable, CaseIterable {
    /// Format 1: each rendered part deflated whole, per letter (libdeflate).
    case wholeParts = 1
    /// Format 2: each rendered part one deflate block whose codes and repeats were worked out once
    /// per template; per letter its precoded pieces are joined bit by bit with the values.
    case splicedPieces = 2

    /// The format new letters are written in. Add a format whenever a change to the compiler, the
    /// renderer or the zip writer changes the bytes of any letter.
    public static let current = LetterFormat.splicedPieces

    /// `docxmerge/2 libdeflate/1.14`: the format and the library that compressed the parts that are
    /// the same in every letter, as the interaction log records it.
    public var engineVersion: String {
        switch self {
        case .wholeParts: "docxmerge/1 libdeflate/\(LIBDEFLATE_VERSION_STRING)"
        case .splicedPieces: "docxmerge/2 libdeflate/\(LIBDEFLATE_VERSION_STRING)"
        }
    }

    /// The format named by a recorded engine version (`docxmerge/N …`); nil for one this Lettershop
    /// does not know.
    public init?(engineVersion: String) {
        guard engineVersion.hasPrefix("docxmerge/") else { return nil }
        let number = engineVersion.dropFirst("docxmerge/".count).prefix { $0.isNumber }
        guard let value = Int(number), let format = LetterFormat(rawValue: value) else { return nil }
        self = format
    }
}
