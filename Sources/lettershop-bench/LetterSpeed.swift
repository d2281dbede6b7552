import DocxMerge
import Foundation

/// Letters per second in both letter formats, against the file-system floor (a small C program
/// creating as many files of the same size with one write each) and, when given, the hand-written
/// C bound of a mail-merge benchmark harness; output bytes per letter; and, with valgrind on PATH,
/// instructions per letter counted by callgrind (rendering only, no disk).
enum LetterSpeed {
    struct Run {
        let documents: Int
        let seconds: Double
        let bytes: Int
        var rate: Double { Double(documents) / seconds }
    }

    /// Merges every record of `csvPath` into a new folder, named `letter_000001.docx` …; the time
    /// covers reading, rendering, writing and publishing the folder.
    static func merge(template: MergeTemplate, csvPath: String, format: LetterFormat, jobs: Int, level: Int, into folder: String) throws -> Run {
        let csv = try CSVReader(path: csvPath)
        let plan = try LetterPlan(template: template, columns: csv.header, compressionLevel: level, format: format)
        let output = try OutputFolder(destination: folder)
        var written = 0
        let elapsed = try seconds {
            // Named as the harness names them, by the record's number.
            written = try CSVMerge(plan: plan, jobs: jobs, pattern: FileNamePattern("letter_{#}", columns: csv.header)).run(csv, into: output)
            try output.commit()
        }
        return Run(documents: written, seconds: elapsed, bytes: folderBytes(folder))
    }

