internal import CSQLite3

#if canImport(Glibc)
import Glibc
#endif

/// The rules for opening a store file: which paths are refused, when the file is read-only, and
/// whether an existing SQLite file is a Lettershop database at all. All of it is decided before
/// anything is written, so a file that is not ours is left exactly as it was.
enum StoreFile {
    /// `PRAGMA application_id` of a Lettershop database ("LSHP").
    static let applicationID: Int32 = 0x4C53_4850

    /// Tables every Lettershop schema has had since its first version: a database without an
    /// application id (made before it was set) is recognised by them.
    static let signatureTables: Set<String> = ["contacts", "segments", "logged_segments", "interaction_log_entries", "letter_stagings"]

    /// Why `path` cannot name a store, or nil: an empty path (a temporary database), `:memory:`
    /// and `file:` URIs would open something that keeps nothing, or not the file meant.
    static func pathProblem(_ path: String) -> String? {
        if path.isEmpty { return "--db '': an empty path opens a temporary database that keeps nothing; name a file" }
        if path == ":memory:" { return "--db ':memory:': an in-memory database keeps nothing; name a file" }
        if path.lowercased().hasPrefix("file:") { return "--db '\(path)': URIs are not accepted; name a file" }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return "\(path): is a folder, not a database file" }
        return nil
    }

    /// True when the store can only be read: the file exists and this process may not write it, or
    /// may not create files (SQLite's `-wal` and `-shm`) in its folder.
    static func isReadOnly(_ path: String) -> Bool {
        guard access(path, F_OK) == 0 else { return false }
        if access(path, W_OK) != 0 { return true }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        return access(folder, W_OK | X_OK) != 0
    }

    /// A `file:` URI for `path` opened as immutable (a read-only WAL database in a folder where
    /// SQLite cannot create its shared-memory file).
    static func immutableURI(_ path: String) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            absolute = (getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? ".") + "/" + path
        }
        var encoded = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return "file:" + encoded + "?immutable=1"
    }
}

extension SQLiteStore {
    /// What an opened file holds, read without writing anything.
    enum Contents { case empty, lettershop, foreign }

    /// Reads the header fields and the table names: an empty file (or a new one) becomes a store;
    /// a file with our application id or our tables is one; anything else is not ours.
    static func contents(of database: Database) throws -> Contents {
        let tables = try database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").rows { $0.text(0) }
        let application = try database.prepare("PRAGMA application_id").firstRow { $0.integer(0) } ?? 0
        let version = try database.prepare("PRAGMA user_version").firstRow { $0.integer(0) } ?? 0
        if Int32(truncatingIfNeeded: application) == StoreFile.applicationID { return .lettershop }
        if application != 0 { return .foreign }
        if tables.isEmpty && version == 0 { return .empty }
        return version >= 1 && StoreFile.signatureTables.isSubset(of: Set(tables)) ? .lettershop : .foreign
    }
}
