import Foundation

/// `--import [N]`: `lettershop contacts import` of N generated contacts × 14 columns (default
/// 1,000,000) against sqlite3's own `.import` of the same file into a table of the same 14 columns,
/// in the same run; then `segment add --where` over the contacts imported. Each figure is the
/// median of `runs`, each run into a new database. Both are the built binaries as a user runs them:
/// time is wall-clock (and user + system time from wait4), memory the child's peak resident set
/// (`VmHWM`, read every 5 ms while it runs: wait4's `ru_maxrss` would also count the memory this
/// process had when it started the child).
enum ImportBench {
    static let columns = ["No", "Type", "Name", "CompanyNo", "FirstName", "Surname", "JobTitle", "Address", "PostCode",
                          "City", "CountryCode", "Email", "Phone", "CorrespondenceType"]
    static let sqlColumns = ["no", "type", "name", "company_no", "first_name", "surname", "job_title", "address", "post_code",
                             "city", "country_code", "email", "phone", "correspondence_type"]
    /// Criteria over the imported contacts: the persons of one city (a fifth of the contacts).
    static let criteria = "Type = person and City = Oslo"

    struct Run {
        var seconds: Double
        /// User and system time: steadier than wall time on a machine others share.
        var cpuSeconds: Double
        var peakMB: Double
    }

    static func run(count: Int, runs: Int, keep: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lettershop-import-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
        let lettershop = try builtLettershop()
        let sqlite3 = executable(named: "sqlite3")
        let csv = folder + "/contacts.csv"
        try writeContacts(count: count, to: csv)
        let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
        print("import: \(count) contacts × \(columns.count) columns (\(String(format: "%.1f", Double(size) / 1e6)) MB CSV), median of \(runs) runs")

        var ours: [Run] = [], peers: [Run] = [], criteriaRuns: [Run] = []
        var lines = 0
        for run in 1...runs {
            let database = folder + "/lettershop-\(run).db"
            ours.append(try measure(lettershop, ["contacts", "import", csv, "--db", database, "--quiet"]))
            if let sqlite3 {
                let peerDatabase = folder + "/sqlite3-\(run).db"
                let create = "CREATE TABLE contacts (" + sqlColumns.map { "\($0) TEXT" }.joined(separator: ", ") + ");"
                peers.append(try measure(sqlite3, [peerDatabase, "-cmd", create, "-cmd", ".mode csv", ".import --skip 1 \(csv) contacts"]))
                try? FileManager.default.removeItem(atPath: peerDatabase)
            }
            _ = try measure(lettershop, ["segment", "create", "S\(run)", "--description", "Bergen persons", "--db", database])
            criteriaRuns.append(try measure(lettershop, ["segment", "add", "S\(run)", "--where", criteria, "--db", database]))
            if run == runs { lines = try segmentLines(lettershop, segment: "S\(run)", database: database) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        let mine = median(ours)
        print(String(format: "  lettershop contacts import: %.2f s = %.0f rows/s (CPU %.2f s = %.0f rows/s), peak memory %.1f MB",
                     mine.seconds, Double(count) / mine.seconds, mine.cpuSeconds, Double(count) / mine.cpuSeconds, mine.peakMB))
        if sqlite3 != nil {
            let peer = median(peers)
            print(String(format: "  sqlite3 .import (same file, 14-column table): %.2f s = %.0f rows/s (CPU %.2f s = %.0f rows/s), peak memory %.1f MB",
                         peer.seconds, Double(count) / peer.seconds, peer.cpuSeconds, Double(count) / peer.cpuSeconds, peer.peakMB))
            print(String(format: "  lettershop / sqlite3 .import rows/s: %.2fx wall, %.2fx CPU",
                         peer.seconds / mine.seconds, peer.cpuSeconds / mine.cpuSeconds))
        } else {
            print("  sqlite3 .import: sqlite3 is not on PATH (apt-get install -y sqlite3); peer row skipped")
        }
        let add = median(criteriaRuns)
        print(String(format: "  segment add --where '%@' over %d contacts: %.2f s (CPU %.2f s, %d lines), peak memory %.1f MB",
                     criteria, count, add.seconds, add.cpuSeconds, lines, add.peakMB))
    }

    /// The median of each figure of `runs`, taken apart.
    static func median(_ runs: [Run]) -> Run {
        func middle(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        return Run(seconds: middle(runs.map(\.seconds)), cpuSeconds: middle(runs.map(\.cpuSeconds)), peakMB: middle(runs.map(\.peakMB)))
    }

    /// Runs `path arguments…` with its output discarded: wall time and peak resident memory.
    /// - Throws: when it cannot start or exits other than 0.
    static func measure(_ path: String, _ arguments: [String]) throws -> Run {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot run \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        var peakKB = 0
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 {
                guard errno == EINTR else { throw BenchError("wait4: \(String(cString: strerror(errno)))") }
                continue
            }
            peakKB = max(peakKB, highWaterKB(of: pid))
            usleep(5_000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard status == 0 else { throw BenchError("\(path) \(arguments.joined(separator: " ")) failed (status \(status))") }
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Run(seconds: seconds, cpuSeconds: cpu, peakMB: Double(peakKB) / 1024)
    }

    /// The peak resident set of process `pid` so far (`VmHWM` in /proc), in KiB; 0 once it has ended.
    static func highWaterKB(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.filter(\.isNumber)) ?? 0
    }

    /// How many lines segment `segment` has (`NoOfLines` of `segment show --json`).
    static func segmentLines(_ lettershop: String, segment: String, database: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lettershop)
        process.arguments = ["segment", "show", segment, "--json", "--db", database]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["header"] as? [String: Any])?["NoOfLines"] as? Int ?? 0
    }

    /// The first executable file called `name` on PATH.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `count` contacts: each company followed by four of its persons, Nordic names, unique e-mail
    /// addresses and phone numbers; written in pieces, not held whole.
    static func writeContacts(count: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot write \(path)")
        }
        defer { try? file.close() }
        var text = columns.joined(separator: ",") + "\r\n"
        var company = ""
        for index in 1...count {
            let no = String(format: "CT%07d", index)
            let city = SyntheticRecords.cities[index % SyntheticRecords.cities.count]
            let street = "\(SyntheticRecords.streets[index % SyntheticRecords.streets.count]) \(1 + index % 120)"
            if index % 5 == 1 {
                company = no
                text += "\(no),company,\"Fjord \(index) AS\",,,,,\(street),\(city.0),\(city.1),NO,post\(index)@fjord.example,"
                    + String(format: "+47 2%07d", index) + ",hard-copy\r\n"
            } else {
                let first = SyntheticRecords.firstNames[index % SyntheticRecords.firstNames.count]
                let surname = SyntheticRecords.surnames[(index / 12) % SyntheticRecords.surnames.count]
                text += "\(no),person,\(first) \(surname) \(index),\(company),\(first),\(surname),Buyer,\(street),\(city.0),\(city.1),NO,"
                    + "\(first.lowercased()).\(index)@fjord.example," + String(format: "+47 9%07d", index) + ",email\r\n"
            }
            if text.utf8.count > 1 << 20 {
                file.write(Data(text.utf8))
                text = ""
            }
        }
        file.write(Data(text.utf8))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
