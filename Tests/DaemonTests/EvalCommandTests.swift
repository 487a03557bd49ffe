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

extension EvalCommandTests {
    /// `--readability` reads each page's gold metadata and another extractor's metadata as
    /// JSON objects: a field that is null, blank or not a string has no value, unknown keys
    /// are ignored, and a file that is not an object scores as having no metadata.
    @Test func readabilityMetadataFilesAreReadFieldByField() throws {
        let folder = try TemporaryFolder()
        let pages = folder.path("pages"), predicted = folder.path("predicted")
        for page in ["one", "two"] {
            try FileManager.default.createDirectory(atPath: pages + "/" + page, withIntermediateDirectories: true)
            try """
                <html lang="en"><head><title>Harbour Opens</title></head><body><article>
                <p>The new harbour opened on Monday after four years of work, the city council said in a statement.</p>
                </article></body></html>
                """.write(toFile: pages + "/\(page)/source.html", atomically: true, encoding: .utf8)
            try "<p>The new harbour opened on Monday after four years of work, the city council said in a statement.</p>"
                .write(toFile: pages + "/\(page)/expected.html", atomically: true, encoding: .utf8)
        }
        try #"{"title": "Harbour Opens", "byline": null, "publishedTime": "  ", "lang": "en", "siteName": 3, "readerable": true}"#
            .write(toFile: pages + "/one/expected-metadata.json", atomically: true, encoding: .utf8)
        try "[1, 2]".write(toFile: pages + "/two/expected-metadata.json", atomically: true, encoding: .utf8)
        func rows(_ stdout: String) -> [String: [String]] {
            var out: [String: [String]] = [:]
            for line in stdout.split(separator: "\n") {
                let cells = line.split(separator: " ").map(String.init)
                if let first = cells.first { out[first] = Array(cells.dropFirst()) }
            }
            return out
        }
        let ours = try GleanerProcess.run(["eval", "--readability", pages])
        #expect(ours.status == 0, "stderr: \(ours.stderr)")
        let table = rows(ours.stdout)
        // Gold values: one title and one language (page one); none from page two.
        #expect(table["title"] == ["1", "1", "1.000"], "\(ours.stdout)")
        #expect(table["language"] == ["1", "1", "1.000"], "\(ours.stdout)")
        for field in ["byline", "published", "site_name"] { #expect(table[field] == ["0", "0", "-"], "\(field): \(ours.stdout)") }

        try FileManager.default.createDirectory(atPath: predicted, withIntermediateDirectories: true)
        try "The new harbour opened on Monday.".write(toFile: predicted + "/one.txt", atomically: true, encoding: .utf8)
        try #"{"title": "Another Title", "language": "en", "site_name": "x"}"#
            .write(toFile: predicted + "/one.json", atomically: true, encoding: .utf8)
        let theirs = try GleanerProcess.run(["eval", "--readability", pages, "--predicted", predicted])
        #expect(theirs.status == 0, "stderr: \(theirs.stderr)")
        let other = rows(theirs.stdout)
        #expect(other["title"] == ["1", "0", "0.000"], "\(theirs.stdout)")
        #expect(other["language"] == ["1", "1", "1.000"], "\(theirs.stdout)")
    }
}
