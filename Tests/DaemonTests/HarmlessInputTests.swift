import Foundation
import TestSupport
import Glibc
import Pipeline
import Testing

/// Inputs and faults that once did harm (issue 14), each against the real daemon on a
/// real spool: none may stop ingestion, lose or truncate an article, or reach a terminal.
@Suite(.serialized) struct HarmlessInputTests {
    /// Case 1: a file that kills the daemon every time it is in flight goes to `failed/`
    /// after three such ends, with the reason, instead of being replayed for ever.
    @Test func aFileInFlightAtThreeCrashesGoesToFailed() throws {
        let daemon = try DaemonUnderTest(config: "busy_timeout_seconds = 0.2\n")
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt"] })
        // A held write lock keeps the next file in processing/ for as long as we like.
        let locker = try DatabaseLocker(path: daemon.db)
        try daemon.drop("deadly.txt", Data(contentsOf: PackageRoot.seedFiles[1]))
        // Generous waits: a debug build loads its models and dictionaries before recovery,
        // which takes tens of seconds while the other suites' daemons share two cores.
        for round in 1...3 {
            #expect(eventually(within: 60) { daemon.names(in: daemon.processing) == ["deadly.txt"] }, "round \(round)")
            if round > 1 {
                #expect(eventually(within: 60) { daemon.stderr.contains("recovering 1 file(s)") }, "round \(round): \(daemon.stderr)")
            }
            daemon.signal(SIGKILL)
            daemon.process.waitUntilExit()
            if round == 3 { locker.release() }
            try daemon.restart()
        }
        #expect(eventually(within: 60) { daemon.names(in: daemon.failed) == ["deadly.txt", "deadly.txt.error.json"] },
                "failed: \(daemon.names(in: daemon.failed)), stderr: \(daemon.stderr)")
        let report = try Data(contentsOf: daemon.failed.appendingPathComponent("deadly.txt.error.json"))
        let object = try #require(JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect((object["reason"] as? String ?? "").contains("ended abnormally 3 times"), "\(object)")
        #expect(daemon.names(in: daemon.processing).isEmpty)
        // The service goes on: the next file is stored.
        try daemon.drop("after.txt", Data(contentsOf: PackageRoot.seedFiles[2]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["after.txt", "first.txt"] })
        #expect(daemon.stop() == 0)
    }

    /// Case 2: a writer that pauses longer than the settle time and the rescan interval
    /// while it holds the file open: the whole article is stored, not what was there
    /// at the rescan.
    @Test func aWriterThatPausesWithTheFileOpenIsStoredWhole() throws {
        let daemon = try DaemonUnderTest(rescanInterval: 0.5)
        let seed = try Data(contentsOf: PackageRoot.seedFiles[1])
        let path = daemon.inbox.appendingPathComponent("paused.txt").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let half = seed.count / 2
        handle.write(seed.subdata(in: 0..<half))
        // Several rescans pass while the file sits, unchanged and open, in the inbox.
        #expect(!eventually(within: 3) { !daemon.names(in: daemon.done).isEmpty || !daemon.names(in: daemon.processing).isEmpty },
                "a rescan took a file its writer still holds open")
        handle.write(seed.subdata(in: half..<seed.count))
        try handle.close()
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["paused.txt"] }, "stderr: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let stored = try DatabaseProbe(path: daemon.db).strings("SELECT raw_text FROM documents")
        #expect(stored == [String(decoding: seed, as: UTF8.self)])
    }

    /// Case 3: the inbox removed and made again: said in the log, no watchdog pings while
    /// it is gone, and files dropped into the new folder are taken without waiting for
    /// a rescan.
    @Test func anInboxRemovedAndMadeAgainIsWatchedAgain() throws {
        let folder = try TemporaryFolder()
        let socket = try NotifySocket(directory: folder.url)
        defer { socket.close() }
        let daemon = try DaemonUnderTest(rescanInterval: 600, environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"],
                                         folder: folder)
        #expect(eventually(within: 15) { socket.contains("READY=1") }, "stderr: \(daemon.stderr)")
        try FileManager.default.removeItem(at: daemon.inbox)
        #expect(eventually(within: 10) { daemon.stderr.contains("was removed or renamed away") }, "stderr: \(daemon.stderr)")
        let pings = socket.count(of: "WATCHDOG=1")
        #expect(!eventually(within: 1.5) { socket.count(of: "WATCHDOG=1") > pings }, "the watchdog was pinged without an inbox")
        try FileManager.default.createDirectory(at: daemon.inbox, withIntermediateDirectories: true)
        #expect(eventually(within: 10) { daemon.stderr.contains("is back; watching it again") }, "stderr: \(daemon.stderr)")
        try daemon.drop("late.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["late.txt"] }, "stderr: \(daemon.stderr)")
        #expect(eventually(within: 5) { socket.count(of: "WATCHDOG=1") > pings })
        #expect(daemon.stop() == 0)
    }

    /// Case 4: 255-byte names that collide in done/ and failed/: moved under a shorter
    /// numbered name, and a failed one still gets its `.error.json`.
    @Test func longNamesThatCollideStillMoveOn() throws {
        let daemon = try DaemonUnderTest()
        let long = String(repeating: "n", count: 251) + ".txt"
        #expect(long.utf8.count == 255)
        try daemon.drop(long, Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done).count == 1 })
        try daemon.drop(long, Data(contentsOf: PackageRoot.seedFiles[1]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done).count == 2 }, "stderr: \(daemon.stderr)")
        try daemon.drop(long, Data())
        #expect(eventually(within: 20) { daemon.names(in: daemon.failed).count == 2 }, "stderr: \(daemon.stderr)")
        try daemon.drop(long, Data())
        #expect(eventually(within: 20) { daemon.names(in: daemon.failed).count == 4 }, "stderr: \(daemon.stderr)")
        #expect(daemon.names(in: daemon.processing).isEmpty)
        #expect(daemon.stop() == 0)
        let failed = daemon.names(in: daemon.failed)
        #expect(failed.filter { $0.hasSuffix(".error.json") }.count == 2, "\(failed)")
        #expect((daemon.names(in: daemon.done) + failed).allSatisfy { $0.utf8.count <= 255 })
        for report in failed where report.hasSuffix(".error.json") {
            let data = try Data(contentsOf: daemon.failed.appendingPathComponent(report))
            let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["file"] as? String == long)
        }
    }

    /// Case 5: a second daemon on the same spool refuses to start, and touches nothing.
    @Test func aSecondDaemonOnTheSameSpoolRefusesToStart() throws {
        let daemon = try DaemonUnderTest(config: "busy_timeout_seconds = 0.2\n")
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt"] })
        let locker = try DatabaseLocker(path: daemon.db)
        defer { locker.release() }
        try daemon.drop("held.txt", Data(contentsOf: PackageRoot.seedFiles[1]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.processing) == ["held.txt"] })
        let logs = daemon.folder.url.appendingPathComponent("second")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let second = try GleanerProcess.start(daemon.serveArguments, logs: logs)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL); second.waitUntilExit() } }
        let exited = eventually(within: 15) { !second.isRunning }
        #expect(exited, "the second daemon kept running")
        if !exited { kill(second.processIdentifier, SIGKILL) }
        second.waitUntilExit()
        #expect(second.terminationStatus == 75)
        let stderr = (try? String(contentsOf: logs.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        #expect(stderr.contains("already works this inbox"), "\(stderr)")
        #expect(!stderr.contains("recovering"))
        #expect(daemon.process.isRunning)
        #expect(daemon.names(in: daemon.processing) == ["held.txt"])
    }

    /// Case 6: SIGTERM while nothing can be committed: the daemon exits within its stop
    /// timeout, the file stays in processing/, and the next start stores it (replayed
    /// as a stop, not counted as a crash).
    @Test func aStopWhileCommitsAreBlockedEndsInTime() throws {
        let daemon = try DaemonUnderTest(config: "busy_timeout_seconds = 0.2\nstop_timeout_seconds = 2\n")
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt"] }, "stderr: \(daemon.stderr)")
        let locker = try DatabaseLocker(path: daemon.db)
        try daemon.drop("second.txt", Data(contentsOf: PackageRoot.seedFiles[1]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.processing) == ["second.txt"] })
        #expect(daemon.stop(within: 15) == 0, "SIGTERM was not honoured while the database was locked")
        #expect(daemon.stderr.contains("left in processing/ for the next start"))
        #expect(daemon.names(in: daemon.processing) == ["second.txt"])
        locker.release()
        try daemon.restart()
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt", "second.txt"] }, "stderr: \(daemon.stderr)")
        #expect(!daemon.stderr.contains("suspects: 1"))
        #expect(daemon.stop() == 0)
    }

    /// Case 7: blocked commits are logged at warning level once, and their end once.
    @Test func blockedCommitsAreLoggedOncePerChange() throws {
        let daemon = try DaemonUnderTest(config: "busy_timeout_seconds = 0.1\n")
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt"] })
        let locker = try DatabaseLocker(path: daemon.db)
        try daemon.drop("second.txt", Data(contentsOf: PackageRoot.seedFiles[1]))
        #expect(eventually(within: 20) { daemon.stderr.contains("warning: commits are blocked") }, "stderr: \(daemon.stderr)")
        // Many retries and status ticks later, still one line.
        #expect(eventually(within: 20) {
            let status = try? GleanerProcess.run(["status", "--db", daemon.db, "--json"]).stdout
            let object = (try? JSONSerialization.jsonObject(with: Data((status ?? "").utf8))) as? [String: Any]
            return (object?["store_retries"] as? Int ?? 0) >= 6
        })
        locker.release()
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt", "second.txt"] })
        #expect(eventually(within: 10) { daemon.stderr.contains("commits go through again") }, "stderr: \(daemon.stderr)")
        #expect(daemon.stderr.components(separatedBy: "commits are blocked").count - 1 == 1, "stderr: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
    }

    /// Case 8: control characters from article content or file names never reach the
    /// terminal raw, in `search`, `entities`, `events` or `status`.
    @Test func terminalEscapesInContentArePrintedVisibly() throws {
        let daemon = try DaemonUnderTest()
        let text = "\u{1B}]0;pwned\u{07}Evil \u{1B}[2J Title\n\nThe minister Anna \u{1B}[31mBerg\u{1B}[0m said on Monday that the treaty with Norway would be signed in Oslo next week. Officials in Stockholm welcomed the news.\n"
        try daemon.drop("evil.txt", Data(text.utf8))
        try daemon.drop("\u{1B}[2J\u{1B}]0;x\u{07}.txt", Data())
        #expect(eventually(within: 20) { daemon.names(in: daemon.done).count == 1 && daemon.names(in: daemon.failed).count == 2 })
        #expect(eventually(within: 10) {
            (try? GleanerProcess.run(["status", "--config", daemon.configPath, "--db", daemon.db]).stdout)?.contains("\\x1B[2J") ?? false
        })
        let outputs = try [
            GleanerProcess.run(["search", "minister", "--db", daemon.db]),
            GleanerProcess.run(["entities", "--db", daemon.db]),
            GleanerProcess.run(["events", "--db", daemon.db]),
            GleanerProcess.run(["status", "--config", daemon.configPath, "--db", daemon.db]),
        ]
        #expect(outputs[0].stdout.contains("\\x1B[31m"), "\(outputs[0].stdout)")
        for run in outputs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(run.stdout.debugDescription)")
        }
        #expect(daemon.stop() == 0)
        #expect(!daemon.stderr.contains("\u{1B}"))
    }

    /// Case 9: SIGABRT (how systemd's watchdog ends a stuck service) ends it at once.
    @Test func sigabrtEndsTheDaemonAtOnce() throws {
        let daemon = try DaemonUnderTest()
        #expect(eventually(within: 15) { daemon.stderr.contains("watching") })
        daemon.signal(SIGABRT)
        #expect(eventually(within: 3) { !daemon.process.isRunning }, "the daemon was still running 3 s after SIGABRT")
        if !daemon.process.isRunning {
            #expect(daemon.process.terminationReason == .uncaughtSignal)
            #expect(daemon.process.terminationStatus == SIGABRT)
        }
    }

    /// Case 11: bytes that are not text (here 4 KB from a seeded generator) go to
    /// failed/, not into the database as a document with no words.
    @Test func randomBytesGoToFailed() throws {
        let daemon = try DaemonUnderTest()
        // Mostly bytes that Windows-1252 decodes as letters and signs, and about one in
        // thirty a control character: under the decoder's 10% test for binary data.
        var generator = SplitMix(seed: 14)
        let bytes = (0..<4096).map { _ -> UInt8 in
            let draw = generator.next()
            return draw % 30 == 0 ? UInt8(1 + (draw >> 8) % 8) : UInt8(0xA0 + (draw >> 8) % 0x60)
        }
        try daemon.drop("noise.txt", Data(bytes))
        #expect(eventually(within: 20) { daemon.names(in: daemon.failed) == ["noise.txt", "noise.txt.error.json"] },
                "failed: \(daemon.names(in: daemon.failed)), done: \(daemon.names(in: daemon.done))")
        #expect(daemon.stop() == 0)
        let report = try Data(contentsOf: daemon.failed.appendingPathComponent("noise.txt.error.json"))
        let object = try #require(JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect(object["kind"] as? String == "binary")
        #expect(try DatabaseProbe(path: daemon.db).count("documents") == 0)
    }

    /// Case 12: entries no writer closes (a symlink, a FIFO, a folder) reach failed/ at
    /// once, not at the next rescan.
    @Test func entriesThatNeverCloseFailWithoutARescan() throws {
        let daemon = try DaemonUnderTest(rescanInterval: 600)
        // After the scans at start: the status file is rewritten every 2 s, and its second
        // version comes after the start's second scan.
        let statusPath = daemon.db + ".status.json"
        #expect(eventually(within: 15) { FileManager.default.contents(atPath: statusPath) != nil })
        let first = FileManager.default.contents(atPath: statusPath)
        #expect(eventually(within: 15) { FileManager.default.contents(atPath: statusPath) != first })
        let inbox = daemon.inbox.path
        #expect(symlink(daemon.folder.path("nowhere"), inbox + "/link.txt") == 0)
        #expect(mkfifo(inbox + "/pipe.txt", 0o644) == 0)
        #expect(mkdir(inbox + "/folder.txt", 0o755) == 0)
        let expected = ["folder.txt", "link.txt", "pipe.txt"].flatMap { [$0, $0 + ".error.json"] }.sorted()
        #expect(eventually(within: 10) { daemon.names(in: daemon.failed) == expected }, "failed: \(daemon.names(in: daemon.failed))")
        #expect(daemon.stop() == 0)
    }

    /// Case 12: `status` run by another user still sees the daemon running, and says when
    /// the status file is stale.
    @Test func statusSaysRunningForAnotherUserAndStaleWhenStale() throws {
        let daemon = try DaemonUnderTest()
        #expect(eventually(within: 15) { FileManager.default.fileExists(atPath: daemon.db + ".status.json") })
        if getuid() == 0 {
            // `nobody` may not read the database; the daemon line comes first regardless.
            chmod(daemon.folder.url.path, 0o755)
            let run = try GleanerProcess.run(["status", "--db", daemon.db], asUser: 65534)
            #expect(run.stdout.contains("daemon    running"), "stdout: \(run.stdout) stderr: \(run.stderr)")
        }
        daemon.signal(SIGSTOP)
        defer { daemon.signal(SIGCONT) }
        #expect(eventually(within: 20) {
            (try? GleanerProcess.run(["status", "--db", daemon.db]).stdout)?.contains("stale: the status file was last written") ?? false
        })
        daemon.signal(SIGCONT)
        #expect(daemon.stop() == 0)
    }
}

