import Foundation

/// Compares output with a committed expected file in the `Golden` folder beside the test file.
///
/// Set `LETTERSHOP_UPDATE_GOLDEN=1` to write the expected files from the current output instead;
/// then review the diff before committing it.
public enum GoldenFile {
    public static var updating: Bool { ProcessInfo.processInfo.environment["LETTERSHOP_UPDATE_GOLDEN"] == "1" }

    /// The expected text for `name`, or nil when there is none yet. Writes `actual` when updating.
    public static func expected(_ name: String, actual: String, testFile: String = #filePath) throws -> String? {
        let url = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden").appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return actual
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Where a test's fixtures live: the `Fixtures` folder beside the test file.
    public static func fixture(_ name: String, testFile: String = #filePath) -> String {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// The project's root folder (for `Templates/` and `Samples/`).
    public static func projectRoot(testFile: String = #filePath) -> String {
        var url = URL(fileURLWithPath: testFile).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }
}
