import Foundation

/// The `lettershop` binary built beside this program, which the benchmarks of whole commands run.
func builtLettershop() throws -> String {
    let lettershop = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lettershop").path
    guard FileManager.default.isExecutableFile(atPath: lettershop) else {
        throw BenchError("no lettershop binary beside lettershop-bench (\(lettershop)): build the package first")
    }
    return lettershop
}
