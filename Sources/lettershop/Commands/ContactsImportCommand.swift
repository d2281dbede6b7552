import DocxMerge
import Relationship

/// `lettershop contacts import FILE.csv`: upsert by `No`, all rows or none.
enum ContactsImportCommand: Command {
    static let words = ["contacts", "import"]
    static let abstract = """
        Import contacts from a CSV file: an upsert by No, all rows or none. Columns match the contact fields \
        loosely; any other column becomes a custom field.
        """
    static let usage = "contacts import FILE.csv [--delimiter C] [--quiet] \(StoreAccess.usage)"
    static let spec = ArgumentSpec(positionals: ["FILE.csv"], options: ["delimiter", StoreAccess.option], flags: ["quiet"])

    static func run(_ arguments: Arguments) throws {
        let delimiter = try BatchOptions.delimiter(arguments)
        let quiet = arguments.flag("quiet")
        let total = ProgressBar.shown(quiet: quiet) ? try? CSVReader.countRecords(path: arguments.positionals[0], delimiter: delimiter) : nil
        let progress = ProgressBar(total: total, label: "importing", quiet: quiet)
        let result = try StoreAccess.with(arguments) { store in
            defer { progress.finish() }
            return try ContactImport(store: store).run(try CSVReader(path: arguments.positionals[0], delimiter: delimiter),
                                                       progress: progress.update)
        }
        print("imported \(Terminal.count(result.total, "contact")) (\(result.added) added, \(result.updated) updated)")
    }
}
