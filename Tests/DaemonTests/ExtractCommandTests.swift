import Foundation
import TestSupport
import Testing

/// `gleaner extract` on the seeds prints the JSON contract of DESIGN.md.
@Suite struct ExtractCommandTests {
    static func extractSeeds() throws -> [[String: Any]] {
        let run = try GleanerProcess.run(["extract"] + PackageRoot.seedFiles.map(\.path))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        return try run.stdout.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func printsOneContractObjectPerSeed() throws {
        let objects = try Self.extractSeeds()
        #expect(objects.count == 5)
        for (object, file) in zip(objects, PackageRoot.seedFiles) {
            for key in ["sha256", "source", "title", "published", "text", "removed", "entities", "values", "events", "quotes"] {
                #expect(object.keys.contains(key), "missing \(key)")
            }
            let source = try #require(object["source"] as? [String: Any])
            #expect(source["path"] as? String == file.path)
            #expect(source["format"] as? String == "txt")
            let sha = try #require(object["sha256"] as? String)
            #expect(sha.count == 64 && sha.allSatisfy { $0.isHexDigit })
            let text = try #require(object["text"] as? String)
            let scalars = Array(text.unicodeScalars)
            // Every offset slices the clean text to the mention it claims.
            for entity in try #require(object["entities"] as? [[String: Any]]) {
                #expect(["PERSON", "ORGANIZATION", "LOCATION", "EVENT_NAME", "NORP", "MISC"].contains(entity["type"] as? String ?? ""))
                for mention in try #require(entity["mentions"] as? [[String: Any]]) {
                    let start = try #require(mention["start"] as? Int), end = try #require(mention["end"] as? Int)
                    let slice = String(String.UnicodeScalarView(scalars[start..<end]))
                    #expect(slice == mention["text"] as? String)
                }
            }
            for value in try #require(object["values"] as? [[String: Any]]) {
                let start = try #require(value["start"] as? Int), end = try #require(value["end"] as? Int)
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == value["text"] as? String)
                #expect(["MONEY", "PERCENT", "DATE", "QUANTITY"].contains(value["type"] as? String ?? ""))
            }
            for event in try #require(object["events"] as? [[String: Any]]) {
                let code = try #require(event["code"] as? String)
                let root = try #require(event["root"] as? String)
                #expect(code.hasPrefix(root) && root.count == 2)
                #expect((1...4).contains(event["quad_class"] as? Int ?? 0))
                #expect(["asserted", "negated", "hypothetical"].contains(event["polarity"] as? String ?? ""))
            }
        }
    }

    @Test func removesBoilerplateAndKeepsEveryArticleLine() throws {
        let objects = try Self.extractSeeds()
        for (object, file) in zip(objects, PackageRoot.seedFiles) {
            let text = try #require(object["text"] as? String)
            let gold = try GoldFile.load(for: file)
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                if gold.boilerplateLines.contains(index + 1) {
                    #expect(!text.contains(line), "\(file.lastPathComponent) line \(index + 1) is boilerplate but kept")
                } else {
                    var kept = line
                    for fragment in gold.fragments where fragment.line == index + 1 {
                        kept = kept.replacingOccurrences(of: fragment.text, with: "")
                    }
                    #expect(text.contains(kept), "\(file.lastPathComponent) line \(index + 1) lost")
                }
            }
        }
        let all = objects.compactMap { $0["text"] as? String }.joined(separator: "\n")
        for gone in ["{{free_limit}}", "Subscribe", "Disclaimer", "SEE OPINION", "win.\"REUTERS", "₹"] {
            #expect(!all.contains(gone), "\(gone) survived cleaning")
        }
    }

    /// `--entities model`, the default, lets the tagger decide, which alone gives `MISC` and
    /// `NORP` entities; `rules` never does; another value is refused.
    @Test func theEntitiesOptionChoosesWhoDecides() throws {
        func types(_ arguments: [String]) throws -> Set<String> {
            let run = try GleanerProcess.run(["extract", "--no-events"] + arguments + PackageRoot.seedFiles.map(\.path))
            #expect(run.status == 0, "stderr: \(run.stderr)")
            var types: Set<String> = []
            for line in run.stdout.split(separator: "\n") {
                let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                for entity in object["entities"] as? [[String: Any]] ?? [] { types.insert(entity["type"] as? String ?? "") }
            }
            return types
        }
        #expect(try types([]).contains("MISC"))
        #expect(try types(["--entities", "rules"]).isDisjoint(with: ["MISC", "NORP"]))
        #expect(try types(["--entities", "model"]).contains("MISC"))
        #expect(try GleanerProcess.run(["extract", "--entities", "gazetteer", PackageRoot.seedFiles[0].path]).status == 64)
    }

    @Test func aFileThatCannotBeReadIsReportedAndTheOthersStillPrint() throws {
        let folder = try TemporaryFolder()
        let empty = folder.path("empty.txt")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let run = try GleanerProcess.run(["extract", empty, PackageRoot.seedFiles[0].path, folder.path("missing.txt")])
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("empty.txt") && run.stderr.contains("empty"))
        #expect(run.stderr.contains("missing.txt"))
    }
}

/// The parts of a gold file the daemon tests need.
struct GoldFile {
    struct Fragment {
        var line: Int
        var text: String
    }

    var boilerplateLines: Set<Int>
    var fragments: [Fragment]

    static func load(for seed: URL) throws -> GoldFile {
        let url = seed.deletingLastPathComponent().appendingPathComponent("gold")
            .appendingPathComponent(seed.deletingPathExtension().lastPathComponent + ".json")
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let lines = Set(object["boilerplate_lines"] as? [Int] ?? [])
        let fragments = (object["boilerplate_fragments"] as? [[String: Any]] ?? []).map {
            Fragment(line: $0["line"] as? Int ?? 0, text: $0["text"] as? String ?? "")
        }
        return GoldFile(boilerplateLines: lines, fragments: fragments)
    }
}
