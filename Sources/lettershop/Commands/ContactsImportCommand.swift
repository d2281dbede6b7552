import DocxMerge
import Relationship

/// `lettershop contacts import FILE.csv`: upsert by `No`, all rows or none.
enum ContactsImportCommand: Command {
    static let words = ["contacts", "import"]
    static let abstract = """
        Import contacts from a CSV file: an upsert by No, all rows or none. Columns match the contact fields \
        loosely; any other column becomes a custom field (OptOutEmail, OptOutHardCopy, OptOutReason, OptOutDate and \
        MailingGroups are applied as opt-outs and groups). The delimiter (, ; or tab) is detected unless given; \
        --encoding converts a file that is not UTF-8. A person's CompanyNo must name a company in the database or \
        earlier in the file. Possible duplicates (name and post code, e-mail, phone, VAT number) are reported, \
        skipped (new contacts only) or refused, as --on-duplicate says (default: report).
        """
    static let usage = """
        contacts import FILE.csv [--delimiter C|tab|auto] [--encoding utf-8|windows-1252|iso-8859-1|utf-16] \
        [--on-duplicate report|skip|error] [--quiet] \(StoreAccess.usage)
        """
    static let spec = ArgumentSpec(positionals: ["FILE.csv"], options: ["delimiter", "encoding", "on-duplicate", StoreAccess.option],
                                   flags: ["quiet"])

    /// How many possible duplicates are printed; the rest are counted.
    static let duplicateLimit = 20

    static func run(_ arguments: Arguments) throws {
        var problems = UsageProblems()
        var options = ContactFileOptions()
        if arguments.value("delimiter")?.lowercased() != "auto" {
            options.delimiter = try problems.read { arguments.has("delimiter") ? try BatchOptions.delimiter(arguments) : nil }
        }
        options.encoding = try problems.read { try arguments.choice("encoding", of: TextEncoding.self) } ?? .utf8
        let policy = try problems.read { try arguments.choice("on-duplicate", of: ContactImport.DuplicatePolicy.self) } ?? .report
        try problems.check()
        let quiet = arguments.flag("quiet")
        // The records are counted (a pass of their own) only for a progress line that is shown.
        let total = ProgressBar.shown(quiet: quiet) ? options.recordCount(path: arguments.positionals[0]) : nil
        let progress = ProgressBar(total: total, label: "importing", quiet: quiet)
        let (result, _) = try StoreAccess.with(arguments) { store in
            defer { progress.finish() }
            return try ContactImport(store: store).run(path: arguments.positionals[0], options: options, onDuplicate: policy,
                                                       progress: progress.update)
        }
        for duplicate in result.duplicates.prefix(duplicateLimit) {
            Terminal.warning("\(arguments.positionals[0]):\(duplicate.line ?? 0): \(duplicate.message)")
        }
        if result.duplicates.count > duplicateLimit {
            Terminal.warning("and \(result.duplicates.count - duplicateLimit) more possible duplicates (see 'lettershop contacts duplicates')")
        }
        var line = "imported \(Terminal.count(result.total, "contact")) (\(result.added) added, \(result.updated) updated)"
        if !result.duplicates.isEmpty {
            line += ", \(Terminal.count(result.duplicates.count, "possible duplicate"))"
            if result.skippedDuplicates > 0 { line += " (\(Terminal.count(result.skippedDuplicates, "new contact")) skipped)" }
        }
        print(line)
    }
}