/// Case 12: HTML nested deeper than the parser follows fails with a reason that says so,
/// not a bare "no text".
@Suite struct DeepMarkupTests {
    @Test func deeplyNestedHTMLSaysWhyItHasNoText() throws {
        let daemon = try DaemonUnderTest()
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth)
            + "<p>The minister said on Monday that talks with Norway would resume in Oslo next week.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        try daemon.drop("nested.html", Data(html.utf8))
        #expect(eventually(within: 60) { daemon.names(in: daemon.failed) == ["nested.html", "nested.html.error.json"] },
                "failed: \(daemon.names(in: daemon.failed)), done: \(daemon.names(in: daemon.done))")
        #expect(daemon.stop() == 0)
        let report = try Data(contentsOf: daemon.failed.appendingPathComponent("nested.html.error.json"))
        let object = try #require(JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect((object["reason"] as? String ?? "").contains("elements nest 100003 levels deep"), "\(object)")
    }
}

/// Case 10: large files are worked on one at a time, so what a big page costs in memory
/// is not multiplied by the pipeline's parallelism.
@Suite struct LargeFileTests {
    @Test func largeFilesAreInFlightOneAtATime() throws {
        let daemon = try DaemonUnderTest(config: "busy_timeout_seconds = 0.2\nlarge_file_bytes = 20000\n")
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt"] })
        // Commits wait on a held lock, so the first large file stays in flight.
        let locker = try DatabaseLocker(path: daemon.db)
        var big = ""
        var copy = 0
        while big.utf8.count < 30_000 {
            copy += 1
            big += try String(contentsOf: PackageRoot.seedFiles[copy % PackageRoot.seedFiles.count], encoding: .utf8)
            big += "\n\nCopy \(copy).\n\n"
        }
        try daemon.drop("big-1.txt", Data(big.utf8))
        try daemon.drop("big-2.txt", Data((big + "And one more line.\n").utf8))
        func inFlight() -> Int {
            let run = try? GleanerProcess.run(["status", "--db", daemon.db, "--json"])
            let object = (try? JSONSerialization.jsonObject(with: Data((run?.stdout ?? "").utf8))) as? [String: Any]
            return object?["in_flight"] as? Int ?? -1
        }
        #expect(eventually(within: 30) { daemon.names(in: daemon.processing).count == 2 && inFlight() == 1 },
                "processing: \(daemon.names(in: daemon.processing)), in flight: \(inFlight())")
        #expect(!eventually(within: 4) { inFlight() > 1 }, "two large files were in flight at once")
        locker.release()
        #expect(eventually(within: 60) { daemon.names(in: daemon.done).count == 3 }, "stderr: \(daemon.stderr.suffix(2000))")
        #expect(daemon.stop() == 0)
    }

    /// What one page may cost is bounded by its text, not its markup: 19 MB of empty
    /// elements around an article (a tree of five million nodes, 600 MB and more when the
    /// parser built one) is stored with the daemon's peak memory far below that, and a
    /// page that renders to more text than `ArticleDecoder.maximumTextScalars` goes to
    /// `failed/` saying so, before its text is kept.
    @Test func aPageCostsMemoryByItsTextNotItsMarkup() throws {
        let daemon = try DaemonUnderTest()
        let article = try String(contentsOf: PackageRoot.seedFiles[0], encoding: .utf8)
            .split(separator: "\n").map { "<p>\($0)</p>" }.joined(separator: "\n")
        let markup = String(repeating: "<b/>", count: 19_000_000 / 4)
        try daemon.drop("markup.html", Data(("<html><body><article>" + article + markup + "</article></body></html>").utf8))
        #expect(eventually(within: 300) { daemon.names(in: daemon.done) == ["markup.html"] },
                "failed: \(daemon.names(in: daemon.failed)), stderr: \(daemon.stderr.suffix(2000))")
        let peak = peakResidentBytes(of: daemon.process.processIdentifier)
        #expect(peak > 0 && peak < 400_000_000, "peak resident memory \(peak / 1_000_000) MB")

        let text = String(repeating: "<p>The minister said talks would resume next week.</p>", count: 2_100_000 / 48)
        try daemon.drop("long.html", Data(("<html><body>" + text + "</body></html>").utf8))
        #expect(eventually(within: 300) { daemon.names(in: daemon.failed) == ["long.html", "long.html.error.json"] },
                "failed: \(daemon.names(in: daemon.failed)), stderr: \(daemon.stderr.suffix(2000))")
        #expect(daemon.stop() == 0)
        let report = try Data(contentsOf: daemon.failed.appendingPathComponent("long.html.error.json"))
        let object = try #require(JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect((object["reason"] as? String ?? "").contains("over 2000000 characters of text"), "\(object)")
    }

    /// The process's high-water mark of resident memory (`VmHWM`), in bytes; 0 when unreadable.
    private func peakResidentBytes(of pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }
}

