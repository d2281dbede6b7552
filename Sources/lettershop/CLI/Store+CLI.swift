import DocxMerge
import Relationship

#if canImport(Glibc)
import Glibc
#endif

/// Opening the store for a command, and turning the library's errors into command-line errors.
enum StoreAccess {
    /// `--db PATH`, else `$LETTERSHOP_DB`, else `./lettershop.sqlite`.
    /// - Throws: `UsageError` when `LETTERSHOP_DB` is not UTF-8 (it would name another file).
    static func path(_ arguments: Arguments) throws -> String {
        if let path = arguments.value("db") { return path }
        if let variable = getenv("LETTERSHOP_DB") {
            guard let path = String(validatingCString: variable) else {
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(variable).assumingMemoryBound(to: UInt8.self), count: strlen(variable))
                throw UsageError("LETTERSHOP_DB is not UTF-8 text ('\(RawArguments.shown(bytes))'); file names must be UTF-8")
            }
            if !path.isEmpty { return path }
        }
        return "./lettershop.sqlite"
    }

    /// Opens the store and runs `body`; library errors become `CommandFailure` (exit 1), an
    /// expression that does not parse a `UsageError` (exit 2).
    static func with<T>(_ arguments: Arguments, _ body: (SQLiteStore) throws -> T) throws -> T {
        do {
            // On a terminal, a command waiting for another lettershop's lock (a long `segment log`) says so.
            let waitNotice: (() -> Void)? = Terminal.stderrIsTerminal
                ? { Terminal.note("waiting for another lettershop that is writing to the database (up to a minute)") } : nil
            let store = try SQLiteStore(path: try path(arguments), waitNotice: waitNotice)
            for note in store.recoveryNotes { Terminal.note(note) }
            return try body(store)
        } catch let error as RelationshipError {
            throw CommandFailure(error.messages)
        } catch let error as FilterError {
            let messages = error.messages.map { "--where: \($0)" }
            if error.kind == .syntax { throw UsageError(messages) }
            throw CommandFailure(messages)
        } catch let error as SQLiteError {
            throw CommandFailure(error.description)
        } catch let error as CSVError {
            throw CommandFailure(error.description)
        } catch let error as MergeError {
            throw CommandFailure(error.lines)
        }
    }

    /// The database file and SQLite's files beside it, which no output may replace.
    static func databaseFiles(_ arguments: Arguments) throws -> [ProtectedInput] {
        let database = try path(arguments)
        return [ProtectedInput(path: database, role: "the database"), ProtectedInput(path: database + "-wal", role: "the database's log"),
                ProtectedInput(path: database + "-shm", role: "the database's shared memory")]
    }

    /// The `--db` option every stateful command takes.
    static let option = "db"
    static let usage = "[--db PATH]"
}

/// Reading typed option values.
extension Arguments {
    /// A decimal number option (`.` as the decimal mark) that cannot be negative: a cost, minutes.
    func amount(_ name: String) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite, !text.contains("e"), !text.contains("E") else {
            throw UsageError("--\(name) must be a number such as 12.5, not '\(text)'")
        }
        guard number >= 0 else { throw UsageError("--\(name) must be 0 or more, not '\(text)'") }
        return number
    }

    /// An ISO 8601 date option naming a day the calendar has (`2026-11-29`; not `2026-02-30`).
    func date(_ name: String) throws -> String? {
        guard let text = value(name) else { return nil }
        guard CalendarDate.isValid(text) else {
            throw UsageError("--\(name) must be \(CalendarDate.expected), not '\(text)'")
        }
        return text
    }

    /// A language tag option (`nb`, `nb-NO`, `en`): letters and digits in parts joined by hyphens;
    /// empty means no language.
    func language(_ name: String) throws -> String? {
        guard let text = value(name) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.isEmpty || parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else {
            throw UsageError("--\(name) must be a language tag such as nb, nb-NO or en, not '\(text)'")
        }
        return text
    }

    /// An option naming one of an enum's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, of type: T.Type) throws -> T? where T.RawValue == String {
        try choice(name, T.allCases.map(\.rawValue)).flatMap(T.init(rawValue:))
    }
}
