import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// Builds `AnalyzedDocument`s by hand for the events stage: finds each actor's surface
/// forms in the text (whole words, longest first), makes entities with mentions and
/// sentence indexes, sentences from the fallback splitter, and DATE values from strings.
struct EventTestDocument {
    struct Actor {
        var name: String
        var type: EntityType
        var forms: [String]
        var metonymFor: String?
        var role: String?

        init(_ name: String, _ type: EntityType, _ forms: [String] = [], metonymFor: String? = nil, role: String? = nil) {
            self.name = name
            self.type = type
            self.forms = forms.isEmpty ? [name] : forms
            self.metonymFor = metonymFor
            self.role = role
        }
    }

    static func make(_ text: String, _ actors: [Actor], dates: [String] = []) -> AnalyzedDocument {
        let scalars = Array(text.unicodeScalars)
        let sentences = SentenceFallback.sentences(of: scalars)
        func sentenceIndex(_ offset: Int) -> Int {
            sentences.firstIndex { $0.start <= offset && offset < $0.end } ?? 0
        }
        var taken = [Bool](repeating: false, count: scalars.count)
        var forms: [(form: [Unicode.Scalar], actor: Int)] = []
        for (a, actor) in actors.enumerated() { for f in actor.forms { forms.append((Array(f.unicodeScalars), a)) } }
        forms.sort { $0.form.count > $1.form.count }
        var mentions = [[Mention]](repeating: [], count: actors.count)
        for (form, a) in forms {
            for start in occurrences(of: form, in: scalars) where !taken[start..<(start + form.count)].contains(true) {
                for k in start..<(start + form.count) { taken[k] = true }
                mentions[a].append(Mention(text: String(String.UnicodeScalarView(form)), start: start,
                                           end: start + form.count, sentence: sentenceIndex(start),
                                           metonymFor: actors[a].metonymFor))
            }
        }
        let entities = actors.enumerated().compactMap { a, actor -> Entity? in
            mentions[a].isEmpty ? nil : Entity(name: actor.name, type: actor.type, role: actor.role,
                                                mentions: mentions[a].sorted { $0.start < $1.start })
        }
        var values: [ValueMention] = []
        for date in dates {
            let form = Array(date.unicodeScalars)
            for start in occurrences(of: form, in: scalars) {
                values.append(ValueMention(type: .date, text: date, start: start, end: start + form.count,
                                           normalized: .null))
            }
        }
        return document(text: text, sentences: sentences, entities: entities, values: values)
    }

    static func document(text: String, sentences: [SentenceSpan], entities: [Entity], values: [ValueMention]) -> AnalyzedDocument {
        let decoded = DecodedDocument(sha256: "", source: ArticleSource(path: "test.txt"), format: .text, text: text)
        return AnalyzedDocument(clean: CleanDocument(decoded: decoded, text: text, removed: []),
                                sentences: sentences, entities: entities, values: values)
    }

    static func occurrences(of form: [Unicode.Scalar], in scalars: [Unicode.Scalar]) -> [Int] {
        guard !form.isEmpty, form.count <= scalars.count else { return [] }
        var found: [Int] = []
        for start in 0...(scalars.count - form.count) where Array(scalars[start..<(start + form.count)]) == form {
            let before = start == 0 || !scalars[start - 1].isWordScalar
            let after = start + form.count == scalars.count || !scalars[start + form.count].isWordScalar
            if before && after { found.append(start) }
        }
        return found
    }

    /// Under the seeds' convention (`monadic`): these tests read statements aimed at no one too.
    static func events(_ text: String, _ actors: [Actor], dates: [String] = []) throws -> [Event] {
        try EventExtractor(convention: .monadic).process(make(text, actors, dates: dates)).events
    }
}

