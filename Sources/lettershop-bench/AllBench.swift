import Foundation

/// `--all [letter options]`: every figure the README quotes, in one run: the letters (this program
/// with the options given), then `Benchmarks/segment-bench.sh 100000` (import, criteria, check,
/// preview and `segment log` of 100,000 lines on every core), then `--import 1000000` (one run
/// against sqlite3's `.import`). Each part runs as its own process, one after the other, with its
/// output as it comes.
enum AllBench {
    static func run(letterArguments: [String]) throws {
        let bench = URL(fileURLWithPath: CommandLine.arguments[0]).path
        let lettershop = try builtLettershop()
        let script = "Benchmarks/segment-bench.sh"
        guard FileManager.default.fileExists(atPath: script) else {
            throw BenchError("\(script) not found: run lettershop-bench --all from the package's folder")
        }
        print("== letters")
        try runPart(bench, letterArguments)
        print("== segments, 100,000 contacts")
        try runPart("/bin/sh", [script, "100000"], environment: ["LETTERSHOP": lettershop])
        print("== import, 1,000,000 contacts")
        try runPart(bench, ["--import", "1000000", "--runs", "1"])
    }

    private static func runPart(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // This process's heading first (every stream flushed): the part writes to the same output, not through this buffer.
        fflush(nil)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(([executable] + arguments).joined(separator: " ")) failed (status \(process.terminationStatus))")
        }
    }
}
