import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// The data files made from PyPI packages against their generators, and what the events
/// stage reads from the verb-form table.
@Suite struct GeneratedDataTests {
    /// Runs a generator into a temporary file and compares it with the committed data.
    /// Skips (records nothing) when python3 or the generator's PyPI package is missing;
    /// the package is looked for, not imported (lemminflect would import numpy).
    @Test(arguments: [("scripts/generate-language-profiles", "data/language/profiles.tsv", "langdetect"),
                      ("scripts/generate-stopwords", "data/stopwords/stopwords.tsv", "stopwordsiso"),
                      ("scripts/generate-verb-forms", "data/lexicon/verb-forms.tsv", "lemminflect")])
    func committedDataMatchesGenerator(script: String, data: String, module: String) throws {
        let find = "import importlib.util, sys; sys.exit(importlib.util.find_spec('\(module)') is None)"
        guard runTool(["python3", "-c", find], quiet: true) == 0 else {
            print("skip: PyPI package \(module) is not installed; cannot regenerate \(data)")
            return
        }
        let temporary = try TemporaryFolder()
        let out = temporary.url.appendingPathComponent("gleaner.tsv")
        #expect(runTool(["python3", PackageRoot.url.appendingPathComponent(script).path, out.path], quiet: true) == 0)
        let generated = try Data(contentsOf: out)
        let committed = try Data(contentsOf: PackageRoot.url.appendingPathComponent(data))
        #expect(generated == committed, "\(data) differs from what \(script) generates; rerun it")
        #expect(EmbeddedData.bytes(named: data).map { Data($0) } == committed, "rebuild: the embedded \(data) is stale")
    }

    @Test func verbFormsTellPastsParticiplesAndUnchangedPasts() {
        let forms = VerbForms.standard
        #expect(forms.isPast("gave") && !forms.isParticiple("gave"))
        #expect(forms.isParticiple("given") && !forms.isPast("given"))
        #expect(forms.isPast("beat") && forms.isParticiple("beaten") && forms.isUnchangedPast("beat"))
        #expect(forms.isUnchangedPast("hit") && forms.isUnchangedPast("cut") && !forms.isUnchangedPast("gave"))
        // Regular forms are the callers' rule, not the table's.
        #expect(!forms.isPast("attacked") && !forms.isParticiple("attacked") && !forms.isPast("give"))
    }
}