private typealias Actor = EventTestDocument.Actor
private let us = Actor("United States", .location, ["United States", "US", "American"])
private let canada = Actor("Canada", .location, ["Canada", "Canadian"])
private let mexico = Actor("Mexico", .location, ["Mexico", "Mexican"])
private let germany = Actor("Germany", .location, ["Germany", "German"])
private let france = Actor("France", .location, ["France", "French"])
private let paris = Actor("Paris", .location)
private let berlin = Actor("Berlin", .location)
private let ottawa = Actor("Ottawa", .location, metonymFor: "Canada")
private let macron = Actor("Emmanuel Macron", .person, ["Emmanuel Macron", "Macron"], role: "President")
private let scholz = Actor("Olaf Scholz", .person, ["Olaf Scholz", "Scholz"], role: "Chancellor")
private let leMaire = Actor("Bruno Le Maire", .person, ["Bruno Le Maire", "Le Maire"], role: "Finance Minister")
private let reuters = Actor("Reuters", .organization)

@Suite struct CAMEOCodebookTests {
    @Test func codesAreStringsWithTheirRootQuadClassAndScore() throws {
        let statement = try #require(CAMEOCodebook.entry(for: "010"))
        #expect(statement.root == "01" && statement.quadClass == 1 && statement.goldstein == 0.0)
        let demandRoot = try #require(CAMEOCodebook.entry(for: "10"))
        #expect(demandRoot.root == "10" && demandRoot.quadClass == 3 && demandRoot.goldstein == -5.0)
        let sanctions = try #require(CAMEOCodebook.entry(for: "163"))
        #expect(sanctions.root == "16" && sanctions.quadClass == 4 && sanctions.goldstein == -8.0)
        #expect(CAMEOCodebook.entry(for: "0311")?.root == "03")
        #expect(CAMEOCodebook.entry(for: "999") == nil)
        #expect(CAMEOCodebook.all.count > 300)
    }

    @Test func everyLexiconRuleNamesAKnownCode() {
        #expect(TriggerLexicon.rules.count > 5000)
        for rule in TriggerLexicon.rules {
            // "---": a phrase that codes nothing ("face a run-off"), outranking its bare verb.
            #expect(rule.code == "---" || CAMEOCodebook.entry(for: rule.code) != nil, "\(rule.pattern) -> \(rule.code)")
            #expect(!rule.tokens.isEmpty && rule.tokens.allSatisfy { $0 == nil || !$0!.isEmpty }, "\(rule.pattern)")
        }
    }
}

@Suite struct TriggerLexiconTests {
    /// The matches of the project's rules (`triggers.tsv`), or of every rule.
    private func matches(_ text: String, projectOnly: Bool = true) -> [(String, String)] {
        let scalars = Array(text.unicodeScalars)
        let tokens = WordTokenizer.tokens(of: scalars)
        return TriggerLexicon.standard.matches(in: tokens, range: 0..<tokens.count)
            .filter { !projectOnly || $0.rule.isProject }.map {
            (String(String.UnicodeScalarView(scalars[tokens[$0.firstToken].start..<tokens[$0.endToken - 1].end])), $0.rule.code)
        }
    }

    @Test func tokenizerSplitsPossessivesAndNegationButKeepsContractions() {
        let tokens = WordTokenizer.tokens(of: Array("Canada’s envoy didn't say We’ve, face-to-face.".unicodeScalars))
        #expect(tokens.map(\.folded) == ["canada", "'s", "envoy", "did", "n't", "say", "we've", ",", "face-to-face", "."])
    }

    @Test func longestRuleWinsAndInflectionsMatch() {
        #expect(matches("Ottawa agreed to consider the offer").map(\.1).first == "014")
        #expect(matches("Paris agreed on a plan").map(\.1) == ["030"])
        #expect(matches("They imposes and imposing").map(\.1) == ["163", "163"])
        #expect(matches("Lima denied it").map(\.1) == ["016"])
    }

