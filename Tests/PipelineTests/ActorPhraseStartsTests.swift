import Testing
@testable import Pipeline

/// The table `ActorCoder.code` skips runs of words by: the longest phrase each word opens,
/// and that skipping changes no code.
@Suite struct ActorPhraseStartsTests {
    @Test func theLongestPhraseEachWordOpens() {
        let starts = ActorPhraseStarts(phrases: ["united states", "united states army", "police", "u.s. navy"])
        #expect(starts.longest(openingWith: "united") >= 3)
        #expect(starts.longest(openingWith: "u.s.") >= 2)
        // A word that opens only a one-word phrase, or only ends phrases, or none at all.
        #expect(starts.longest(openingWith: "police") < 2)
        #expect(starts.longest(openingWith: "army") < 2)
        #expect(starts.longest(openingWith: "states") < 2)
        #expect(starts.longest(openingWith: "court") < 2)
        // A "word" with a space in it is never skipped.
        #expect(starts.longest(openingWith: "united states") == Int.max)
    }

    /// Every phrase of the actor tables the binary codes with.
    private static func embeddedPhrases() -> [String] {
        let tables = ["data/actors/actors.tsv", "data/actors/agents.tsv", "data/actors/additions.tsv",
                      "data/actors/agent-additions.tsv"]
        return tables.flatMap { name in
            TabSeparatedRows(EmbeddedData.text(named: name) ?? "").compactMap { (row: [String]) -> String? in row.first }
        }
    }

    @Test func everyPhraseOfTheEmbeddedTablesIsKept() throws {
        // The bound holds for every phrase of the tables the binary codes with.
        let phrases = Self.embeddedPhrases()
        #expect(phrases.count > 10_000)
        let starts = ActorDictionary.standard.phraseStarts
        for phrase in phrases {
            let words = phrase.split(separator: " ", omittingEmptySubsequences: false)
            guard words.count >= 2 else { continue }
            #expect(starts.longest(openingWith: String(words[0])) >= words.count, "\(phrase)")
        }
    }

    @Test func aRunIsJoinedAsJoinedJoinsIt() {
        let words = ["chinese", "vice", "premier", "liu", "he", "côte", "d'ivoire", "u.s"]
        for lower in words.indices {
            for upper in (lower + 1)...words.count {
                #expect(ActorCoder.phrase(words, lower..<upper) == words[lower..<upper].joined(separator: " "))
            }
        }
    }

    @Test func longPhrasesAreStillFoundAmongOtherWords() {
        let dictionary = ActorDictionary(
            actors: "kenya\tKEN\t0\t0\nunited states\tUSA\t0\t0\nunited states army\tUSAMIL\t0\t0\nu.s.\tUSA\t0\t0\n",
            agents: "police\t~COP\nriot police unit\t~COP\n")
        let coder = ActorCoder(dictionary: dictionary)
        #expect(dictionary.phraseStarts.longest(openingWith: "united") >= 3)
        #expect(coder.code(["the", "united", "states", "army"], on: nil, fallbackCountry: nil) == "USAMIL")
        #expect(coder.code(["senior", "united", "states", "officials"], on: nil, fallbackCountry: nil) == "USA")
        #expect(coder.code(["kenya", "riot", "police", "unit"], on: nil, fallbackCountry: nil) == "KENCOP")
        #expect(coder.code(["riot", "police"], on: nil, fallbackCountry: "NGA") == "NGACOP")
        // A one-word run is still tried with the full stop the tokenizer left off.
        #expect(coder.code(["u.s"], on: nil, fallbackCountry: nil) == "USA")
        #expect(coder.code(["army"], on: nil, fallbackCountry: nil) == nil)
    }

    /// `ActorPhraseFilter`'s hash of a phrase, a byte at a time as its callers hash it.
    private static func filterHash(_ phrase: String) -> UInt64 {
        phrase.utf8.reduce(ActorPhraseFilter.emptyHash) { ActorPhraseFilter.continued($0, with: $1) }
    }

    @Test func theFilterHoldsEveryPhraseOfTheEmbeddedTables() {
        let phrases = Self.embeddedPhrases()
        #expect(phrases.count > 10_000)
        let filter = ActorDictionary.standard.phraseFilter
        for phrase in phrases { #expect(filter.mayContain(Self.filterHash(phrase)), "\(phrase)") }
        // Most other runs are ruled out (a false positive is allowed, not a false negative).
        let others = (0..<1000).map { "no such phrase \($0)" }
        #expect(others.filter { filter.mayContain(Self.filterHash($0)) }.count < 100)
    }

    @Test func aNamesPhraseIsItsFoldedWordsJoined() {
        let names = ["United States", "Côte d’Ivoire", "U.S.", "", " ", "Hong  Kong", " Kenya", "Kenya ",
                     "New\nZealand", "Sri\tLanka", "a b c", "ÉTATS-UNIS"]
        for name in names {
            #expect(ActorCoder.foldedPhrase(name) == ActorCoder.fold(name).joined(separator: " "), "\(name)")
        }
    }
}
