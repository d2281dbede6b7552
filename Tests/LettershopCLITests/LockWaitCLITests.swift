import Foundation
import LettershopTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A command that finds another process holding the database's write lock (as a `segment log`
/// does while it writes its letters) waits for it, and ends at once, interrupted, on SIGINT.
@Suite(.serialized) struct LockWaitCLITests {
    /// Python holding the write lock of `database` for `seconds`, started and holding it.
    private func holdLock(_ database: String, seconds: Double) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(float(sys.argv[2]))
            db.execute("COMMIT")
            """, database, String(seconds)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("locked"))
        return process
    }

    private func workspace() throws -> (folder: TemporaryFolder, database: String) {
        let folder = try TemporaryFolder()
        let database = folder.file("db.sqlite")
        let created = try CLIRunner(workingDirectory: folder.path, environment: ["LETTERSHOP_DB": database])
            .run(["segment", "create", "S1", "--description", "First"])
        #expect(created.status == 0, "\(created.stderr)")
        return (folder, database)
    }

    @Test func aWriterWaitsForTheLockThenWrites() throws {
        let (folder, database) = try workspace()
        defer { folder.remove() }
        let holder = try holdLock(database, seconds: 2)
        let started = Date()
        let result = try CLIRunner(workingDirectory: folder.path, environment: ["LETTERSHOP_DB": database])
            .run(["segment", "create", "S2", "--description", "Second"])
        holder.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "created segment S2\n")
        // Not a terminal: no notice, and it waited for the lock instead of failing as busy.
        #expect(result.stderr == "")
        #expect(Date().timeIntervalSince(started) >= 1.5)
    }

    /// With standard error on a terminal, a command waiting more than a second for the lock says so,
    /// once, then does its work when the lock is released.
    @Test func onATerminalTheWaitIsNoticedOnce() throws {
        let (folder, database) = try workspace()
        defer { folder.remove() }
        let (status, output) = try Python.run("""
            import os, pty, sqlite3, subprocess, sys, time
            db = sqlite3.connect(sys.argv[2], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            master, slave = pty.openpty()
            child = subprocess.Popen([sys.argv[1], "segment", "create", "S2", "--description", "Second"],
                                     stdout=subprocess.PIPE, stderr=slave, env=dict(os.environ, LETTERSHOP_DB=sys.argv[2]))
            os.close(slave)
            time.sleep(2.5)
            db.execute("COMMIT")
            out = child.stdout.read().decode()
            child.wait()
            terminal = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                terminal += chunk
            print(child.returncode)
            print(out, end="")
            print(terminal.decode().replace("\\r\\n", "\\n"), end="")
            """, [CLIRunner.binary, database])
        #expect(status == 0)
        #expect(output == """
            0
            created segment S2
            note: waiting for another lettershop that is writing to the database (up to a minute)

            """, "\(output)")
    }

    @Test func aWaitingWriterEndsAtOnceOnSIGINT() throws {
        let (folder, database) = try workspace()
        defer { folder.remove() }
        let holder = try holdLock(database, seconds: 20)
        defer { holder.terminate() }
        let process = try SignalCLITests.start(["segment", "create", "S2", "--description", "Second"], in: folder.path,
                                               environment: ["LETTERSHOP_DB": database])
        usleep(700_000)
        #expect(process.isRunning, "it did not wait for the lock")
        let signalled = Date()
        kill(process.processIdentifier, SIGINT)
        let message = SignalCLITests.stderr(process)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(message)")
        #expect(message == "error: interrupted by SIGINT; nothing written or recorded\n")
        // Not the grace time after which a run that cannot stop by itself is ended.
        #expect(Date().timeIntervalSince(signalled) < 2)
    }
}
