import Foundation
import TestSupport
import Testing

/// `gleaner serve` as a real process on a real inbox with real inotify.
@Suite(.serialized) struct ServeCommandTests {
    @Test func droppedSeedsBecomeRowsAndMoveToDone() throws {
        let daemon = try DaemonUnderTest()
        for file in PackageRoot.seedFiles {
            try daemon.drop(file.lastPathComponent, Data(contentsOf: file))
        }
        // The same content under a second name is one document with two ledger rows.
        try daemon.drop("copy-of-000.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 30) { daemon.names(in: daemon.done).count == 6 }, "stderr: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let probe = try DatabaseProbe(path: daemon.db)
        #expect(try probe.count("documents") == 5)
        #expect(try probe.count("files") == 6)
        #expect(daemon.names(in: daemon.inbox).filter { !$0.hasPrefix(".") }.isEmpty)
        // Which of the two equal files is first is up to the parallel stages; one is
        // stored, the other is its duplicate.
        let log = daemon.stderr
        #expect(log.contains("stored 001_5b30e1d4bfebb3f5.txt: "))
        #expect((log.contains("stored 000_d488974008f0aa65.txt") && log.contains("duplicate copy-of-000.txt"))
                || (log.contains("stored copy-of-000.txt") && log.contains("duplicate 000_d488974008f0aa65.txt")), "\(log)")
    }

    @Test func aSlowWriterIsTakenOnlyOnceClosed() throws {
        let daemon = try DaemonUnderTest(rescanInterval: 0.5)
        let seed = try Data(contentsOf: PackageRoot.seedFiles[1])
        let path = daemon.inbox.appendingPathComponent("slow.txt").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let chunk = seed.count / 8 + 1
        for offset in stride(from: 0, to: seed.count, by: chunk) {
            handle.write(seed.subdata(in: offset..<min(offset + chunk, seed.count)))
            usleep(250_000)
        }
        try handle.close()
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["slow.txt"] }, "stderr: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let probe = try DatabaseProbe(path: daemon.db)
        #expect(try probe.count("documents") == 1)
        let stored = try probe.strings("SELECT raw_text FROM documents")
        #expect(stored.first == String(decoding: seed, as: UTF8.self))
    }

    @Test func badInputGoesToFailedWithAReason() throws {
        let daemon = try DaemonUnderTest()
        try daemon.drop("empty.txt", Data())
        try daemon.drop("binary.txt", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }))
        try daemon.drop("good.txt", Data(contentsOf: PackageRoot.seedFiles[2]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.failed).count == 4 && daemon.names(in: daemon.done).count == 1 },
                "failed: \(daemon.names(in: daemon.failed)), stderr: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let report = try Data(contentsOf: daemon.failed.appendingPathComponent("binary.txt.error.json"))
        let object = try #require(JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect(object["kind"] as? String == "binary")
        #expect((object["reason"] as? String ?? "").contains("binary"))
        #expect(object["stage"] as? String != nil && object["time"] as? String != nil)
        let empty = try Data(contentsOf: daemon.failed.appendingPathComponent("empty.txt.error.json"))
        #expect(String(decoding: empty, as: UTF8.self).contains("\"kind\":\"empty\""))
        let probe = try DatabaseProbe(path: daemon.db)
        #expect(try probe.strings("SELECT state FROM files ORDER BY path") == ["failed", "failed", "stored"])
    }

    @Test func filesWaitingBeforeStartAreTakenAndSigtermExitsCleanly() throws {
        let folder = try TemporaryFolder()
        let inbox = folder.url.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for file in PackageRoot.seedFiles {
            try FileManager.default.copyItem(at: file, to: inbox.appendingPathComponent(file.lastPathComponent))
        }
        // A partial upload is left alone.
        try Data("half".utf8).write(to: inbox.appendingPathComponent("upload.txt.part"))
        let config = folder.path("gleaner.conf")
        _ = FileManager.default.createFile(atPath: config, contents: Data())
        let process = try GleanerProcess.start(["serve", "--config", config, "--inbox", inbox.path, "--db", folder.path("g.sqlite")],
                                               logs: folder.url)
        let done = folder.url.appendingPathComponent("done")
        #expect(eventually(within: 30) { ((try? FileManager.default.contentsOfDirectory(atPath: done.path)) ?? []).count == 5 })
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("upload.txt.part").path))
        #expect(try DatabaseProbe(path: folder.path("g.sqlite")).count("documents") == 5)
    }

    @Test func checkConfigNamesTheBadLine() throws {
        let folder = try TemporaryFolder()
        let config = folder.path("bad.conf")
        _ = FileManager.default.createFile(atPath: config, contents: Data("inbox = /tmp/x\nmax_file_bytes = lots\n".utf8))
        let run = try GleanerProcess.run(["serve", "--config", config, "--check-config"])
        #expect(run.status == 78)
        #expect(run.stderr.contains("bad.conf:2:") && run.stderr.contains("max_file_bytes"))
        let good = folder.path("good.conf")
        _ = FileManager.default.createFile(atPath: good, contents: Data("inbox = /tmp/x\n".utf8))
        #expect(try GleanerProcess.run(["serve", "--config", good, "--check-config"]).status == 0)
    }
}

/// The README's first command must keep working: every flag `scripts/run` gives
/// `gleaner serve` is one the command knows.
@Suite struct RunScriptTests {
    @Test func theRunScriptOnlyUsesFlagsServeKnows() throws {
        let script = try String(contentsOf: PackageRoot.url.appendingPathComponent("scripts/run"), encoding: .utf8)
        let serveLine = try #require(script.split(separator: "\n").first { $0.contains("\" serve ") })
        let flags = serveLine.split(separator: " ").filter { $0.hasPrefix("--") }.map(String.init)
        #expect(!flags.isEmpty)
        let help = try GleanerProcess.run(["serve", "--help"])
        for flag in flags {
            #expect(help.stdout.contains(flag), "scripts/run passes \(flag), which gleaner serve does not know")
        }
    }
}
