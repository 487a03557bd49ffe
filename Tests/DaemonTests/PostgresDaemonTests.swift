import Foundation
import Glibc
import TestSupport
import Testing

/// The real `gleaner` binary against a real PostgreSQL server: every command, several
/// daemons writing one database, and the server going away under a running daemon.
@Suite(.serialized) struct PostgresDaemonTests {
    /// `count` distinct article contents: the seeds, then the seeds with a line added.
    static func contents(_ count: Int) throws -> [Data] {
        let seeds = try PackageRoot.seedFiles.map { try Data(contentsOf: $0) }
        return (0..<count).map { index in
            let seed = seeds[index % seeds.count]
            return index < seeds.count ? seed : seed + Data("\n\nUpdate \(index): the talks went on.\n".utf8)
        }
    }

    @Test func everyCommandAnswersFromPostgreSQLAsFromSQLite() throws {
        let cluster = try startPostgres()
        let folder = try TemporaryFolder()
        let sqlite = folder.path("g.sqlite"), postgres = cluster.uri()
        for db in [sqlite, postgres] {
            // One seed at a time, in the same order for both stores: resolution across
            // documents depends on what is stored already ("Trump" alone, stored before any
            // "Donald Trump", is an entity of its own), so one parallel ingest, which commits
            // in the order its stages finish, could give the two stores different entities.
            for seed in PackageRoot.seedFiles {
                let ingest = try GleanerProcess.run(["ingest", seed.path, "--db", db])
                #expect(ingest.status == 0, "stderr: \(ingest.stderr)")
                #expect(ingest.stdout.contains("1 stored"), "\(seed.lastPathComponent): \(ingest.stdout)")
            }
            let again = try GleanerProcess.run(["ingest", PackageRoot.corpus.path, "--db", db])
            #expect(again.stdout.contains("5 duplicate"), "\(again.stdout) \(again.stderr)")
        }
        func both(_ arguments: [String]) throws -> [GleanerRun] {
            try [sqlite, postgres].map { try GleanerProcess.run(arguments + ["--db", $0]) }
        }
        // Ingest commits documents in the order the parallel stages finish them, so ids
        // (and the order by id) differ from run to run: the lines are compared as sets.
        let lines = { (run: GleanerRun) in run.stdout.split(separator: "\n").map(String.init).sorted() }
        let exports = try both(["export"])
        #expect(exports.allSatisfy { $0.status == 0 }, "\(exports.map(\.stderr))")
        #expect(lines(exports[0]) == lines(exports[1]))
        #expect(lines(exports[1]).count == 5)
        let gdelt = try both(["export", "--format", "gdelt"])
        // GLOBALEVENTID is an id; DATEADDED (column 25) is when each store wrote the row;
        // SOURCEURL (26) is the document that reported the event first, in commit order.
        let eventFields = { (run: GleanerRun) in
            run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false)
                .enumerated().filter { ![0, 24, 25].contains($0.offset) }.map(\.element).joined(separator: "\t") }.sorted()
        }
        #expect(eventFields(gdelt[0]) == eventFields(gdelt[1]))
        #expect(eventFields(gdelt[1]).count > 20)
        for arguments in [["entities", "--type", "PERSON"], ["events", "--root", "16"], ["events", "--code", "0"]] {
            let runs = try both(arguments)
            #expect(runs[1].status == 0, "\(arguments): \(runs[1].stderr)")
            #expect(lines(runs[0]) == lines(runs[1]), "\(arguments)")
        }
        let search = try GleanerProcess.run(["search", "soybeans", "--db", postgres])
        #expect(search.status == 0, "stderr: \(search.stderr)")
        #expect(search.stdout.contains("003_38021f703ce14f0b.txt"))
        #expect(!search.stdout.contains("001_5b30e1d4bfebb3f5.txt"))
        let status = try GleanerProcess.run(["status", "--db", postgres])
        #expect(status.status == 0, "stderr: \(status.stderr)")
        #expect(status.stdout.contains("documents 5"))
        // The second ingest saw the same paths with the same content: no new ledger rows.
        #expect(status.stdout.contains("files: 5 stored, 0 duplicate, 0 failed"))
        #expect(status.stdout.contains("postgresql://postgres@/gleaner"))
        // A server that is not there is a clear message and EX_IOERR, not a crash.
        try cluster.stop()
        let down = try GleanerProcess.run(["search", "soybeans", "--db", postgres])
        #expect(down.status == 74)
        #expect(down.stderr.contains("cannot reach the PostgreSQL database"), "\(down.stderr)")
    }

    /// Two daemons, each with its own inbox, one database; 4 of each one's 8 articles
    /// reach the other too, and one daemon is killed with SIGKILL mid-burst and started
    /// again. Every content is stored once, every file has its ledger row, and the
    /// distinct events count every mention exactly once.
    @Test func twoDaemonsWithOverlappingInboxesStoreEachDocumentOnce() throws {
        let cluster = try startPostgres()
        let contents = try Self.contents(24)
        let a = try DaemonUnderTest(database: cluster.uri())
        let b = try DaemonUnderTest(database: cluster.uri())
        for index in 0..<16 { try a.drop("a-\(index).txt", contents[index]) }
        for index in 8..<24 { try b.drop("b-\(index).txt", contents[index]) }
        // Once a has committed something, and before it is done, it dies.
        _ = eventually(within: 60) { !a.names(in: a.done).isEmpty }
        a.signal(SIGKILL)
        a.process.waitUntilExit()
        let doneBeforeKill = a.names(in: a.done).count
        try a.restart()
        #expect(eventually(within: 120) {
            a.names(in: a.done).count + a.names(in: a.failed).count == 16 && b.names(in: b.done).count == 16
        }, "killed after \(doneBeforeKill); a: \(a.names(in: a.done)) \(a.stderr)\nb: \(b.names(in: b.done)) \(b.stderr)")
        #expect(a.stop() == 0)
        #expect(b.stop() == 0)
        // A file in flight three times when its daemon died goes to failed/ with a reason;
        // one kill never does that.
        #expect(a.names(in: a.failed).isEmpty)
        try Self.expectConsistent(cluster, documents: 24, files: 32)
        #expect(try cluster.psql("SELECT count(*) FROM files WHERE state = 'duplicate'") == "8")
    }

    /// The server is down when the daemon starts and goes down again mid-burst: files
    /// wait in the inbox, the status says the store is retrying, and once the server is
    /// back every file is in the database exactly once.
    @Test func theServerStoppedAndRestartedUnderADaemonLosesAndDoublesNothing() throws {
        let cluster = try startPostgres()
        _ = try GleanerProcess.run(["ingest", PackageRoot.seedFiles[0].path, "--db", cluster.uri()])  // migrate
        try cluster.stop()
        let daemon = try DaemonUnderTest(database: cluster.uri())
        let contents = try Self.contents(10)
        for index in 0..<5 { try daemon.drop("first-\(index).txt", contents[index]) }
        let statusFile = daemon.inbox.appendingPathComponent(".gleaner/status.json").path
        #expect(eventually(within: 20) {
            ((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "").contains("cannot reach the PostgreSQL database")
        }, "status: \((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "none") \(daemon.stderr)")
        #expect(daemon.names(in: daemon.done).isEmpty)
        #expect(daemon.stderr.contains("store retrying") || daemon.stderr.contains("cannot reach"), "\(daemon.stderr)")
        try cluster.restart()
        #expect(eventually(within: 60) { daemon.names(in: daemon.done).count == 5 }, "\(daemon.stderr)")
        // Mid-burst: the server goes away while files arrive, and comes back.
        for index in 5..<10 { try daemon.drop("second-\(index).txt", contents[index]) }
        try cluster.stop()
        usleep(1_500_000)
        try cluster.restart()
        #expect(eventually(within: 60) { daemon.names(in: daemon.done).count == 10 }, "\(daemon.stderr)")
        #expect(daemon.names(in: daemon.failed).isEmpty)
        #expect(daemon.stop() == 0)
        // The seed ingested first is one of the ten contents: nine new documents.
        try Self.expectConsistent(cluster, documents: 10, files: 11)
    }

    /// deploy/postgresql/roles.sql: the owner migrates, the daemons' role ingests but
    /// cannot delete or change the schema, the readers' role reads only.
    @Test func theDeployedRolesHaveLeastPrivilege() throws {
        let cluster = try startPostgres()
        try cluster.psql(file: PackageRoot.url.appendingPathComponent("deploy/postgresql/roles.sql").path,
                         variables: ["db": "news"])
        try cluster.psql("CREATE ROLE alice LOGIN IN ROLE gleaner_readers", database: "news")
        let empty = try TemporaryFolder()
        let owner = cluster.uri(database: "news") + "&options=-c%20role%3Dgleaner_owner"
        let migrate = try GleanerProcess.run(["ingest", empty.url.path, "--db", owner])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        let daemon = cluster.uri(database: "news", role: "gleaner")
        let ingest = try GleanerProcess.run(["ingest", PackageRoot.corpus.path, "--db", daemon])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("5 stored"))
        #expect(throws: (any Error).self) { try cluster.psql("DELETE FROM documents", database: "news", role: "gleaner") }
        #expect(throws: (any Error).self) { try cluster.psql("DROP TABLE quotes", database: "news", role: "gleaner") }
        let analyst = cluster.uri(database: "news", role: "alice")
        let search = try GleanerProcess.run(["search", "soybeans", "--db", analyst])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("003_38021f703ce14f0b.txt"))
        #expect(try GleanerProcess.run(["export", "--format", "gdelt", "--db", analyst]).status == 0)
        let write = try GleanerProcess.run(["ingest", PackageRoot.seedFiles[0].path, "--db", analyst])
        #expect(write.status != 0)
        #expect(write.stderr.contains("permission denied"), "\(write.stderr)")
    }

    /// Every content once; every file once; each distinct event's counts equal its
    /// mentions and the documents reporting it.
    static func expectConsistent(_ cluster: PostgresCluster, documents: Int, files: Int) throws {
        #expect(try cluster.psql("SELECT count(*) FROM documents") == "\(documents)")
        #expect(try cluster.psql("SELECT count(DISTINCT sha256) FROM documents") == "\(documents)")
        #expect(try cluster.psql("SELECT count(*) FROM files") == "\(files)")
        #expect(try cluster.psql("""
            SELECT count(*) FROM events e WHERE num_mentions <> (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)
               OR num_documents <> (SELECT count(DISTINCT document_id) FROM event_mentions m WHERE m.event_id = e.id)
            """) == "0")
        #expect(try cluster.psql("SELECT count(*) FROM event_mentions") != "0")
        #expect(try cluster.psql("SELECT count(*) FROM (SELECT name, type FROM entities GROUP BY 1, 2 HAVING count(*) > 1) d") == "0")
    }
}
