/// A test on a contact that the store answers for a range of contacts at once, as `--where` uses
/// it: `opted-out(email)`, `group(CODE)`, `campaign(NO, target)`.
public enum ContactSetTest: Sendable, Equatable, Hashable {
    /// The contact's last opt-out record for the channel is an opt-out.
    case optedOut(CorrespondenceType)
    /// The contact belongs to the mailing group of this code.
    case group(String)
    /// The contact is a target of the campaign of this number, or has responded to it.
    case campaign(String, CampaignRelation)
}

extension ContactSetTest {
    /// The test a call of the filter language names, its arguments checked.
    /// - Throws: `FilterError` (syntax) for a wrong argument.
    init(call name: String, arguments: [String], column: Int) throws {
        func one() throws -> String {
            guard arguments.count == 1 else {
                throw FilterError(.syntax, "\(name)(…) takes one argument, not \(arguments.count)", column: column)
            }
            return arguments[0]
        }
        switch name {
        case "opted-out":
            let channel = try one()
            guard let type = CorrespondenceType(rawValue: channel.lowercased()) else {
                throw FilterError(.syntax, "opted-out(…) takes email or hard-copy, not '\(channel)'", column: column)
            }
            self = .optedOut(type)
        case "group":
            self = .group(try one())
        case "campaign":
            guard arguments.count == 2, let relation = CampaignRelation(rawValue: arguments[1].lowercased()) else {
                throw FilterError(.syntax, "campaign(…) takes a campaign number and target or responded, as in campaign(CP0001, target)",
                                  column: column)
            }
            self = .campaign(arguments[0], relation)
        default:
            throw FilterError(.syntax, "unknown test '\(name)(…)'", column: column)
        }
    }
}
