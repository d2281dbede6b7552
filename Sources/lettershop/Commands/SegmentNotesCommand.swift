import DocxMerge
import Relationship

/// `lettershop segment notes NO --file NOTES.csv`: bulk personal notes.
enum SegmentNotesCommand: Command {
    static let words = ["segment", "notes"]
    static let abstract = "Set personal notes in bulk from a CSV with the columns ContactNo and Note; all rows or none."
    static let usage = "segment notes NO --file NOTES.csv [--delimiter C] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["NO"], options: ["file", "delimiter", StoreAccess.option])

    static func run(_ arguments: Arguments) throws {
        guard let file = arguments.value("file") else { throw UsageError("missing --file NOTES.csv") }
        let delimiter = try BatchOptions.delimiter(arguments)
        let count = try StoreAccess.with(arguments) { store in
            try SegmentEditor(store: store).importNotes(arguments.positionals[0], csv: try CSVReader(path: file, delimiter: delimiter))
        }
        print("set \(Terminal.count(count, "note")) on segment \(arguments.positionals[0])")
    }
}
