import Foundation
import Pipeline
import ServiceCore
import Testing
import TestSupport

/// The status file `gleaner status` reads: what the daemon writes is what it reads back,
/// in snake_case, with `store_error` present as null while commits go through.
@Suite struct StatusFileTests {
    func status(storeError: String?) -> ServiceStatus {
        var statistics = PipelineStatistics()
        statistics.lastStoreError = storeError
        return ServiceStatus(pid: 42, startedAt: Date(timeIntervalSince1970: 1_700_000_000),
                             updatedAt: Date(timeIntervalSince1970: 1_700_000_060), state: "running",
                             inbox: "/in", database: "/db.sqlite", inboxWaiting: 3, statistics: statistics, rate: 12.34,
                             pendingMoves: 1, recentErrors: ["a.txt: no text"], summary: "0 in flight")
    }

    @Test func whatIsWrittenIsReadBack() throws {
        let folder = try TemporaryFolder()
        let file = StatusFile(path: StatusFile.path(forDatabase: folder.path("g.sqlite"), inbox: folder.path("inbox")))
        #expect(file.path.hasSuffix("g.sqlite.status.json"))
        #expect(file.read() == nil, "no file yet")
        for storeError in [nil, "database is locked"] {
            let written = status(storeError: storeError)
            file.write(written)
            #expect(file.read() == written)
        }
        #expect(file.read()?.ratePerSecond == 12.3)
        #expect(file.read()?.startedAt == "2023-11-14T22:13:20Z")
    }

    @Test func keysAreSnakeCaseAndAStoreErrorIsNullNotMissing() throws {
        let folder = try TemporaryFolder()
        let file = StatusFile(path: folder.path("s.json"))
        file.write(status(storeError: nil))
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file.path))) as? [String: Any])
        #expect(object.keys.contains("store_error"))
        #expect(object["store_error"] is NSNull)
        #expect(object["inbox_waiting"] as? Int == 3)
        #expect(object["rate_per_second"] as? Double == 12.3)
        let stages = try #require(object["stages"] as? [String: [String: Any]])
        #expect(Set(stages.keys) == Set(StageName.allCases.map(\.rawValue)))
        #expect(stages["decode"]?["mean_microseconds"] != nil)
    }

    @Test func aFileThatIsNotAStatusReadsAsNone() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("bad.json")
        try "{\"pid\": \"x\"}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(StatusFile(path: path).read() == nil)
    }
}