    /// The rules derived from CAMEO.2.0.txt: the most specific pattern, "---" phrases that
    /// code nothing, and the project's rules overriding what they overlap.
    @Test func derivedRulesCodeTheFieldsVerbsAndYieldToTheProjects() {
        #expect(matches("Russian troops attacked the rebels", projectOnly: false).map(\.1) == ["190"])
        #expect(matches("police arrested the editor", projectOnly: false).map(\.1) == ["173"])
        // A phrase coded "---" ("face a run-off") outranks the bare verb (MEET_PEOPLE: 040).
        #expect(matches("he faced a run-off", projectOnly: false).map(\.1) == ["---"])
        #expect(matches("he faced the rebels", projectOnly: false).map(\.1) == ["040"])
        // "agreed": the project's 030, not the dictionary's AGREE.
        #expect(matches("Paris agreed", projectOnly: false).map(\.1) == ["030"])
        #expect(TriggerLexicon.baseForms.contains("attack") && !TriggerLexicon.baseForms.contains("attacked"))
    }

    @Test func gapsBridgeWordsButNotPunctuation() {
        #expect(matches("they hit each other with tariffs").first?.0 == "hit each other with tariffs")
        #expect(matches("Canada slapped new steel tariffs on").first?.0 == "slapped new steel tariffs")
        #expect(matches("it slapped, then tariffs").isEmpty)
    }
}

@Suite struct EventExtractorTests {
    @Test func activeClauseGivesSourceTargetTimeAndCodeBookFields() throws {
        let text = "Canada imposed tariffs on Mexico on Monday."
        let events = try EventTestDocument.events(text, [canada, mexico], dates: ["Monday"])
        let e = try #require(events.first)
        #expect(events.count == 1)
        #expect(e.code == "163" && e.root == "16" && e.quadClass == 4 && e.goldstein == -8.0)
        #expect(e.source == "Canada" && e.target == "Mexico" && e.time == "Monday" && e.location == nil)
        #expect(e.polarity == .asserted && e.trigger == "imposed")
        #expect((e.triggerStart, e.triggerEnd) == (7, 14))
        #expect((e.start, e.end) == (0, text.unicodeScalars.count) && e.sentence == text)
    }

    @Test func passiveTakesTheAgentAsSource() throws {
        let events = try EventTestDocument.events("New duties were imposed on Mexico by Canada last week.", [canada, mexico])
        let e = try #require(events.first { $0.root == "16" })
        #expect(e.source == "Canada" && e.target == "Mexico")
    }

    @Test func coordinatedSubjectsAreSourceAndTarget() throws {
        let events = try EventTestDocument.events("Germany and France are meeting in Paris this week.",
                                                  [germany, france, paris], dates: ["this week"])
        let e = try #require(events.first)
        #expect(e.code == "040" && e.source == "Germany" && e.target == "France")
        #expect(e.location == "Paris" && e.time == "this week" && e.polarity == .asserted)
    }

    @Test func talksBetweenTwoActors() throws {
        let events = try EventTestDocument.events("The talks between Germany and France resumed on Friday.",
                                                  [germany, france], dates: ["Friday"])
        let e = try #require(events.first { $0.trigger == "talks" })
        #expect(e.root == "04" && e.source == "Germany" && e.target == "France" && e.time == "Friday")
    }

    @Test func toldMakesTheAddresseeTheTarget() throws {
        let events = try EventTestDocument.events("Emmanuel Macron told Reuters that the plan was sound.", [macron, reuters])
        let e = try #require(events.first)
        #expect(e.code == "010" && e.source == "Emmanuel Macron" && e.target == "Reuters")
        let said = try EventTestDocument.events("Emmanuel Macron said the plan was sound.", [macron])
        #expect(said.first?.source == "Emmanuel Macron" && said.first?.target == nil)
    }

    @Test func aCountrysNeutralStatementIsAnAttributionNotAnEvent() throws {
        let attributed = try EventTestDocument.events("Canadian officials said the talks would resume on Monday.", [canada])
        #expect(!attributed.contains { $0.code == "010" }, "\(attributed.map(\.code))")
        let toSomeone = try EventTestDocument.events("Canada told Reuters that the talks would resume.", [canada, reuters])
        #expect(toSomeone.contains { $0.code == "010" && $0.source == "Canada" && $0.target == "Reuters" })
        let person = try EventTestDocument.events("Emmanuel Macron said the talks would resume.", [macron])
        #expect(person.contains { $0.code == "010" && $0.source == "Emmanuel Macron" })
    }

