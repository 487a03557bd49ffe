import Foundation
import TestSupport
import Glibc
import Testing

/// The daemon as a service: the sd_notify protocol on a real socket, signals, crash
/// recovery, a burst of files, and every kind of bad input.
@Suite(.serialized) struct ServiceTests {
    @Test func speaksTheNotifyProtocol() throws {
        let folder = try TemporaryFolder()
        let socket = try NotifySocket(directory: folder.url)
        defer { socket.close() }
        let daemon = try DaemonUnderTest(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"],
                                         folder: folder)
        #expect(eventually(within: 15) { socket.contains("READY=1") }, "stderr: \(daemon.stderr)")
        #expect(eventually(within: 5) { socket.contains("WATCHDOG=1") })
        try daemon.drop("a.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 15) { socket.contains(prefix: "STATUS=0 in flight, 1 stored") }, "\(socket.received)")
        daemon.signal(SIGHUP)
        #expect(eventually(within: 5) { socket.contains(prefix: "RELOADING=1") })
        #expect(eventually(within: 5) {
            (socket.lastIndex(of: "READY=1") ?? -1) > (socket.firstIndex(of: "RELOADING=1") ?? Int.max)
        }, "READY=1 must follow RELOADING=1")
        #expect(daemon.stop() == 0)
        #expect(socket.contains("STOPPING=1"))
        #expect(daemon.stderr.contains("configuration reloaded"))
    }

    @Test func aManagerThatStopsReadingNeverStallsTheDaemon() throws {
        let folder = try TemporaryFolder()
        // A notify socket nobody reads: it fills after a few datagrams and sends block.
        let path = folder.path("deaf.sock")
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        defer { close(fd) }
        let daemon = try DaemonUnderTest(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "100000"], folder: folder)
        try daemon.drop("a.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["a.txt"] })
        // Wait until the socket's queue is full: a datagram of our own no longer fits.
        let probe = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(probe) }
        let full = eventually(within: 20) {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(probe, "x", 1, Int32(MSG_DONTWAIT), $0, socklen_t(MemoryLayout<sockaddr_un>.size)) < 0 && errno == EAGAIN
                }
            }
        }
        #expect(full, "the notify socket never filled")
        try daemon.drop("b.txt", Data(contentsOf: PackageRoot.seedFiles[1]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["a.txt", "b.txt"] })
        #expect(daemon.stop(within: 10) == 0, "SIGTERM was not handled within 10 s")
    }

    @Test func aThousandFilesAtOnceAreAllStoredOnce() throws {
        let daemon = try DaemonUnderTest()
        let staging = daemon.folder.url.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        for n in 0..<1000 {
            try variedArticle(n).write(to: staging.appendingPathComponent(String(format: "burst-%04d.txt", n)))
        }
        for n in 0..<1000 {
            let name = String(format: "burst-%04d.txt", n)
            try FileManager.default.moveItem(at: staging.appendingPathComponent(name), to: daemon.inbox.appendingPathComponent(name))
        }
        #expect(eventually(within: 120) { daemon.names(in: daemon.done).count == 1000 },
                "done: \(daemon.names(in: daemon.done).count), stderr tail: \(daemon.stderr.suffix(2000))")
        #expect(daemon.stop() == 0)
        let probe = try DatabaseProbe(path: daemon.db)
        #expect(try probe.count("documents") == 1000)
        #expect(try probe.count("files") == 1000)
    }

    @Test func theWALIsEmptiedOnceTheDaemonFallsIdle() throws {
        let daemon = try DaemonUnderTest()
        for n in 0..<20 {
            try daemon.drop("wal-\(n).txt", variedArticle(n))
        }
        #expect(eventually(within: 60) { daemon.names(in: daemon.done).count == 20 })
        // Idle after commits: the truncating checkpoint empties the WAL while the daemon runs.
        let wal = daemon.db + "-wal"
        func walBytes() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: wal)[.size]) as? NSNumber)?.intValue ?? -1
        }
        #expect(eventually(within: 10) { walBytes() == 0 }, "the WAL still holds \(walBytes()) bytes")
        #expect(daemon.process.isRunning)
        let probe = try DatabaseProbe(path: daemon.db)
        #expect(try probe.count("documents") == 20)
        #expect(daemon.stop() == 0)
    }

    @Test func killNineMidBatchThenRestartLosesAndDuplicatesNothing() throws {
        let daemon = try DaemonUnderTest()
        let count = 400
        let staging = daemon.folder.url.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        for n in 0..<count {
            try variedArticle(n).write(to: staging.appendingPathComponent("crash-\(n).txt"))
        }
        for n in 0..<count {
            try FileManager.default.moveItem(at: staging.appendingPathComponent("crash-\(n).txt"),
                                             to: daemon.inbox.appendingPathComponent("crash-\(n).txt"))
        }
        // Kill it while work is in flight: some files done, some not.
        #expect(eventually(within: 60) { daemon.names(in: daemon.done).count >= 20 })
        daemon.signal(SIGKILL)
        daemon.process.waitUntilExit()
        let doneAtCrash = daemon.names(in: daemon.done).count
        #expect(doneAtCrash < count, "the daemon finished before it could be killed; the test proves nothing")
        try daemon.restart()
        #expect(eventually(within: 120) { daemon.names(in: daemon.done).count == count },
                "done: \(daemon.names(in: daemon.done).count), stderr: \(daemon.stderr.suffix(2000))")
        #expect(daemon.stop() == 0)
        #expect(daemon.names(in: daemon.processing).isEmpty)
        let probe = try DatabaseProbe(path: daemon.db)
        #expect(try probe.count("documents") == count)
        #expect(try probe.count("files") == count)
        #expect(try probe.strings("SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1").isEmpty)
    }

    @Test func everyKindOfBadInputGoesToFailedWithItsReason() throws {
        let daemon = try DaemonUnderTest(config: "max_file_bytes = 100000\n")
        let inbox = daemon.inbox.path
        // A symlink (never followed), a FIFO (never opened blocking), a socket, a file
        // over the size limit, undecodable bytes, names with a newline and non-UTF-8 bytes.
        let target = daemon.folder.path("secret.txt")
        try Data("not to be read through a link".utf8).write(to: URL(fileURLWithPath: target))
        #expect(symlink(target, inbox + "/link.txt") == 0)
        #expect(mkfifo(inbox + "/pipe.txt", 0o644) == 0)
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let socketPath = inbox + "/sock.txt"
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in socketPath.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        defer { close(socketFD) }
        try daemon.drop("huge.txt", Data(repeating: 0x61, count: 200_000))
        try daemon.drop("garbage.txt", Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }))
        try daemon.drop("new\nline.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        let badName: [UInt8] = Array("bad-".utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let fd = open(inbox, O_RDONLY | O_DIRECTORY)
        #expect(fd >= 0)
        let fileFD = badName.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { openat(fd, $0, O_WRONLY | O_CREAT, 0o644) }
        }
        let seed = try Data(contentsOf: PackageRoot.seedFiles[1])
        _ = seed.withUnsafeBytes { write(fileFD, $0.baseAddress, $0.count) }
        close(fileFD)
        close(fd)

        var expectedFailed = ["link.txt", "pipe.txt", "sock.txt", "huge.txt", "garbage.txt"]
        // A device node needs root to make; an unreadable file needs a user root is not.
        if getuid() == 0 {
            let nullDevice = dev_t((1 << 8) | 3)  // major 1, minor 3: what /dev/null is
            #expect(mknod(inbox + "/device.txt", S_IFCHR | 0o644, nullDevice) == 0)
            expectedFailed.append("device.txt")
        } else {
            try Data("secret".utf8).write(to: daemon.inbox.appendingPathComponent(".locked.part"))
            chmod(inbox + "/.locked.part", 0)
            rename(inbox + "/.locked.part", inbox + "/locked.txt")
            expectedFailed.append("locked.txt")
        }
        #expect(eventually(within: 30) {
            let failed = Set(daemon.names(in: daemon.failed))
            return expectedFailed.allSatisfy { failed.contains($0) && failed.contains($0 + ".error.json") }
                && daemon.names(in: daemon.done).count == 2
        }, "failed: \(daemon.names(in: daemon.failed)), done: \(daemon.names(in: daemon.done)), stderr: \(daemon.stderr.suffix(3000))")
        #expect(daemon.stop() == 0)
        func reason(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: daemon.failed.appendingPathComponent(name + ".error.json"))
            return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        #expect((try reason("link.txt")["reason"] as? String ?? "").contains("symbolic link"))
        #expect((try reason("pipe.txt")["reason"] as? String ?? "").contains("FIFO"))
        #expect((try reason("sock.txt")["reason"] as? String ?? "").contains("socket"))
        #expect(try reason("huge.txt")["kind"] as? String == "too-large")
        #expect(try reason("garbage.txt")["kind"] as? String == "binary")
        // The symlink's target was never read or moved.
        #expect(FileManager.default.fileExists(atPath: target))
        #expect(Set(daemon.names(in: daemon.done)) == ["bad-%FF%FE.txt", "new\nline.txt"])
        let probe = try DatabaseProbe(path: daemon.db)
        #expect(try probe.count("documents") == 2)
        #expect(try probe.strings("SELECT state FROM files WHERE state = 'failed'").count == expectedFailed.count)
        if getuid() == 0 {
            #expect((try reason("device.txt")["reason"] as? String ?? "").contains("device"))
        } else {
            #expect((try reason("locked.txt")["reason"] as? String ?? "").contains("Permission denied"))
        }
    }

    @Test func statusShowsCountsAndRecentFailures() throws {
        let daemon = try DaemonUnderTest()
        try daemon.drop("one.txt", Data(contentsOf: PackageRoot.seedFiles[3]))
        try daemon.drop("empty.txt", Data())
        #expect(eventually(within: 20) { daemon.names(in: daemon.done).count == 1 && daemon.names(in: daemon.failed).count == 2 })
        // The status file is rewritten every two seconds.
        #expect(eventually(within: 6) {
            let run = try? GleanerProcess.run(["status", "--config", daemon.configPath, "--db", daemon.db])
            return run?.stdout.contains("this run: 1 stored, 0 duplicate, 1 failed") ?? false
        })
        let run = try GleanerProcess.run(["status", "--config", daemon.configPath, "--db", daemon.db])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("daemon    running"))
        #expect(run.stdout.contains("documents 1"))
        #expect(run.stdout.contains("empty.txt"))
        #expect(run.stdout.contains("where time goes"))
        #expect(daemon.stop() == 0)
        let after = try GleanerProcess.run(["status", "--config", daemon.configPath, "--db", daemon.db])
        #expect(after.stdout.contains("daemon    not running"))
    }
}

