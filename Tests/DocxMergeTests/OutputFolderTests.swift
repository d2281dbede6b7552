import Foundation
import LettershopTestSupport
import Testing
@testable import DocxMerge

#if canImport(Glibc)
import Glibc
#endif

@Suite struct OutputFolderTests {
    /// A merge killed before its commit leaves `.<name>.staging-<pid>` beside the destination; the
    /// next merge into that destination removes it once its process is gone, and leaves the
    /// staging folders of live processes and of other destinations alone.
    @Test func abandonedStagingFoldersAreRemoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // No process has this number (it is above any pid_max), so kill(pid, 0) fails with ESRCH.
        let gone = folder.file(".out.staging-\(Int32.max)")
        let alive = folder.file(".out.staging-\(getppid())")
        let other = folder.file(".other.staging-\(Int32.max)")
        let notStaging = folder.file(".out.staging-notapid")
        for path in [gone, alive, other, notStaging] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try Data("half a letter".utf8).write(to: URL(fileURLWithPath: path + "/1.docx"))
        }

        let output = try OutputFolder(destination: folder.file("out"))
        #expect(!FileManager.default.fileExists(atPath: gone))
        for path in [alive, other, notStaging] { #expect(FileManager.default.fileExists(atPath: path + "/1.docx"), "\(path)") }
        try output.fill { try output.write(name: "A.docx", bytes: [1, 2, 3]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["A.docx"])
        #expect(!FileManager.default.fileExists(atPath: output.staging))
    }
}
