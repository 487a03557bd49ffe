import ArgumentParser
import Dispatch
import Foundation
import Glibc
import Pipeline
import ServiceCore
import Workbench

/// `gleaner bench`: the whole path measured in one run, against a floor measured on the
/// same files in the same run, so figures hold on a noisy machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure end-to-end throughput, drop-to-queryable latency, time per stage, memory and database size.",
        discussion: """
        Runs the real daemon (this binary's `serve`) with real inotify and a real database on a \
        generated corpus built from the seed articles. Build in release mode for figures that mean \
        anything: swift build -c release && .build/release/gleaner bench
        """)

    @Option(name: .long, help: "Files for the throughput run.")
    var files = 5000

    @Option(name: .long, help: "Files per second fed in the latency run.")
    var rate = 200

    @Option(name: .long, help: "Seconds the latency run feeds files.")
    var latencySeconds = 5.0

    @Option(name: .long, help: "Files already waiting when the daemon starts, for the backlog run (0 skips it).")
    var backlog = 0

    @Option(name: .long, help: "The seed articles to build the corpus from.")
    var corpus = "corpus"

    @Option(name: .long, help: "A folder for the run (default: a new folder under /tmp, removed afterwards).")
    var work: String?

    @Option(name: .long, help: "Where to write the results as JSON.")
    var json = "bench-results.json"

    @Option(name: .long, help: "Documents each CPU stage works on at once (default: the core count).")
    var parallelism: Int?

    @Flag(name: .long, help: "Also run the throughput measurement without the events stage, to show what it costs.")
    var compareEvents = false

    @Option(name: .long, help: "Also run the throughput measurement into this PostgreSQL database (an empty one: postgresql://USER@HOST/DB).")
    var postgres: String?

    func run() throws {
        if let postgres { try requireEmpty(postgres) }
        let root = work ?? NSTemporaryDirectory() + "gleaner-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if work == nil { try? FileManager.default.removeItem(atPath: root) } }
        let corpus = try BenchCorpus(seedFolder: self.corpus)
        let staging = root + "/staging"
        try corpus.write(0..<files, into: staging)
        let bytes = (0..<files).reduce(0) { $0 + corpus.article($1).utf8.count }
        StandardStreams.err("bench: \(files) articles, \(bytes / files) bytes on average, in \(root)")

        let floor = try measureFloor(staging: staging, root: root)
        StandardStreams.err(String(format: "bench: floor %.0f files/s", floor))
        let sample = (0..<min(files, 400)).map { Array(corpus.article($0).utf8) }
        let costs = StageCosts.measure(articles: sample)
        let ceilings = try StageCeilings.measure(paths: (0..<files).map { staging + "/" + BenchCorpus.name($0) },
                                                 databasePath: root + "/ceilings.sqlite",
                                                 parallelism: parallelism, batchSize: 256)
        StandardStreams.err(String(format: "bench: analysis alone %.0f documents/s, store alone %.0f documents/s",
                                   ceilings.analysisDocumentsPerSecond, ceilings.storeDocumentsPerSecond))
        let throughput = try measureThroughput(staging: staging, root: root + "/throughput")
        StandardStreams.err(String(format: "bench: end to end %.0f files/s", throughput.filesPerSecond))
        var withoutEvents: Double?
        if compareEvents {
            try corpus.write(0..<files, into: staging)
            withoutEvents = try measureThroughput(staging: staging, root: root + "/no-events", events: false).filesPerSecond
            StandardStreams.err(String(format: "bench: end to end without events %.0f files/s", withoutEvents ?? 0))
        }
        var intoPostgres: ThroughputResult?
        if let postgres {
            try corpus.write(0..<files, into: staging)
            intoPostgres = try measureThroughput(staging: staging, root: root + "/postgres", database: postgres)
            StandardStreams.err(String(format: "bench: end to end into PostgreSQL %.0f files/s", intoPostgres?.filesPerSecond ?? 0))
        }
        let latency = try measureLatency(corpus: corpus, root: root + "/latency")
        let backlogStart = backlog > 0 ? try measureBacklogStart(corpus: corpus, root: root + "/backlog") : nil

        let report = BenchReport(files: files, meanBytes: bytes / files, floorFilesPerSecond: floor, costs: costs, ceilings: ceilings,
                                 throughput: throughput, withoutEventsFilesPerSecond: withoutEvents, postgres: intoPostgres,
                                 latency: latency, backlog: backlogStart)
        StandardStreams.out(report.table())
        try Data((report.json.serialized() + "\n").utf8).write(to: URL(fileURLWithPath: json))
        StandardStreams.err("bench: results written to \(json)")
    }

    /// A run into a database that already holds the corpus would measure duplicates.
    private func requireEmpty(_ database: String) throws {
        guard let store = try? StoreLocation(database).open(mode: .readOnly) else { return }  // not migrated yet: empty
        let documents = try store.counts().documents
        guard documents == 0 else {
            throw ValidationError("--postgres: the database holds \(documents) documents; give an empty one")
        }
    }

    /// Read + hash + insert the raw text, nothing else, batched as the store batches.
    private func measureFloor(staging: String, root: String) throws -> Double {
        let store = try FloorStore(path: root + "/floor.sqlite")
        let started = DispatchTime.now().uptimeNanoseconds
        var batch: [(sha256: String, path: String, text: String)] = []
        for n in 0..<files {
            let path = staging + "/" + BenchCorpus.name(n)
            guard case .success(let contents) = ArticleFile.read(path, maximumBytes: 1 << 30) else { continue }
            let data = contents.bytes
            batch.append((SHA256.hexDigest(of: data), path, String(decoding: data, as: UTF8.self)))
            if batch.count == 256 {
                try store.insert(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try store.insert(batch) }
        return Double(files) / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }

    /// Every file renamed into the inbox at once; the clock stops when the last is committed
    /// and moved to done/.
    private func measureThroughput(staging: String, root: String, events: Bool = true,
                                   database: String? = nil) throws -> ThroughputResult {
        let daemon = try ChildDaemon(root: root, parallelism: parallelism, events: events, database: database)
        try daemon.start()
        guard daemon.waitUntilReady(timeout: 30) else { throw ValidationError("the daemon did not become ready; see \(root)/daemon.log") }
        let done = root + "/done"
        let started = Date()
        for n in 0..<files {
            let name = BenchCorpus.name(n)
            rename(staging + "/" + name, daemon.inbox + "/" + name)
        }
        var peakSampled = 0
        var samples: [Int] = []
        while (DirectoryListing.entries(of: done, renamingUndecodable: false)?.count ?? 0) < files {
            let memory = daemon.memory()
            peakSampled = max(peakSampled, memory.resident)
            samples.append(memory.resident)
            usleep(50_000)
            if Date().timeIntervalSince(started) > 1800 { throw ValidationError("throughput run did not finish in 30 minutes") }
        }
        let elapsed = Date().timeIntervalSince(started)
        let memory = daemon.memory()
        let status = StatusFile(path: StatusFile.path(forDatabase: daemon.database, inbox: daemon.inbox))
        _ = daemon.stop()
        let stages = status.read()?.stages ?? [:]
        let stageMicros = StageName.allCases.map { ($0.rawValue, stages[$0.rawValue]?.meanMicroseconds ?? 0) }
        let dbBytes = Int((try? StoreLocation(daemon.database).open(mode: .readOnly).sizeInBytes()) ?? 0)
        return ThroughputResult(filesPerSecond: Double(files) / elapsed, seconds: elapsed, stageMicroseconds: stageMicros,
                                peakResidentBytes: max(memory.peak, peakSampled), residentSamples: samples,
                                databaseBytesPerArticle: dbBytes / max(1, files))
    }

    /// A steady feed at `rate` files/s; each file's latency runs from its rename into the
    /// inbox to the moment a reader sees its row.
    private func measureLatency(corpus: BenchCorpus, root: String) throws -> LatencyResult {
        let count = Int(Double(rate) * latencySeconds)
        let staging = root + "/staging"
        try corpus.write(files..<(files + count), into: staging)
        let daemon = try ChildDaemon(root: root, parallelism: parallelism)
        try daemon.start()
        guard daemon.waitUntilReady(timeout: 30) else { throw ValidationError("the daemon did not become ready; see \(root)/daemon.log") }
        let store = try StoreOpening.open(daemon.database, mode: .readOnly)
        var dropped: [String: Double] = [:]
        var seen: [String: Double] = [:]
        var lastID: Int64 = 0
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        let start = clock()
        let interval = 1.0 / Double(rate)
        var next = 0
        while seen.count < count {
            let now = clock()
            while next < count, now >= start + Double(next) * interval {
                let name = BenchCorpus.name(files + next)
                // Stamped before the rename: with the daemon busy on both cores this process
                // may not run again for milliseconds after the call returns, by which time
                // the file can already be committed. The figure errs long, never short.
                let at = clock()
                rename(staging + "/" + name, daemon.inbox + "/" + name)
                dropped[name] = at
                next += 1
            }
            for row in (try? store.ledgerRows(after: lastID)) ?? [] {
                lastID = row.id
                seen[(row.path as NSString).lastPathComponent] = clock()
            }
            usleep(1_000)
            if now - start > latencySeconds + 120 { throw ValidationError("latency run did not finish") }
        }
        _ = daemon.stop()
        let latencies = dropped.compactMap { name, at in seen[name].map { ($0 - at) * 1000 } }.sorted()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        return LatencyResult(files: count, rate: rate, p50: percentile(0.5), p99: percentile(0.99), max: latencies.last ?? 0)
    }

    /// `backlog` files waiting before the daemon starts: time from the start to the first
    /// committed row, and memory once it has worked through them.
    private func measureBacklogStart(corpus: BenchCorpus, root: String) throws -> BacklogResult {
        let daemon = try ChildDaemon(root: root, parallelism: parallelism)
        try corpus.write(0..<backlog, into: daemon.inbox, aged: true)
        let started = Date()
        try daemon.start()
        // The daemon creates and migrates the database; a reader can open it after that.
        var opened: ArticleStore?
        while opened == nil {
            opened = try? ArticleStore(path: daemon.database, mode: .readOnly)
            if opened == nil { usleep(5_000) }
            if Date().timeIntervalSince(started) > 30 { throw ValidationError("the daemon did not create its database; see \(root)/daemon.log") }
        }
        let store = opened!
        var firstCommit: Double?
        var samples: [Int] = []
        var peak = 0
        // Committed files are counted from the ledger, a few new rows per poll: counting the
        // tables' rows instead would scan millions of mentions every poll and take a core
        // from the daemon being measured.
        var count = 0
        var lastID: Int64 = 0
        while true {
            for row in (try? store.ledgerRows(after: lastID)) ?? [] {
                lastID = row.id
                count += 1
            }
            if firstCommit == nil, count > 0 { firstCommit = Date().timeIntervalSince(started) }
            let memory = daemon.memory()
            peak = max(peak, memory.resident)
            samples.append(memory.resident)
            if count >= backlog { break }
            usleep(20_000)
            if Date().timeIntervalSince(started) > 3600 { throw ValidationError("backlog run did not finish in an hour") }
        }
        let elapsed = Date().timeIntervalSince(started)
        peak = max(peak, daemon.memory().peak)
        _ = daemon.stop()
        return BacklogResult(files: backlog, secondsToFirstCommit: firstCommit ?? elapsed, seconds: elapsed,
                             peakResidentBytes: peak, residentSamples: samples)
    }
}