/// Faults that clear by themselves: the daemon keeps the file, says what is wrong, and
/// finishes the work once the fault is gone.
@Suite(.serialized) struct TransientFaultTests {
    @Test func aLockedDatabaseDelaysButLosesNothing() throws {
        let daemon = try DaemonUnderTest(config: "busy_timeout_seconds = 0.2\n")
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt"] })
        // Another process takes the write lock and holds it.
        let locker = try DatabaseLocker(path: daemon.db)
        try daemon.drop("second.txt", Data(contentsOf: PackageRoot.seedFiles[1]))
        #expect(eventually(within: 15) {
            let run = try? GleanerProcess.run(["status", "--config", daemon.configPath, "--db", daemon.db, "--json"])
            return run?.stdout.contains("locked") ?? false
        }, "the status never said the store was locked")
        #expect(daemon.names(in: daemon.done) == ["first.txt"])
        #expect(daemon.names(in: daemon.processing) == ["second.txt"])
        locker.release()
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt", "second.txt"] })
        #expect(daemon.stop() == 0)
        #expect(try DatabaseProbe(path: daemon.db).count("documents") == 2)
    }

    @Test func anUnmovableDoneFolderIsRetriedUntilItClears() throws {
        let daemon = try DaemonUnderTest()
        try daemon.drop("first.txt", Data(contentsOf: PackageRoot.seedFiles[0]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt"] })
        // done/ turns into a plain file: every move into it fails (as a permission error would).
        let parked = daemon.folder.url.appendingPathComponent("done-parked")
        try FileManager.default.moveItem(at: daemon.done, to: parked)
        try Data("in the way".utf8).write(to: daemon.done)
        try daemon.drop("second.txt", Data(contentsOf: PackageRoot.seedFiles[2]))
        #expect(eventually(within: 20) { daemon.stderr.contains("cannot move file") })
        #expect(daemon.names(in: daemon.processing) == ["second.txt"])
        try FileManager.default.removeItem(at: daemon.done)
        try FileManager.default.moveItem(at: parked, to: daemon.done)
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["first.txt", "second.txt"] },
                "stderr: \(daemon.stderr.suffix(2000))")
        #expect(daemon.names(in: daemon.processing).isEmpty)
        #expect(daemon.stop() == 0)
    }
}

