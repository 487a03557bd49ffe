import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// The gazetteer's derived tables are what `scripts/generate-gazetteers` writes from its
/// sources. Skipped (the trait says why) where the CoNLL-2003 training file, Debian's
/// iso-codes, the Phoenix dictionaries or python3 are missing; a generator that cannot install its PyPI packages
/// (exit 3) is reported and not judged.
@Suite struct GazetteerDataTests {
    static let sources = [PackageRoot.sharedData.appendingPathComponent("ner/conll2003/eng.train").path, "/usr/share/iso-codes/json/iso_3166-1.json",
                          PackageRoot.sharedData.appendingPathComponent("cameo/petrarch2/Phoenix.Countries.actors.txt").path,
                          "/usr/bin/python3"]
    static var sourcesPresent: Bool { sources.allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    @Test(.enabled(if: sourcesPresent, "the generator's sources (eng.train, iso-codes, the Phoenix dictionaries, python3) are not all here"))
    func theCommittedTablesAreTheGeneratorsOutput() throws {
        let temporary = try TemporaryFolder()
        let out = temporary.url.appendingPathComponent("gleaner-gazetteer")
        let status = runTool(["python3", PackageRoot.url.appendingPathComponent("scripts/generate-gazetteers").path, "--out", out.path])
        if status == 3 {
            print("GazetteerDataTests: skipped, the generator could not reach its sources or install its packages")
            return
        }
        #expect(status == 0)
        let committed = PackageRoot.url.appendingPathComponent("data/gazetteer")
        for name in ["countries.tsv", "demonyms.tsv", "capitals.tsv", "places.tsv", "first-names.txt", "organizations.txt"] {
            let made = try Data(contentsOf: out.appendingPathComponent(name))
            let kept = try Data(contentsOf: committed.appendingPathComponent(name))
            #expect(made == kept, "data/gazetteer/\(name) differs from scripts/generate-gazetteers' output: run it again")
        }
    }

    static let nameSources = [PackageRoot.sharedData.appendingPathComponent("ner/conll2003/eng.train").path,
                              PackageRoot.sharedData.appendingPathComponent("cameo/petrarch2/Phoenix.Countries.actors.txt").path,
                              "/usr/bin/python3"]
    static var nameSourcesPresent: Bool { nameSources.allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    /// `people.txt` and `known-organizations.txt` are what `scripts/generate-name-tables`
    /// writes from the Phoenix dictionaries, `data/actors/additions.tsv` and eng.train's counts.
    @Test(.enabled(if: nameSourcesPresent, "the name tables' sources (eng.train, the Phoenix dictionaries, python3) are not all here"))
    func theCommittedNameTablesAreTheGeneratorsOutput() throws {
        let temporary = try TemporaryFolder()
        let out = temporary.url.appendingPathComponent("gleaner-names")
        #expect(runTool(["python3", PackageRoot.url.appendingPathComponent("scripts/generate-name-tables").path, "--out", out.path]) == 0)
        let committed = PackageRoot.url.appendingPathComponent("data/gazetteer")
        for name in ["people.txt", "known-organizations.txt"] {
            let made = try Data(contentsOf: out.appendingPathComponent(name))
            let kept = try Data(contentsOf: committed.appendingPathComponent(name))
            #expect(made == kept, "data/gazetteer/\(name) differs from scripts/generate-name-tables' output: run it again")
            #expect(EmbeddedData.bytes(named: "data/gazetteer/" + name).map { Data($0) } == kept,
                    "rebuild: the embedded data/gazetteer/\(name) is stale")
        }
    }

    /// The byte-wise casing of ASCII names gives exactly the spellings `Character` casing
    /// gives, for every name of the known-names tables.
    @Test func asciiCasingAgreesWithCharacterCasing() throws {
        for file in ["people.txt", "known-organizations.txt"] {
            let text = try #require(EmbeddedData.text(named: "data/gazetteer/" + file))
            for row in TabSeparatedRows(text, comments: false) {
                guard let name = row.first, !name.isEmpty else { continue }
                #expect(Gazetteer.surfaceForms(name) == Gazetteer.surfaceFormsOfAnyText(name), "\(name)")
            }
        }
        #expect(Gazetteer.surfaceForms("o'brien  de la vega") == Gazetteer.surfaceFormsOfAnyText("o'brien  de la vega"))
    }

    /// Known people and organisations reach the tagger as feature bits, in title case and in
    /// capitals, one word or several.
    @Test func knownNamesAreTaggerFeatures() {
        let gazetteer = Gazetteer.shared
        #expect(Gazetteer.surfaceForms("bank of england") == ["Bank of England", "BANK OF ENGLAND"])
        #expect(Gazetteer.surfaceForms("al-jazeera") == ["Al-Jazeera", "AL-JAZEERA"])
        let forms = SentenceForms(words: ["Xi", "Jinping", "told", "AFP", "and", "the", "White", "House", "."], gazetteer: gazetteer)
        #expect(forms.form(0).gazetteer & GazetteerBits.personNameStart != 0)
        #expect(forms.form(1).gazetteer & GazetteerBits.personNameInside != 0)
        #expect(forms.form(1).gazetteer & GazetteerBits.knownPerson != 0)
        #expect(forms.form(2).gazetteer == 0)
        #expect(forms.form(3).gazetteer & GazetteerBits.knownOrganization != 0)
        #expect(forms.form(6).gazetteer & GazetteerBits.knownOrganizationNameStart != 0)
        #expect(forms.form(7).gazetteer & GazetteerBits.knownOrganizationNameInside != 0)
        let headline = SentenceForms(words: ["LIU", "HE", "MEETS", "REUTERS"], gazetteer: gazetteer)
        #expect(headline.form(0).gazetteer & GazetteerBits.personNameStart != 0)
        #expect(headline.form(3).gazetteer & GazetteerBits.knownOrganization != 0)
        let dateline = SentenceForms(words: ["WASHINGTON", "/", "NEW", "YORK", "•", "The", "US"], gazetteer: gazetteer)
        #expect(dateline.form(2).gazetteer & GazetteerBits.placeNameStart != 0)
        #expect(dateline.form(3).gazetteer & GazetteerBits.placeNameInside != 0)
    }

    /// A tagger span of one function word names nothing; a name that opens with one does.
    @Test func aLoneFunctionWordIsNoName() {
        let tokens = Tokenizer().tokenize(Tokenizer.scalars(of: "The US and The Hague"))
        #expect(ModelDecision.isLoneFunctionWord(0..<1, tokens))
        #expect(!ModelDecision.isLoneFunctionWord(1..<2, tokens))
        #expect(!ModelDecision.isLoneFunctionWord(3..<5, tokens))
    }

    @Test func everyTableIsEmbeddedAndRead() {
        let gazetteer = Gazetteer.shared
        #expect(gazetteer.places["Berlin"]?.kind == .capital)
        #expect(gazetteer.places["Germany"]?.kind == .country)
        #expect(gazetteer.places["German"]?.canonical == "Germany")
        let hasJames = gazetteer.firstNames.contains("James")
        #expect(hasJames)
        #expect(gazetteer.organizationSuffixes.contains("Ministry"))
        #expect(gazetteer.currency(of: "US$") == "USD")
        #expect(gazetteer.currency(of: "€") == "EUR")
    }

    /// A short code is a country where news writes it as one (the Phoenix dictionaries list
    /// it); the other ISO codes are words and abbreviations ("the TV networks", "AS
    /// Opposition Leader", "IT staff", "AND").
    @Test func onlyTheShortCodesNewsUsesAreCountries() {
        let places = Gazetteer.shared.places
        for code in ["US", "USA", "UK", "UAE"] { #expect(places[code]?.kind == .country, "\(code)") }
        for word in ["TV", "AS", "IT", "PM", "IN", "NO", "AND", "CAN", "ARE", "PER"] { #expect(places[word] == nil, "\(word)") }
        // Nor is a spelling in the country's own language that is an English word.
        #expect(places["Island"] == nil)
    }
}

/// Every stage of analysis is linear in its input: sentences and names have bounded
/// lengths, and the resolver reaches clusters only through indexes and capped scans (issue 14, case 1: a
/// page of capitalised words with no punctuation took quadratic time).
@Suite struct AnalysisBoundsTests {
    /// `count` pseudo-random capitalised words, no punctuation, one line.
    static func capitalisedWords(_ count: Int) -> String {
        let syllables = ["Ka", "lo", "mer", "tan", "vi", "dra", "sel", "bor", "qui", "ne", "ros", "ul"]
        var state: UInt64 = 0x9E37_79B9
        var words: [String] = []
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let a = syllables[Int(state >> 33) % syllables.count], b = syllables[Int(state >> 45) % syllables.count]
            words.append((a + b).prefix(1).uppercased() + (a + b).dropFirst().lowercased())
        }
        return words.joined(separator: " ")
    }

    /// The candidates and the resolver's work on `count` words.
    static func analyse(_ count: Int) -> (candidates: [EntityCandidate], sentences: [Range<Int>], work: Int) {
        let scalars = Tokenizer.scalars(of: capitalisedWords(count))
        let tokens = Tokenizer().tokenize(scalars)
        let sentences = SentenceSplitter().split(tokens)
        let candidates = EntityRecognizer().recognize(tokens: tokens, sentences: sentences, scalars: scalars)
        var work = 0
        _ = EntityResolver().resolve(candidates, tokens: tokens, sentences: sentences, work: &work)
        return (candidates, sentences, work)
    }

    @Test func sentencesAndNamesHaveBoundedLengths() {
        let (candidates, sentences, _) = Self.analyse(3000)
        #expect(sentences.count >= 3000 / SentenceSplitter.maxTokens)
        #expect(sentences.allSatisfy { $0.count <= SentenceSplitter.maxTokens })
        #expect(!candidates.isEmpty)
        #expect(candidates.allSatisfy { $0.tokens.count <= EntityRecognizer.maxNameTokens })
    }

    @Test func theResolversWorkGrowsLinearly() {
        // Every candidate costs at most a fixed number of cluster visits (the misspelling
        // scan's cap and a few index hits), however many clusters the document has.
        for words in [5000, 20000] {
            let run = Self.analyse(words)
            #expect(run.candidates.count >= words / 8)
            #expect(run.work > 0)
            #expect(run.work <= run.candidates.count * (EntityResolver.fuzzyLimit + 16),
                    "\(words) words: \(run.work) visits for \(run.candidates.count) candidates")
        }
    }
}
