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