/// Case 12: on a full disk every failure still gets its `.error.json`, and no file reaches
/// `failed/` without one. A real full disk needs root (a small tmpfs or a loop device);
/// a file size limit set on the running daemon (RLIMIT_FSIZE through prlimit(2)) makes the
/// kernel refuse the same writes — every write past 64 bytes fails, with EFBIG where a
/// full disk says ENOSPC — so reports cannot be written and the database cannot grow,
/// until the limit is lifted, as space would be freed.
@Suite struct FullDiskTests {
    @Test func everyFailureOnAFullDiskGetsItsReport() throws {
        let daemon = try DaemonUnderTest(config: "busy_timeout_seconds = 0.2\n")
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 60) { daemon.names(in: daemon.done) == ["first.txt"] })
        let pid = daemon.process.processIdentifier
        #expect(setFileSizeLimit(of: pid, to: 64))
        let count = 30
        for k in 0..<count { try daemon.drop("empty-\(k).txt", Data()) }
        #expect(eventually(within: 60) { daemon.names(in: daemon.processing).filter { $0.hasPrefix("empty-") }.count == count },
                "processing: \(daemon.names(in: daemon.processing).count), failed: \(daemon.names(in: daemon.failed))")
        #expect(!eventually(within: 3) { !daemon.names(in: daemon.failed).isEmpty },
                "failed/ while full: \(daemon.names(in: daemon.failed))")
        #expect(setFileSizeLimit(of: pid, to: rlim_t.max))
        #expect(eventually(within: 120) { daemon.names(in: daemon.failed).count == 2 * count },
                "failed: \(daemon.names(in: daemon.failed).count), stderr: \(daemon.stderr.suffix(2000))")
        let failed = Set(daemon.names(in: daemon.failed))
        for k in 0..<count {
            #expect(failed.contains("empty-\(k).txt") && failed.contains("empty-\(k).txt.error.json"), "empty-\(k).txt")
        }
        #expect(daemon.process.isRunning)
        #expect(daemon.stop() == 0)
    }

    /// Sets another process's RLIMIT_FSIZE with prlimit(2), which Swift's Glibc module does
    /// not declare (it is a GNU extension), so it is looked up in the C library.
    private func setFileSizeLimit(of pid: pid_t, to bytes: rlim_t) -> Bool {
        typealias Prlimit = @convention(c) (pid_t, Int32, UnsafePointer<rlimit>?, UnsafeMutablePointer<rlimit>?) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prlimit") else { return false }
        var limit = rlimit(rlim_cur: bytes, rlim_max: rlim_t.max)
        return unsafeBitCast(symbol, to: Prlimit.self)(pid, Int32(RLIMIT_FSIZE.rawValue), &limit, nil) == 0
    }
}