    @Test func titlesAndAppositionsAreSkipped() throws {
        let text = "French Finance Minister Bruno Le Maire, who led the German delegation, met German Chancellor Olaf Scholz."
        let events = try EventTestDocument.events(text, [france, germany, leMaire, scholz])
        let e = try #require(events.first { $0.trigger == "met" })
        #expect(e.source == "Bruno Le Maire" && e.target == "Olaf Scholz")
    }

    @Test func possessiveIsTheSourceOfANominalTrigger() throws {
        let events = try EventTestDocument.events("Canada’s retaliatory tariffs have hurt Mexican farmers.", [canada, mexico])
        let e = try #require(events.first)
        #expect(e.code == "163" && e.trigger == "retaliatory tariffs" && e.source == "Canada")
    }

    @Test func pronounsResolveToTheLastPerson() throws {
        let text = "Emmanuel Macron arrived in Berlin on Tuesday. He criticised Germany over its budget."
        let events = try EventTestDocument.events(text, [macron, berlin, germany], dates: ["Tuesday"])
        let visit = try #require(events.first { $0.code == "042" })
        #expect(visit.source == "Emmanuel Macron" && visit.location == "Berlin" && visit.time == "Tuesday")
        let criticism = try #require(events.first { $0.code == "111" })
        #expect(criticism.source == "Emmanuel Macron" && criticism.target == "Germany")
        #expect(criticism.start == 46 && criticism.sentence == "He criticised Germany over its budget.")
    }

    @Test func metonymsActForTheirCountry() throws {
        let events = try EventTestDocument.events("Ottawa retaliated against Mexico.", [ottawa, mexico])
        #expect(events.first?.source == "Canada" && events.first?.target == "Mexico")
    }

    @Test func negationAndHypotheticalPolarity() throws {
        let actors = [canada, mexico]
        #expect(try EventTestDocument.events("Canada did not impose tariffs on Mexico.", actors).first?.polarity == .negated)
        #expect(try EventTestDocument.events("Canada has never retaliated against Mexico.", actors).first?.polarity == .negated)
        #expect(try EventTestDocument.events("Canada will impose tariffs on Mexico.", actors).first?.polarity == .hypothetical)
        #expect(try EventTestDocument.events("Canada is set to impose tariffs on Mexico.", actors).first?.polarity == .hypothetical)
        let threat = try #require(try EventTestDocument.events("Canada threatened Mexico with new tariffs.", actors).first)
        #expect(threat.code == "1312" && threat.polarity == .hypothetical && threat.target == "Mexico")
        let plan = try #require(try EventTestDocument.events("Canada plans to meet Mexico in May.", actors).first)
        #expect(plan.code == "036" && plan.polarity == .hypothetical)
    }

    @Test func openingAdjunctTakesTheMainSubject() throws {
        let text = "After meeting German Chancellor Olaf Scholz in Paris, Emmanuel Macron agreed to suspend the tariffs."
        let events = try EventTestDocument.events(text, [germany, scholz, paris, macron])
        let meeting = try #require(events.first { $0.trigger == "meeting" })
        #expect(meeting.source == "Emmanuel Macron" && meeting.target == "Olaf Scholz" && meeting.location == "Paris")
        #expect(events.contains { $0.code == "085" && $0.source == "Emmanuel Macron" })
    }

    @Test func noActorNoEvent() throws {
        // "officials" is an agent noun (a government's), so a sentence without one.
        #expect(try EventTestDocument.events("Talks were held on Monday to discuss tariffs.", [canada]).isEmpty)
        #expect(try EventTestDocument.events("The G-20 Summit in Paris ended.", [Actor("G-20 Summit", .eventName), paris]).isEmpty)
    }
}

