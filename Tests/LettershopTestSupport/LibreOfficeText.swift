import Foundation

/// Reads letters back through LibreOffice (`soffice --headless --convert-to txt`): the office suite
/// users open letters with, as an independent check that a letter opens and shows what it should.
public enum LibreOfficeText {
    /// The `soffice` on PATH, or nil when LibreOffice is not installed.
    public static var soffice: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The text of each document, in order, converted in one LibreOffice run with its own profile
    /// folder under `folder` (so tests can run beside a user's LibreOffice).
    public static func text(of documents: [String], soffice: String, in folder: String) throws -> [String] {
        let output = folder + "/txt"
        func textFile(_ document: String) -> String {
            output + "/" + URL(fileURLWithPath: document).deletingPathExtension().lastPathComponent + ".txt"
        }
        // A LibreOffice that starts while the machine is busy sometimes converts nothing: try once more
        // for what is missing.
        for _ in 0..<2 {
            let missing = documents.filter { !FileManager.default.fileExists(atPath: textFile($0)) }
            if missing.isEmpty { break }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = ["-env:UserInstallation=file://\(folder)/profile", "--headless", "--convert-to", "txt:Text", "--outdir", output] + missing
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        return try documents.map { document in
            let data = try Data(contentsOf: URL(fileURLWithPath: textFile(document)))
            var text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return text.replacingOccurrences(of: "\r\n", with: "\n")
        }
    }
}