    static func folderBytes(_ folder: String) -> Int {
        Folder.entries(of: folder).reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0)
        }
    }

    /// The floor: `Benchmarks/floor.c` built with `cc`, writing `count` files of `size` bytes into
    /// `folder`, shared out among `processes` processes running at once (as `--jobs` threads share
    /// one folder).
    static func floor(count: Int, size: Int, processes: Int = 1, work: String, into folder: String) throws -> Run? {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Benchmarks/floor.c").standardized.path
        let binary = work + "/floor"
        if !FileManager.default.fileExists(atPath: binary) {
            guard run("/usr/bin/env", ["cc", "-O2", "-o", binary, source]) == 0 else { return nil }
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var ok = true
        let elapsed = try seconds {
            let share = (count + processes - 1) / processes
            let started = try stride(from: 0, to: count, by: share).map { first in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = ["\(min(share, count - first))", "\(size)", folder, "\(first + 1)"]
                try process.run()
                return process
            }
            for process in started {
                process.waitUntilExit()
                ok = ok && process.terminationStatus == 0
            }
        }
        return ok ? Run(documents: count, seconds: elapsed, bytes: count * size) : nil
    }

    /// The harness's hand-written C bound (`limit -r TEMPLATE CSV DIR`).
    static func cBound(_ binary: String, template: String, csvPath: String, count: Int, into folder: String) throws -> Run? {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var status: Int32 = 0
        let elapsed = seconds { status = run(binary, ["-r", template, csvPath, folder]) }
        return status == 0 ? Run(documents: count, seconds: elapsed, bytes: folderBytes(folder)) : nil
    }

    /// Renders `count` letters to memory in `format` and exits: what callgrind counts.
    static func renderOnly(template: String, csvPath: String, format: LetterFormat, count: Int, level: Int) throws {
        let compiled = try MergeTemplate(path: template)
        let csv = try CSVReader(path: csvPath)
        let renderer = LetterRenderer(plan: try LetterPlan(template: compiled, columns: csv.header, compressionLevel: level, format: format))
        var records: [[String]] = []
        while records.count < count, let record = try csv.next() { records.append(record.values) }
        var total = 0
        for index in 0..<count { total &+= try renderer.render(records[index % records.count]).count }
        if total == 0 { print("nothing rendered") }
    }

    /// Instructions per letter: callgrind on 1 and on 301 rendered letters, the difference over 300.
    static func instructionsPerLetter(template: String, csvPath: String, format: LetterFormat, level: Int, work: String) -> Int? {
        func instructions(_ count: Int) -> Int? {
            let out = work + "/callgrind.\(format.rawValue).\(count)"
            let arguments = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, CommandLine.arguments[0], "--render-only",
                             "\(format.rawValue)", "\(count)", "--template", template, "--data", csvPath, "--compression-level", "\(level)"]
            guard run("/usr/bin/env", arguments) == 0, let text = try? String(contentsOfFile: out, encoding: .utf8),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("summary:") || $0.hasPrefix("totals:") }),
                  let value = Int(line.split(separator: " ").last ?? "") else { return nil }
            return value
        }
        guard let one = instructions(1), let many = instructions(301) else { return nil }
        return (many - one) / 300
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// The table: each engine `repeat` times, interleaved, medians. Every run writes into a folder of
    /// its own and none is removed before the end: on a file system that skips recently deleted
    /// inodes when it makes new ones (ext4 without a journal scans past those deleted in the last
    /// 30 s), a run after a removal would pay for the removal.
    static func report(template: MergeTemplate, templatePath: String, csvPath: String, count: Int, level: Int, repeat: Int,
                       cBound: String?, work: String) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var rates: [String: [Double]] = [:]
        var bytes: [String: Int] = [:]
        var runs = 0
        func folder() -> String {
            runs += 1
            return work + "/run-\(runs)"
        }
        let floorLabel = "file-system floor (C, one write per file)"
        let floorAllLabel = "file-system floor, \(cores) processes"
        for _ in 0..<max(1, `repeat`) {
            for format in LetterFormat.allCases {
                let label = "format \(format.rawValue), --jobs 1"
                let result = try merge(template: template, csvPath: csvPath, format: format, jobs: 1, level: level, into: folder())
                rates[label, default: []].append(result.rate)
                bytes["format \(format.rawValue)"] = result.bytes / max(1, result.documents)
            }
            if cores > 1 {
                let result = try merge(template: template, csvPath: csvPath, format: .current, jobs: cores, level: level, into: folder())
                rates["format \(LetterFormat.current.rawValue), --jobs \(cores)", default: []].append(result.rate)
            }
            let size = bytes["format \(LetterFormat.current.rawValue)"] ?? 20_000
            if let floor = try floor(count: count, size: size, work: work, into: folder()) { rates[floorLabel, default: []].append(floor.rate) }
            if cores > 1, let floor = try floor(count: count, size: size, processes: cores, work: work, into: folder()) {
                rates[floorAllLabel, default: []].append(floor.rate)
            }
            if let cBound, let bound = try self.cBound(cBound, template: templatePath, csvPath: csvPath, count: count, into: folder()) {
                rates["hand-written C bound (limit -r)", default: []].append(bound.rate)
            }
        }
        let current = "format \(LetterFormat.current.rawValue), --jobs 1"
        let reference = median(rates[current] ?? [1])
        print("letters/s, median of \(max(1, `repeat`)) interleaved runs of \(count) letters (min–max); last column: format \(LetterFormat.current.rawValue) on one core ÷ the row")
        for (label, values) in rates.sorted(by: { median($0.value) < median($1.value) }) {
            print(String(format: "  %-45@ %9.0f (%.0f–%.0f)   %.2f×", label as NSString, median(values), values.min()!, values.max()!,
                         reference / median(values)))
        }
        if cores > 1, let all = rates["format \(LetterFormat.current.rawValue), --jobs \(cores)"] {
            print(String(format: "  %d cores ÷ one core: %.2f×", cores, median(all) / reference))
            if let one = rates[floorLabel], let many = rates[floorAllLabel] {
                print(String(format: "  file-system floor, %d processes ÷ one: %.2f× (what %d cores can gain while creating files here)",
                             cores, median(many) / median(one), cores))
            }
        }
        let old = bytes["format 1"] ?? 0, new = bytes["format 2"] ?? 0
        print(String(format: "bytes per letter: format 1 %d, format 2 %d (%+.2f%%)", old, new, Double(new - old) / Double(max(1, old)) * 100))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/valgrind") {
            for format in LetterFormat.allCases {
                if let count = instructionsPerLetter(template: templatePath, csvPath: csvPath, format: format, level: level, work: work) {
                    print("callgrind, instructions per letter (rendering, no disk): format \(format.rawValue) \(count)")
                }
            }
        } else {
            print("callgrind: valgrind not found (apt-get install valgrind); row skipped")
        }
    }
}
