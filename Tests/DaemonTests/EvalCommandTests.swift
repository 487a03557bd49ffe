import Foundation
import TestSupport
import Testing

/// `gleaner eval corpus/` scores the seeds against their gold and the HTML pages against
/// their article text.
@Suite struct EvalCommandTests {
    @Test func scoresEveryTaskAndTheHTMLCorpus() throws {
        let run = try GleanerProcess.run(["eval", PackageRoot.corpus.path, "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let html = try #require(object["html_extraction"] as? [String: Any])
        #expect(html["pages"] as? Int ?? 0 >= 12)
        #expect(html["f1"] as? Double ?? 0 >= 0.95)
        #expect(html["documents_per_second"] as? Double ?? 0 > 0)
        let table = try GleanerProcess.run(["eval", PackageRoot.corpus.path])
        for task in ["boilerplate", "entities", "mentions", "values", "events", "quotes", "HTML main text"] {
            #expect(table.stdout.contains(task), "the table has no \(task) row")
        }
    }
}

extension EvalCommandTests {
    @Test func aMissingCorpusFolderIsNamed() throws {
        let run = try GleanerProcess.run(["eval", "/no/such/corpus"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("/no/such/corpus"))
    }
}

extension EvalCommandTests {
    /// `gleaner eval conll` runs the pipeline on a tagged file and prints per-label scores,
    /// with and without MISC, in both decision modes.
    @Test func scoresATaggedFileAsRawDocuments() throws {
        let folder = try TemporaryFolder()
        let file = folder.path("tiny.conll")
        let text = """
            -DOCSTART- -X- O O

            Maria NNP I-NP I-PER
            Santos NNP I-NP I-PER
            visited VBD I-VP O
            Lisbon NNP I-NP I-LOC
            on IN I-PP O
            Monday NNP I-NP O
            . . O O

            """
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        for mode in ["rules", "model"] {
            let run = try GleanerProcess.run(["eval", "conll", "--entities", mode, file])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            for row in ["all", "PER/ORG/LOC", "PER", "ORG", "LOC", "MISC"] {
                #expect(run.stdout.contains("\n" + row + " "), "no \(row) row in \(run.stdout)")
            }
            #expect(run.stdout.contains("1 documents, 7 tokens"))
        }
        let missing = try GleanerProcess.run(["eval", "conll"])
        #expect(missing.status == 64)
    }

    /// `--misses` lists each gold span not found (FN) and each span found that gold lacks (FP),
    /// with the line it stands in.
    @Test func listsTheSpansMissedAndWronglyFound() throws {
        let folder = try TemporaryFolder()
        let file = folder.path("tiny.conll")
        let text = """
            -DOCSTART- -X- O O

            Maria NNP I-NP I-PER
            Santos NNP I-NP I-PER
            visited VBD I-VP O
            Lisbon NNP I-NP O
            on IN I-PP O
            Monday NNP I-NP I-MISC
            . . O O

            """
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try GleanerProcess.run(["eval", "conll", "--entities", "model", "--misses", file])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("#1 FN MISC \"Monday\"  | Maria Santos visited Lisbon on Monday."), "\(run.stdout)")
        #expect(run.stdout.contains("#1 FP LOC \"Lisbon\""), "\(run.stdout)")
        #expect(!run.stdout.contains("\"Maria Santos\""), "\(run.stdout)")
    }
}
