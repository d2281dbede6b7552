import DocxMerge

#if canImport(Glibc)
import Glibc
#endif

/// The `lettershop` entry point: finds the command named by the first words and runs it.
@main
enum Lettershop {
    static let version = "0.1.0"

    /// Every command, in the order `lettershop --help` lists them.
    static let commands: [any Command.Type] = [
        FieldsCommand.self,
        MergeCommand.self,
        PreviewCommand.self,
        ContactsImportCommand.self,
        ContactsListCommand.self,
        ContactsShowCommand.self,
        ContactsDeleteCommand.self,
        ContactsDuplicatesCommand.self,
        ContactsOptOutCommand.self,
        ContactsOptInCommand.self,
        ContactsGroupAddCommand.self,
        ContactsGroupRemoveCommand.self,
        GroupsCreateCommand.self,
        GroupsListCommand.self,
        GroupsDeleteCommand.self,
        TemplatesAddCommand.self,
        TemplatesListCommand.self,
        TemplatesShowCommand.self,
        SegmentCreateCommand.self,
        SegmentSetCommand.self,
        SegmentAddCommand.self,
        SegmentReduceCommand.self,
        SegmentRefineCommand.self,
        SegmentRemoveCommand.self,
        SegmentUndoCommand.self,
        SegmentLineCommand.self,
        SegmentLineExportCommand.self,
        SegmentLineAttachCommand.self,
        SegmentLineDetachCommand.self,
        SegmentNotesCommand.self,
        SegmentShowCommand.self,
        SegmentListCommand.self,
        SegmentDeleteCommand.self,
        SegmentMergeCommand.self,
        SegmentPreviewCommand.self,
        SegmentCheckCommand.self,
        SegmentLogCommand.self,
        CriteriaSaveCommand.self,
        CriteriaListCommand.self,
        CriteriaShowCommand.self,
        CriteriaDeleteCommand.self,
        LoggedListCommand.self,
        LoggedShowCommand.self,
        LoggedCancelCommand.self,
        LoggedFollowUpCommand.self,
        InteractionsListCommand.self,
        InteractionsAddCommand.self,
        InteractionsSetCommand.self,
        InteractionsCancelCommand.self,
        InteractionsDocumentCommand.self,
        MailConfigureCommand.self,
        MailSendCommand.self,
        MailStatusCommand.self,
        CampaignCreateCommand.self,
        CampaignListCommand.self,
        CampaignShowCommand.self,
        CampaignSetCommand.self,
        CampaignDeleteCommand.self,
    ]

    static func main() {
        Interruption.install()
        switch RawArguments.read() {
        case let .success(arguments): exit(run(arguments))
        case let .failure(error):
            for message in error.messages { Terminal.error(message) }
            exit(2)
        }
    }

    /// Runs one command line and returns the exit status (0 done, 1 failed, 2 bad command line).
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.isEmpty || arguments == ["--help"] || arguments == ["help"] {
            print(overview)
            return arguments.isEmpty ? 2 : 0
        }
        if arguments == ["--version"] {
            print("lettershop \(version)")
            return 0
        }
        guard let command = commands.filter({ arguments.starts(with: $0.words) }).max(by: { $0.words.count < $1.words.count }) else {
            let group = commands.filter { $0.words.first == arguments[0] }
            if !group.isEmpty {
                if arguments.count == 1 || arguments[1] == "--help" {
                    print(group.map { "  lettershop \($0.usage)" }.joined(separator: "\n"))
                    return arguments.count == 1 ? 2 : 0
                }
                Terminal.error("unknown command '\(arguments[0]) \(arguments[1])' (see 'lettershop \(arguments[0]) --help')")
            } else {
                Terminal.error("unknown command '\(arguments[0])' (see 'lettershop --help')")
            }
            return 2
        }
        let rest = Array(arguments.dropFirst(command.words.count))
        if rest.contains("--help") {
            print(command.help, terminator: "")
            return 0
        }
        do {
            try command.run(Arguments(rest, spec: command.spec))
            return 0
        } catch where Interruption.signal != nil {
            // Whatever error the interrupted work ended with, the signal is the reason.
            let signal = Interruption.signal ?? SIGINT
            Terminal.error(Interruption.Interrupted(signal: signal).description)
            return Interruption.status(signal)
        } catch let error as UsageError {
            for message in error.messages { Terminal.error(message) }
            return 2
        } catch let failure as CommandFailure {
            for message in failure.messages { Terminal.error(message) }
            return 1
        } catch let error as MergeError {
            for line in error.lines { Terminal.error(line) }
            return 1
        } catch {
            Terminal.error(String(describing: error))
            return 1
        }
    }

    static var overview: String {
        var lines = ["lettershop \(version): segments, interactions and Word mail merge", "", "usage:"]
        for command in commands { lines.append("  lettershop \(command.usage)") }
        lines.append("")
        lines.append("'lettershop COMMAND --help' says more about a command.")
        return lines.joined(separator: "\n")
    }
}
