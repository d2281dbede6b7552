import Foundation

/// Runs small Python scripts from tests, to read what Lettershop wrote with an independent reader
/// (the `email` package for `.eml`, `sqlite3` and `hashlib` for the log).
public enum Python {
    /// Runs `python3 -c script arguments…` and returns its exit status and standard output.
    public static func run(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// How many `.docx` letters logged in `database` are missing from `folder` or differ from the
    /// SHA-256 their interaction entry recorded; -1 when the check itself failed.
    public static func loggedLetterMismatches(database: String, folder: String) throws -> Int {
        let (status, output) = try run("""
            import hashlib, os, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            bad = 0
            for name, sha in db.execute("SELECT document_name, document_sha256 FROM interaction_log_entries"):
                if name.endswith('.docx'):
                    path = os.path.join(sys.argv[2], name)
                    bad += not os.path.exists(path) or hashlib.sha256(open(path, 'rb').read()).hexdigest() != sha
            print(bad)
            """, [database, folder])
        guard status == 0 else { return -1 }
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

extension Python {
    /// How many staging folders of `segment log` runs `database` still records; -1 when the check failed.
    public static func stagingRecords(database: String) throws -> Int {
        let (status, output) = try run("""
            import sqlite3, sys
            print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM letter_stagings").fetchone()[0])
            """, [database])
        guard status == 0 else { return -1 }
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
