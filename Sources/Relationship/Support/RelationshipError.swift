/// A rule of the domain broken, or something asked for that does not exist. Each names the record
/// concerned by its code or number (never a person's data); `description` is one line.
public enum RelationshipError: Error, Equatable, Sendable, CustomStringConvertible {
    case newerSchema(found: Int, known: Int)
    case unknownContact(String)
    case unknownTemplate(String)
    case unknownSegment(String)
    case unknownCriteria(String)
    case unknownLoggedSegment(Int)
    case unknownInteraction(Int)
    case unknownMailingGroup(String)
    case unknownCampaign(String)
    case contactOnSegment(contact: String, segment: String)
    case contactHasInteractions(String)
    case privacyBlocked(contact: String)
    case segmentNumberUsed(String)
    case notOnSegment(contact: String, segment: String)
    case noSteps(segment: String)
    case criteriaExists(String)
    case invalidValue(field: String, value: String, expected: String)
    /// Several problems found at once (an import, a bulk file, a pre-flight check), each one line.
    case problems([String])

    public var description: String {
        switch self {
        case let .newerSchema(found, known):
            return "the database has schema version \(found), newer than this lettershop knows (\(known)); use a newer lettershop"
        case let .unknownContact(no): return "unknown contact '\(no)'"
        case let .unknownTemplate(code): return "unknown interaction template '\(code)'"
        case let .unknownSegment(no): return "unknown segment '\(no)'"
        case let .unknownCriteria(code): return "unknown saved criteria '\(code)'"
        case let .unknownLoggedSegment(no): return "unknown logged segment \(no)"
        case let .unknownInteraction(no): return "unknown interaction entry \(no)"
        case let .unknownCampaign(no): return "unknown campaign '\(no)' (see 'lettershop campaign list')"
        case let .unknownMailingGroup(code): return "unknown mailing group '\(code)' (see 'lettershop groups list')"
        case let .contactOnSegment(contact, segment):
            return "contact \(contact) is on open segment \(segment) (remove it there first)"
        case let .contactHasInteractions(contact):
            return "contact \(contact) has interaction log entries and cannot be deleted (it can be privacy-blocked)"
        case let .privacyBlocked(contact): return "contact \(contact) is privacy-blocked and cannot be added to a segment"
        case let .segmentNumberUsed(no): return "segment number \(no) is already used"
        case let .notOnSegment(contact, segment): return "contact \(contact) is not on segment \(segment)"
        case let .noSteps(segment): return "segment \(segment) has no criteria steps to save"
        case let .criteriaExists(code): return "saved criteria \(code) exists already (use --force to replace it)"
        case let .invalidValue(field, value, expected): return "\(field): '\(value)' is not \(expected)"
        case let .problems(lines): return lines.joined(separator: "\n")
        }
    }

    /// The problems one per line, as the command line prints them.
    public var messages: [String] {
        if case let .problems(lines) = self { return lines }
        return [description]
    }
}
