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
        // The prefix is matched as bytes: a combining mark after it is not part of a number.
        let combining = folder.file(".out.staging-\u{301}\(Int32.max)")
        for path in [gone, alive, other, notStaging, combining] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try Data("half a letter".utf8).write(to: URL(fileURLWithPath: path + "/1.docx"))
        }

        let output = try OutputFolder(destination: folder.file("out"))
        #expect(!FileManager.default.fileExists(atPath: gone))
        for path in [alive, other, notStaging, combining] { #expect(FileManager.default.fileExists(atPath: path + "/1.docx"), "\(path)") }
        try output.fill { try output.write(name: "A.docx", bytes: [1, 2, 3]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["A.docx"])
        #expect(!FileManager.default.fileExists(atPath: output.staging))
    }

    /// A folder is empty when it holds nothing but `.` and `..`; a hidden name makes it not empty.
    /// `entries(of:prefix:)` gives the matching names only, sorted, the whole folder read once.
    @Test func folderStateAndNamesWithAPrefix() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(Folder.state(of: folder.path) == .empty)
        #expect(Folder.state(of: folder.file("none")) == .missing)
        try Data().write(to: URL(fileURLWithPath: folder.file(".hidden")))
        #expect(Folder.state(of: folder.path) == .notEmpty)
        #expect(Folder.state(of: folder.file(".hidden")) == .notAFolder)
        for name in ["b.staging-2", "a", "b.staging-1", "b.stag", "ab.staging-3", "b.staging-10"] {
            try Data().write(to: URL(fileURLWithPath: folder.file(name)))
        }
        #expect(Folder.entries(of: folder.path, prefix: "b.staging-") == ["b.staging-1", "b.staging-10", "b.staging-2"])
        #expect(Folder.entries(of: folder.path) == [".hidden", "a", "ab.staging-3", "b.stag", "b.staging-1", "b.staging-10", "b.staging-2"])
        #expect(Folder.entries(of: folder.file("none"), prefix: "") == [])
    }
}