/// What happens to committed files: kept, deleted at once, or kept for a while.
@Suite struct DoneFolderPolicyTests {
    @Test func deleteDoneRemovesCommittedFiles() throws {
        let daemon = try DaemonUnderTest(config: "delete_done = true\n")
        try daemon.drop("gone.txt", Data(contentsOf: PackageRoot.seedFiles[4]))
        #expect(eventually(within: 20) { (try? DatabaseProbe(path: daemon.db).count("documents")) == 1 })
        #expect(eventually(within: 5) { daemon.names(in: daemon.processing).isEmpty })
        #expect(daemon.names(in: daemon.done).isEmpty)
        #expect(daemon.stop() == 0)
    }

    @Test func retentionPrunesDoneAfterItsTime() throws {
        let daemon = try DaemonUnderTest(config: "done_retention_days = 0\n")
        try daemon.drop("kept-briefly.txt", Data(contentsOf: PackageRoot.seedFiles[4]))
        #expect(eventually(within: 20) { daemon.names(in: daemon.done) == ["kept-briefly.txt"] })
        // The first pruning runs five seconds after start, then hourly: on a loaded machine the
        // file may reach done/ after it. A restart starts the clock again with the file there.
        #expect(daemon.stop() == 0)
        try daemon.restart()
        #expect(eventually(within: 15) { daemon.names(in: daemon.done).isEmpty })
        // The log line follows the deletion: wait for it rather than race it.
        #expect(eventually(within: 10) { daemon.stderr.contains("deleted 1 file(s) kept in done/") })
        #expect(daemon.stop() == 0)
        #expect(try DatabaseProbe(path: daemon.db).count("documents") == 1)
    }
}