/// A seed article with its gold entities and values turned into an `AnalyzedDocument`
/// (the analyzer's job done by the answer key), and its gold events.
struct GoldSeed {
    struct GoldEvent {
        var id: String
        var code: String
        var source: String?
        var target: String?
        var sentenceStart: Int
        var sentenceEnd: Int
        var core: Bool
        var alternatives: [String]
        var quote: String?
        var root: String { String(code.prefix(2)) }
        /// The event's sentence overlaps the gold sentence (sentence splits may differ).
        func overlaps(_ e: Event) -> Bool { e.start < sentenceEnd && sentenceStart < e.end }
    }

    var name: String
    var document: AnalyzedDocument
    var events: [GoldEvent]

    static var corpus: URL {
        PackageRoot.corpus
    }

    static func all() throws -> [GoldSeed] {
        let gold = corpus.appendingPathComponent("gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: gold.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { try load(String($0.dropLast(5))) }
    }

    static func load(_ name: String) throws -> GoldSeed {
        let text = try String(contentsOf: corpus.appendingPathComponent(name + ".txt"), encoding: .utf8)
        let data = try Data(contentsOf: corpus.appendingPathComponent("gold/\(name).json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (i, c) in scalars.enumerated() where c == "\n" { lineStarts.append(i + 1) }
        let sentences = SentenceFallback.sentences(of: scalars)
        func sentence(_ offset: Int) -> Int { sentences.firstIndex { $0.start <= offset && offset < $0.end } ?? 0 }
        func offset(_ o: [String: Any]) -> Int { lineStarts[(o["line"] as! Int) - 1] + (o["start"] as! Int) }

        var entities: [Entity] = []
        for e in json["entities"] as? [[String: Any]] ?? [] {
            let mentions = (e["occurrences"] as? [[String: Any]] ?? []).map { o -> Mention in
                let start = offset(o), surface = o["text"] as! String
                return Mention(text: surface, start: start, end: start + surface.unicodeScalars.count,
                               sentence: sentence(start), metonymFor: o["metonym_for"] as? String)
            }
            entities.append(Entity(name: e["canonical"] as! String, type: EntityType(rawValue: e["type"] as! String)!,
                                   role: e["role"] as? String, mentions: mentions))
        }
        let values = (json["values"] as? [[String: Any]] ?? []).map { v -> ValueMention in
            let start = offset(v), surface = v["text"] as! String
            return ValueMention(type: ValueType(rawValue: v["type"] as! String)!, text: surface, start: start,
                                end: start + surface.unicodeScalars.count, normalized: .null)
        }
        let events = (json["events"] as? [[String: Any]] ?? []).map { e in
            GoldEvent(id: e["id"] as! String, code: e["cameo_code"] as! String, source: e["source"] as? String,
                      target: e["target"] as? String,
                      sentenceStart: lineStarts[(e["line"] as! Int) - 1] + (e["sentence_start"] as! Int),
                      sentenceEnd: lineStarts[(e["line"] as! Int) - 1] + (e["sentence_start"] as! Int)
                          + (e["sentence"] as! String).unicodeScalars.count,
                      core: e["core"] as? Bool ?? false, alternatives: e["alt_cameo_codes"] as? [String] ?? [],
                      quote: e["quote"] as? String)
        }
        return GoldSeed(name: name, document: EventTestDocument.document(text: text, sentences: sentences,
                                                                         entities: entities, values: values),
                        events: events)
    }

    /// Our event for a gold event: same sentence, same root (or an accepted alternative's), same source.
    static func found(_ gold: GoldEvent, in events: [Event], checkTarget: Bool) -> Bool {
        let roots = Set([gold.root] + gold.alternatives.map { String($0.prefix(2)) })
        return events.contains { e in
            gold.overlaps(e) && roots.contains(e.root)
                && e.source == gold.source && (!checkTarget || e.target == gold.target)
        }
    }
}

@Suite struct SeedEventTests {
    /// Core gold events of the three families the stage must get right, by root.
    private static let families: [(name: String, roots: Set<String>, checkTarget: Bool)] = [
        ("meetings and talks", ["04"], true),
        ("statements with speakers", ["01"], false),
        ("tariff impositions", ["16"], true),
    ]

    @Test func seedsMeetingsStatementsAndTariffs() throws {
        let seeds = try GoldSeed.all()
        #expect(seeds.count == 5)
        var totals: [String: (found: Int, all: Int)] = [:]
        var produced = 0, matchedAny = 0, goldAll = 0, goldCoreFound = 0, goldCore = 0
        for seed in seeds {
            let events = try EventExtractor(convention: .monadic).process(seed.document).events
            produced += events.count
            for gold in seed.events {
                goldAll += 1
                let hit = GoldSeed.found(gold, in: events, checkTarget: false)
                if gold.core { goldCore += 1; if hit { goldCoreFound += 1 } }
                for family in Self.families where gold.core && family.roots.contains(gold.root) {
                    let ok = GoldSeed.found(gold, in: events, checkTarget: family.checkTarget)
                    totals[family.name, default: (0, 0)].found += ok ? 1 : 0
                    totals[family.name, default: (0, 0)].all += 1
                    if !ok { print("missed \(gold.id) \(gold.code) \(gold.source ?? "-") -> \(gold.target ?? "-")") }
                }
            }
            // Precision: an event of ours is right when some gold event (core or not) of its
            // sentence has its root and source.
            for e in events {
                let right = seed.events.contains { g in
                    g.overlaps(e) && e.source == g.source
                        && Set([g.root] + g.alternatives.map { String($0.prefix(2)) }).contains(e.root)
                }
                if right { matchedAny += 1 }
            }
        }
        for family in Self.families {
            let t = totals[family.name]!
            print("seed \(family.name): \(t.found)/\(t.all)")
        }
        print("seed events: produced \(produced), right \(matchedAny); core recall \(goldCoreFound)/\(goldCore); gold \(goldAll)")
        for family in Self.families {
            let t = totals[family.name]!
            // Measured 12/18, 28/30 and 6/8 on the seeds; fail on a regression.
            #expect(Double(t.found) >= 0.65 * Double(t.all), "\(family.name): \(t.found)/\(t.all)")
        }
        #expect(Double(goldCoreFound) >= 0.75 * Double(goldCore), "core recall \(goldCoreFound)/\(goldCore)")
        #expect(Double(matchedAny) >= 0.6 * Double(produced), "precision \(matchedAny)/\(produced)")
    }
}

@Suite struct SeedQuoteTests {
    /// Every quote the gold attaches to a speech event is found verbatim, mostly with its speaker.
    @Test func seedQuotesAreFoundWithTheirSpeakers() throws {
        var all = 0, found = 0, attributed = 0
        for seed in try GoldSeed.all() {
            let quotes = QuoteFinder().quotes(in: seed.document)
            for gold in seed.events {
                guard let text = gold.quote else { continue }
                all += 1
                let matches = quotes.filter { $0.text == text }
                if !matches.isEmpty { found += 1 }
                if matches.contains(where: { $0.speaker == gold.source }) { attributed += 1 }
                else { print("quote of \(gold.id) not attributed to \(gold.source ?? "-"): \(matches.map { $0.speaker ?? "-" })") }
            }
        }
        print("seed quotes: \(found)/\(all) found, \(attributed)/\(all) with the gold speaker")
        #expect(all > 10)
        #expect(found == all)
        #expect(Double(attributed) >= 0.95 * Double(all))  // measured 20/20
    }
}

/// Precision rules: one event per act, named actors only, the bilateral reading of targets.
@Suite struct EventPrecisionTests {
    private let macronFR = Actor("Emmanuel Macron", .person, ["Emmanuel Macron", "Macron"], role: "President")

    @Test func triggersSharingTheirSubjectAreOneEvent() throws {
        let events = try EventTestDocument.events("Canada imposed a levy on Mexican steel.", [canada, mexico])
        #expect(events.map(\.code) == ["163"])
        let retaliation = try EventTestDocument.events("Mexico retaliated by imposing tariffs on Canadian cars.", [canada, mexico])
        #expect(retaliation.count == 1 && retaliation.first?.target == "Canada")
    }

    @Test func aControlVerbGivesWayToItsComplement() throws {
        let events = try EventTestDocument.events("Canada agreed to suspend tariffs on Mexican goods.", [canada, mexico])
        #expect(events.map(\.code) == ["085"])
    }

    @Test func aPlainStatementIsCodedByWhatItSays() throws {
        let events = try EventTestDocument.events(
            "President Emmanuel Macron said he plans to keep tariffs on American cars.", [macronFR, us])
        #expect(events.map(\.code) == ["1244"])
        #expect(events.first?.source == "Emmanuel Macron")
    }

    @Test func theSpeakerIsNotTheSubjectOfWhatFollowsTheReportingVerb() throws {
        let events = try EventTestDocument.events("Macron said a deadline to reach a deal with Germany was flexible.", [macronFR, germany])
        #expect(events.map(\.code) == ["010"])
    }

    @Test func nonActorsAndTopicNounsMakeNoEvents() throws {
        let wallStreet = Actor("Wall Street", .location)
        #expect(try EventTestDocument.events("Wall Street closed lower on the talks' first day.", [wallStreet]).isEmpty)
        let events = try EventTestDocument.events("Sources familiar with the talks said Canada would wait.", [canada])
        #expect(!events.contains { $0.code == "046" })
        #expect(try EventTestDocument.events("Analysts say the gap between Canada and Mexico is wide.", [canada, mexico]).isEmpty)
    }

    @Test func aCountryModifierIsThePersonsAffiliation() throws {
        let events = try EventTestDocument.events(
            "French President Emmanuel Macron criticised Germany. Later Macron praised Canada.", [macronFR, france, germany, canada])
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.source == "Emmanuel Macron" && $0.sourceAffiliation == "France" })
        #expect(events.first?.targetAffiliation == "Germany")
    }

    @Test func anActWithNoTargetInABilateralStoryIsAimedAtTheOtherSide() throws {
        let text = "Canada and Mexico met in Ottawa. Mexico banned imports. Canada complained. Mexico said it was calm."
        let events = try EventTestDocument.events(text, [canada, mexico])
        let ban = try #require(events.first { $0.trigger.hasPrefix("banned") })
        #expect(ban.source == "Mexico" && ban.target == "Canada")
        #expect(events.first { $0.code == "111" }?.target == "Mexico")
        // A neutral statement keeps its null target.
        #expect(events.first { $0.code == "010" }?.target == nil)
    }

    @Test func aVisitsHostIsTheCountryOfThePlaceVisited() throws {
        let events = try EventTestDocument.events("Macron will visit Berlin next week.", [macronFR, Actor("Berlin", .location)])
        // Berlin is a capital in the gazetteer: the host is Germany. "will visit" states a
        // plan: an intent to meet (036), as the CAMEO manual codes it.
        #expect(events.first?.code == "036")
        #expect(events.first?.target == "Germany")
        let made = try EventTestDocument.events("Macron visited Berlin last week.", [macronFR, Actor("Berlin", .location)])
        #expect(made.first?.code == "042")
        #expect(made.first?.target == "Germany")
    }

    @Test func counterpartAppositionsPairTheActors() throws {
        let scholzDE = Actor("Olaf Scholz", .person, ["Olaf Scholz", "Scholz"])
        let events = try EventTestDocument.events(
            "Macron and his German counterpart, Olaf Scholz, met in Paris.", [macronFR, scholzDE, germany, paris])
        #expect(events.count == 1)
        #expect(events.first?.source == "Emmanuel Macron" && events.first?.target == "Olaf Scholz")
        #expect(events.first?.targetAffiliation == "Germany")
    }

    @Test func timeIsNormalisedAndAmountsAreCollected() throws {
        var doc = EventTestDocument.make("Canada imposed 25 percent tariffs on $50 billion of Mexican goods on May 8.", [canada, mexico])
        func at(_ s: String) -> Int { EventTestDocument.occurrences(of: Array(s.unicodeScalars), in: Array(doc.clean.text.unicodeScalars))[0] }
        doc.values = [
            ValueMention(type: .percent, text: "25 percent", start: at("25 percent"), end: at("25 percent") + 10, normalized: .null),
            ValueMention(type: .money, text: "$50 billion", start: at("$50 billion"), end: at("$50 billion") + 11, normalized: .null),
            ValueMention(type: .date, text: "May 8", start: at("May 8"), end: at("May 8") + 5,
                         normalized: .object([("value", .string("XXXX-05-08"))])),
        ]
        let event = try #require(try EventExtractor().process(doc).events.first)
        #expect(event.time == "May 8" && event.timeNormalized == "XXXX-05-08")
        #expect(event.quantities == ["25 percent", "$50 billion"])
    }
}

/// The lexicon's index (word numbers, first word and anchor) must find exactly what trying
/// every rule at every word finds.
@Suite struct TriggerLexiconIndexTests {
    /// Every rule tried at every word its first position names, matched on the strings as the
    /// lexicon file writes them.
    private func bruteForce(_ tokens: [WordToken]) -> Set<[Int]> {
        func step(_ rule: TriggerRule, _ position: Int, _ t: Int) -> Int? {
            if position == rule.tokens.count { return t }
            guard let words = rule.tokens[position] else {
                var skip = 0, k = t
                while skip <= TriggerRule.maxGap && k < tokens.count {
                    if let end = step(rule, position + 1, k) { return end }
                    guard tokens[k].isWord else { return nil }
                    k += 1
                    skip += 1
                }
                return nil
            }
            guard t < tokens.count, tokens[t].isWord else { return nil }
            if words.contains(tokens[t].folded) { return step(rule, position + 1, t + 1) }
            // One determiner inside a phrase group, before a word after the verb's first.
            guard position >= 2, rule.tokens[position - 1] != nil, TextFrame.determiners.contains(tokens[t].folded),
                  t + 1 < tokens.count, tokens[t + 1].isWord, words.contains(tokens[t + 1].folded) else { return nil }
            return step(rule, position + 1, t + 2)
        }
        // Each rule by the words of its first position: only the rest is left to trying.
        var byFirst: [String: [TriggerRule]] = [:]
        for rule in TriggerLexicon.rules {
            for word in Set(rule.tokens.first.flatMap { $0 } ?? []) { byFirst[word, default: []].append(rule) }
        }
        var found: Set<[Int]> = []
        for i in tokens.indices where tokens[i].isWord {
            for rule in byFirst[tokens[i].folded] ?? [] {
                // A match starts at the pattern's verb (`TriggerRule.verbOffset`).
                if let end = step(rule, 0, i) { found.insert([i + rule.verbOffset, end, rule.order]) }
            }
        }
        return found
    }

    @Test func indexFindsWhatTryingEveryRuleFinds() throws {
        // Text that holds many rules: each seventh rule spelled out (its first word at each
        // position, two words per gap), between the seed articles' own sentences.
        var text = ""
        for (n, rule) in TriggerLexicon.rules.enumerated() where n % 7 == 0 {
            let words = rule.tokens.map { $0?.first ?? "the said" }
            text += "Officials " + words.joined(separator: " ") + " them, and "
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: GoldSeed.corpus.path).sorted()
        where name.hasSuffix(".txt") {
            text += try String(contentsOf: GoldSeed.corpus.appendingPathComponent(name), encoding: .utf8)
        }
        let tokens = WordTokenizer.tokens(of: Array(text.unicodeScalars))
        let indexed = TriggerLexicon.standard.allMatches(in: tokens, range: 0..<tokens.count)
        let found = Set(indexed.map { [$0.firstToken, $0.endToken, $0.rule.order] })
        #expect(found.count == indexed.count, "a rule reported twice at one word")
        #expect(found.count > 1000)
        let expected = bruteForce(tokens)
        #expect(found == expected, "missing \(expected.subtracting(found).prefix(5)), extra \(found.subtracting(expected).prefix(5))")
    }
}
