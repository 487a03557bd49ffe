import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// The embedded lexicon is what `scripts/generate-event-tables` makes of CAMEO.2.0.txt and
/// the project's `triggers.tsv`.
@Suite struct EventLexiconTests {
    @Test func committedLexiconMatchesTheGenerator() throws {
        let source = PackageRoot.sharedData.appendingPathComponent("cameo/petrarch2/CAMEO.2.0.txt").path
        let haveSource = FileManager.default.fileExists(atPath: source)
        if !haveSource {
            print("CAMEO.2.0.txt is not at \(source): checking lexicon.tsv against the committed cameo-verbs.tsv only")
        }
        let temporary = try TemporaryFolder()
        let out = temporary.url.appendingPathComponent("lexicon")
        #expect(runTool(["python3", PackageRoot.url.appendingPathComponent("scripts/generate-event-tables").path,
                         haveSource ? source : "/nonexistent/CAMEO.2.0.txt", out.path]) == 0)
        for name in haveSource ? ["cameo-verbs.tsv", "lexicon.tsv"] : ["lexicon.tsv"] {
            let made = try Data(contentsOf: out.appendingPathComponent(name))
            let committed = try Data(contentsOf: PackageRoot.url.appendingPathComponent("data/lexicon/" + name))
            #expect(made == committed, "data/lexicon/\(name) differs from the generator's output: rerun scripts/generate-event-tables")
        }
    }

    /// The embedded table is the committed file, parsed: every rule, the project's first.
    @Test func embeddedLexiconIsTheCommittedFile() throws {
        let text = try String(contentsOf: PackageRoot.url.appendingPathComponent("data/lexicon/lexicon.tsv"), encoding: .utf8)
        let rules = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("@") }
        #expect(TriggerLexicon.rules.count == rules.count)
        let projectRules = TriggerLexicon.rules.prefix { $0.isProject }
        #expect(projectRules.count == TriggerLexicon.rules.filter(\.isProject).count)
        #expect(projectRules.count > 100)
    }
}
