/// What can go wrong while reading a template or merging a record. Each case names the part, field or
/// record concerned; `description` is one line without personal data beyond the field's name.
public enum MergeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The template file is not a zip archive (or is damaged beyond reading).
    case notAZip(file: String, reason: String)
    /// A part the engine needs is missing, such as `word/document.xml`.
    case missingPart(file: String, part: String)
    /// A part that does not parse as XML; `line` is libxml2's line number when it gave one.
    case brokenXML(file: String, part: String, line: Int?, message: String)
    /// A part with a DOCTYPE, which OOXML never has and which could carry entities.
    case doctypeRefused(file: String, part: String)
    /// A part over the size limit, refused before it is inflated, or found while inflating.
    case partTooLarge(file: String, part: String, limit: Int)
    /// An archive with more entries than the limit.
    case tooManyEntries(file: String, count: Int, limit: Int)
    /// An encrypted or otherwise unreadable entry.
    case unreadableEntry(file: String, part: String, reason: String)
    /// An entry of the package refused by the checks every entry passes (name, method, size, CRC,
    /// encoding), with the reason.
    case entryRefused(file: String, part: String, reason: String)
    /// A field the engine cannot merge (`NEXT`, `ASK`, an unknown switch, a broken `IF`).
    case unsupportedField(file: String, part: String, instruction: String, reason: String)
    /// Template fields that the data does not provide, all of them.
    case missingFields([String])
    /// An `ADDRESSBLOCK` none of whose address fields the data provides: the part and the columns looked for.
    case unreadableAddressBlock(file: String, part: String, lookedFor: [String])
    /// A value holding a character XML 1.0 forbids.
    case forbiddenCharacter(field: String, codePoint: UInt32)
    /// A file that could not be read or written.
    case io(path: String, message: String)
    /// A record of a data file that cannot be merged: its file and line, and why.
    case record(file: String, line: Int, problem: String)
    /// Several problems found in one check, each its own error.
    indirect case problems([MergeError])

    /// Each problem on its own line.
    public var lines: [String] {
        if case let .problems(list) = self { return list.flatMap(\.lines) }
        return [description]
    }

    public var description: String {
        switch self {
        case let .notAZip(file, reason):
            return "\(file): not a Word document (not a zip archive: \(reason))"
        case let .missingPart(file, part):
            return "\(file): not a Word document (no \(part))"
        case let .brokenXML(file, part, line, message):
            let at = line.map { "\(part):\($0)" } ?? part
            return "\(file): \(at): broken XML: \(message)"
        case let .doctypeRefused(file, part):
            return "\(file): \(part): a DOCTYPE is not allowed in a Word part (refused, nothing expanded or loaded)"
        case let .partTooLarge(file, part, limit):
            return "\(file): \(part) is larger than the \(limit / (1 << 20)) MiB limit"
        case let .tooManyEntries(file, count, limit):
            return "\(file): \(count) zip entries, more than the limit of \(limit)"
        case let .unreadableEntry(file, part, reason):
            return "\(file): \(part): cannot read entry: \(reason)"
        case let .entryRefused(file, part, reason):
            return "\(file): entry '\(part)' refused: \(reason)"
        case let .unsupportedField(file, part, instruction, reason):
            return "\(file): \(part): field '\(instruction)': \(reason)"
        case let .missingFields(names):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            return names.count == 1 ? "the data has no column for field \(list)" : "the data has no columns for fields \(list)"
        case let .unreadableAddressBlock(file, part, lookedFor):
            let list = lookedFor.map { "'\($0)'" }.joined(separator: ", ")
            return "\(file): \(part): ADDRESSBLOCK: the data has none of the columns it reads (looked for \(list)); map the address fields in Word (Mailings > Match Fields) or name the columns so"
        case let .forbiddenCharacter(field, codePoint):
            return "field '\(field)': the value holds character \(XMLCharacters.name(codePoint)), which XML does not allow"
        case let .io(path, message):
            return "\(path): \(message)"
        case let .record(file, line, problem):
            return "\(file):\(line): \(problem)"
        case let .problems(list):
            return list.map(\.description).joined(separator: "\n")
        }
    }
}
