import Foundation
import Glibc
import Pipeline
import Testing
import ServiceCore
import TestSupport

/// The spool's names, moves, lock and reports, on real folders.
@Suite struct SpoolTests {
    @Test func collisionNamesFitInNameMax() {
        let long = String(repeating: "é", count: 127) + "x"  // 255 bytes
        #expect(long.utf8.count == 255)
        #expect(SpoolNaming.name(long, collision: 0) == long)
        let first = SpoolNaming.name(long, collision: 1)
        #expect(first.utf8.count <= 255 && first.hasSuffix(".1"))
        let withReport = SpoolNaming.name(long, collision: 12, reserving: SpoolNaming.reportSuffix.utf8.count)
        #expect(withReport.utf8.count + SpoolNaming.reportSuffix.utf8.count <= 255)
        // Cut on a character boundary: still valid text, still the same prefix.
        #expect(long.hasPrefix(String(withReport.dropLast(".12".count))))
        #expect(SpoolNaming.name("a.txt", collision: 2) == "a.txt.2")
    }

    @Test func aRejectedFileGetsItsReportEvenWithALongTakenName() throws {
        let folder = try TemporaryFolder()
        let spool = SpoolDirectory(inbox: folder.path("inbox"))
        try spool.prepare()
        let name = String(repeating: "r", count: 251) + ".txt"
        for round in 0..<2 {
            let path = spool.processing + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
            let report = FailureReport(name: name, error: PipelineError(.empty, stage: .decode, "is empty"), sha256: nil)
            let target = try #require(try spool.reject(path, report: report.json).get(), "round \(round)")
            let written = try JSONDecoder().decode(FailureReport.self, from: Data(contentsOf: URL(fileURLWithPath: target + ".error.json")))
            #expect(written == report)
        }
        let failed = try FileManager.default.contentsOfDirectory(atPath: spool.failed)
        #expect(failed.count == 4)
        #expect(failed.allSatisfy { $0.utf8.count <= 255 })
    }

    @Test func aReportWithoutAHashSaysNull() throws {
        let report = FailureReport(name: "a.txt", error: PipelineError(.binary, stage: .intake, "not text"), sha256: nil)
        let object = try #require(JSONSerialization.jsonObject(with: report.json) as? [String: Any])
        #expect(object["sha256"] is NSNull)
        #expect(object["kind"] as? String == "binary")
    }

    @Test func listingForStatusRenamesNothing() throws {
        let folder = try TemporaryFolder()
        let bad: [UInt8] = Array("bad-".utf8) + [0xFF] + Array(".txt".utf8)
        let path = Array(folder.url.path.utf8) + [0x2F] + bad + [0]
        let fd = path.withUnsafeBufferPointer { $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: path.count) { creat($0, 0o644) } }
        #expect(fd >= 0)
        close(fd)
        let listed = try #require(DirectoryListing.entries(of: folder.url.path, renamingUndecodable: false))
        #expect(listed.map(\.name) == ["bad-%FF.txt"])
        #expect(listed.first?.originalBytes == bad)
        // Still on disk under its own bytes: nothing was renamed.
        #expect(DirectoryListing.entries(of: folder.url.path, renamingUndecodable: false)?.first?.originalBytes == bad)
        let taken = try #require(DirectoryListing.entries(of: folder.url.path, renamingUndecodable: true))
        #expect(taken.map(\.name) == ["bad-%FF.txt"])
        #expect(FileManager.default.fileExists(atPath: folder.path("bad-%FF.txt")))
    }

    @Test func aSecondLockOnTheSameSpoolIsRefused() throws {
        let folder = try TemporaryFolder()
        let first = try SpoolLock(folder: folder.url.path)
        #expect {
            _ = try SpoolLock(folder: folder.url.path)
        } throws: { error in
            "\(error)".contains("pid \(getpid())")
        }
        _ = first
    }

    @Test func crashCountsAreKeptUntilTheFileLeaves() throws {
        let folder = try TemporaryFolder()
        let spool = SpoolDirectory(inbox: folder.path("inbox"))
        try spool.prepare()
        let path = spool.processing + "/a.txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        #expect(spool.crashCount(of: "a.txt") == 0)
        #expect(spool.recordCrash(of: "a.txt") == 1)
        #expect(spool.recordCrash(of: "a.txt") == 2)
        _ = try spool.complete(path).get()
        #expect(spool.crashCount(of: "a.txt") == 0)
    }

    @Test func textThatIsNotTextIsRefused() {
        var state: UInt64 = 14
        let noise = (0..<4096).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        #expect(TextPlausibility.refusal(for: noise) != nil)
        #expect(TextPlausibility.refusal(for: Array("Plain text,\twith tabs\r\nand lines.\u{0C}".utf8)) == nil)
        #expect(TextPlausibility.refusal(for: [0x1F, 0x8B] + noise) == nil, "gzip is the decoder's to judge")
        #expect(TextPlausibility.refusal(for: [0xFF, 0xFE, 0x41, 0x00, 0x42, 0x00]) == nil, "UTF-16 with a BOM")
    }
}

@Suite struct MarkupDepthTests {
    @Test func countsOpeningAndClosingTagsButNotVoidOnes() {
        #expect(MarkupDepth.maximum(of: Array("<html><body><div><p>a<br>b<img src=x/></p></div></body></html>".utf8)) == 4)
        #expect(MarkupDepth.maximum(of: Array("<!-- x --><!DOCTYPE html><p>a</p><p>b</p>".utf8)) == 1)
        #expect(MarkupDepth.maximum(of: Array((String(repeating: "<div>", count: 300) + "x").utf8)) == 300)
    }
}
