import Testing
@testable import Pipeline
import TestSupport


private let corpus: GoldCorpus = {
    do { return try PackageRoot.seedGold() } catch { fatalError("cannot load corpus: \(error)") }
}()

private func entry(_ prefix: String) -> GoldCorpus.Entry {
    corpus.entries.first { $0.name.hasPrefix(prefix) }!
}

/// A prediction built from the gold itself: what a perfect pipeline would output.
///
/// The clean offsets are computed here by plain subtraction (removed length before a
/// position), independently of `CleanOffsetMap`, so the test checks the scorer's mapping.
private struct PerfectPrediction {
    let source: [Unicode.Scalar]
    let lineStarts: [Int]
    let removed: [RemovedSpan]
    let gold: GoldAnnotation

    init(_ entry: GoldCorpus.Entry) {
        gold = entry.gold
        source = Array(String(decoding: entry.bytes, as: UTF8.self).unicodeScalars)
        var starts = [0]
        for (i, s) in source.enumerated() where s == "\n" && i + 1 < source.count { starts.append(i + 1) }
        lineStarts = starts
        var spans: [RemovedSpan] = []
        for line in gold.boilerplateLines + gold.boilerplateBlankLines {
            let end = line < starts.count ? starts[line] : source.count
            spans.append(RemovedSpan(start: starts[line - 1], end: end, reason: .other))
        }
        for fragment in gold.boilerplateFragments {
            let start = starts[fragment.line - 1] + fragment.start
            spans.append(RemovedSpan(start: start, end: start + fragment.text.unicodeScalars.count, reason: .agencyCredit))
        }
        removed = spans.sorted { $0.start < $1.start }
    }

    func clean(_ sourceOffset: Int) -> Int {
        sourceOffset - removed.filter { $0.end <= sourceOffset }.reduce(0) { $0 + $1.end - $1.start }
    }

    func cleanOffset(line: Int, start: Int) -> Int { clean(lineStarts[line - 1] + start) }

    var cleanText: String {
        var view = String.UnicodeScalarView()
        for (i, s) in source.enumerated() where !removed.contains(where: { $0.start <= i && i < $0.end }) {
            view.append(s)
        }
        return String(view)
    }

    var entities: [Entity] {
        gold.entities.map { entity in
            Entity(name: entity.canonical, type: EntityType(rawValue: entity.type)!, mentions: entity.occurrences.map { o in
                let start = cleanOffset(line: o.line, start: o.start)
                return Mention(text: o.text, start: start, end: start + o.text.unicodeScalars.count, sentence: 0)
            })
        }
    }

    var values: [ValueMention] {
        gold.values.map { v in
            let start = cleanOffset(line: v.line, start: v.start)
            return ValueMention(type: ValueType(rawValue: v.type)!, text: v.text, start: start,
                                end: start + v.text.unicodeScalars.count, normalized: v.normalized)
        }
    }

    var events: [Event] {
        gold.events.map { makeEvent(code: $0.cameoCode, source: $0.source, target: $0.target) }
    }

    var quotes: [Quote] {
        let clean = Array(cleanText.unicodeScalars)
        return gold.events.compactMap { event in
            guard let text = event.quote else { return nil }
            let needle = Array(text.unicodeScalars)
            let from = cleanOffset(line: event.line, start: 0)
            let start = (from...(clean.count - needle.count)).first { clean[$0..<($0 + needle.count)].elementsEqual(needle) }!
            return Quote(speaker: event.source, text: text, start: start, end: start + needle.count)
        }
    }

    func document(entities: [Entity]? = nil, values: [ValueMention]? = nil, events: [Event]? = nil,
                  quotes: [Quote]? = nil, removed: [RemovedSpan]? = nil) -> ExtractedDocument {
        let decoded = DecodedDocument(sha256: "", source: ArticleSource(path: gold.file), format: .text,
                                      text: String(String.UnicodeScalarView(source)))
        let removedSpans = removed ?? self.removed
        var view = String.UnicodeScalarView()
        for (i, s) in source.enumerated() where !removedSpans.contains(where: { $0.start <= i && i < $0.end }) {
            view.append(s)
        }
        let clean = CleanDocument(decoded: decoded, text: String(view), removed: removedSpans)
        let analyzed = AnalyzedDocument(clean: clean, sentences: [], entities: entities ?? self.entities,
                                        values: values ?? self.values)
        return ExtractedDocument(analyzed: analyzed, events: events ?? self.events, quotes: quotes ?? self.quotes)
    }
}

private func makeEvent(code: String, source: String?, target: String?) -> Event {
    Event(code: code, root: String(code.prefix(2)), quadClass: 1, goldstein: 0, source: source, target: target,
          location: nil, time: nil, polarity: .asserted, trigger: "", sentence: "", start: 0, end: 0,
          triggerStart: 0, triggerEnd: 0)
}

@Suite struct EvaluationTests {
    @Test func loaderPairsEverySeedWithItsGold() throws {
        #expect(corpus.entries.map(\.name) == corpus.entries.map(\.name).sorted())
        #expect(corpus.entries.count == 5)
        #expect(corpus.unannotated.isEmpty)
        for entry in corpus.entries {
            #expect(entry.gold.file == entry.name + ".txt")
            let lines = SourceLines(String(decoding: entry.bytes, as: UTF8.self))
            #expect(lines.count == entry.gold.lines, "\(entry.name)")
        }
        let e002 = entry("002").gold
        #expect(e002.boilerplateLines == [33])
        #expect(e002.boilerplateFragments.first?.text == "REUTERS")
        #expect(e002.events.first?.cameoCode == "046")
        #expect(e002.events.first?.symmetric == true)
        let money = try #require(e002.values.first { $0.type == "MONEY" })
        #expect(money.normalized["currency"] == .string("USD"))
        let e000 = entry("000").gold
        #expect(e000.values.first { $0.text == "10 percent" }?.normalized == .int(10))
        #expect(e000.values.first { $0.text == "$50 billion" }?.normalized["amount"] == .int(50_000_000_000))
        #expect(e000.values.first { $0.type == "DATE" }?.normalized.stringValue != nil)
        let wallStreet = try #require(entry("004").gold.entities.first { $0.canonical == "Wall Street" })
        #expect(wallStreet.accepts("ORGANIZATION") && wallStreet.accepts("LOCATION") && !wallStreet.accepts("PERSON"))
    }

    @Test func cleanOffsetMapInvertsSourceOffset() {
        let source = String(repeating: "abcdefghij", count: 6)
        let removed = [RemovedSpan(start: 5, end: 9, reason: .other), RemovedSpan(start: 30, end: 41, reason: .paywall),
                       RemovedSpan(start: 0, end: 2, reason: .markup), RemovedSpan(start: 35, end: 45, reason: .share)]
        let decoded = DecodedDocument(sha256: "", source: ArticleSource(path: "x"), format: .text, text: source)
        let map = CleanOffsetMap(removed: removed)
        let removedCount = 2 + 4 + 15
        let clean = CleanDocument(decoded: decoded, text: "", removed: [removed[2], removed[0], RemovedSpan(start: 30, end: 45, reason: .other)])
        for c in 0..<(60 - removedCount) {
            #expect(map.cleanOffset(of: clean.sourceOffset(of: c)) == c)
        }
        for s in [0, 1, 5, 8, 30, 40, 44] { #expect(map.cleanOffset(of: s) == nil) }
        #expect(map.cleanOffset(of: 2) == 0)
        #expect(map.cleanOffset(of: 9) == 3)
        #expect(map.cleanOffset(of: 45) == 45 - removedCount)
        #expect(map.cleanSpan(10, 20)! == (4, 14))
        #expect(map.cleanSpan(3, 12) == nil)
        #expect(map.removedCount(0, 60) == removedCount)
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func perfectPredictionScoresOne(seed: String) {
        let e = entry(seed)
        let perfect = PerfectPrediction(e)
        let score = GoldScorer().score(perfect.document(), against: e.gold)
        for task in EvaluationTask.allCases {
            #expect(score[task].precision == 1 && score[task].recall == 1, "\(seed) \(task): \(score[task])")
        }
        #expect(score.misses.isEmpty, "\(score.misses)")
        #expect(score[.entities].truePositives == e.gold.entities.count)
        #expect(score[.mentions].truePositives == e.gold.entities.reduce(0) { $0 + $1.count })
        #expect(score[.values].truePositives == e.gold.values.count)
        #expect(score[.events].truePositives == e.gold.events.filter(\.core).count)
        #expect(score[.events].optionalMatches == e.gold.events.filter { !$0.core }.count)
        #expect(score[.boilerplate].truePositives == e.gold.boilerplateLines.count + e.gold.boilerplateFragments.count)
    }

    @Test func droppingAnEntityLowersRecallByItsShare() {
        let e = entry("002")
        let perfect = PerfectPrediction(e)
        var entities = perfect.entities
        let dropped = entities.remove(at: 3)
        let score = GoldScorer().score(perfect.document(entities: entities), against: e.gold)
        let n = e.gold.entities.count
        #expect(score[.entities] == TaskCounts(truePositives: n - 1, falsePositives: 0, falseNegatives: 1))
        #expect(score[.entities].recall == Double(n - 1) / Double(n))
        #expect(score[.entities].precision == 1)
        #expect(score[.mentions].falseNegatives == dropped.mentions.count)
        #expect(score.misses.contains { $0.task == .entities && $0.kind == .falseNegative && $0.detail.contains(dropped.name) })
    }

    @Test func entityWithAnotherNameMatchesByOverlappingMentions() {
        let e = entry("004")
        let perfect = PerfectPrediction(e)
        var entities = perfect.entities
        let i = entities.firstIndex { $0.type == .person }!
        entities[i].name = "Somebody Else"
        let score = GoldScorer().score(perfect.document(entities: entities), against: e.gold)
        #expect(score[.entities].truePositives == e.gold.entities.count)
        // A wrong type is no match, even with every mention in place.
        entities[i].type = .organization
        let wrongType = GoldScorer().score(perfect.document(entities: entities), against: e.gold)
        #expect(wrongType[.entities] == TaskCounts(truePositives: e.gold.entities.count - 1, falsePositives: 1, falseNegatives: 1))
        #expect(wrongType[.mentions].falsePositives == entities[i].mentions.count)
    }

    @Test func acceptableAltTypeIsAccepted() {
        let e = entry("004")
        let perfect = PerfectPrediction(e)
        var entities = perfect.entities
        let i = entities.firstIndex { $0.name == "Wall Street" }!
        entities[i].type = .organization
        let score = GoldScorer().score(perfect.document(entities: entities), against: e.gold)
        #expect(score[.entities].falsePositives == 0 && score[.mentions].falsePositives == 0)
    }

    @Test func spuriousValueLowersPrecision() {
        let e = entry("000")
        let perfect = PerfectPrediction(e)
        let spurious = ValueMention(type: .money, text: "x", start: 0, end: 1, normalized: .null)
        let score = GoldScorer().score(perfect.document(values: perfect.values + [spurious]), against: e.gold)
        let n = e.gold.values.count
        #expect(score[.values] == TaskCounts(truePositives: n, falsePositives: 1, falseNegatives: 0))
        #expect(score[.values].precision == Double(n) / Double(n + 1))
        #expect(score[.values].recall == 1)
    }

    @Test func valueWithModifierSpanIsAcceptedAndWrongTypeIsNot() throws {
        let e = entry("000")
        let perfect = PerfectPrediction(e)
        var values = perfect.values
        let i = try #require(e.gold.values.firstIndex { $0.textWithModifier == "more than $419 billion" })
        values[i].start -= "more than ".unicodeScalars.count
        values[i].text = "more than $419 billion"
        #expect(GoldScorer().score(perfect.document(values: values), against: e.gold)[.values].falsePositives == 0)
        values[i].type = .quantity
        let wrong = GoldScorer().score(perfect.document(values: values), against: e.gold)
        #expect(wrong[.values] == TaskCounts(truePositives: values.count - 1, falsePositives: 1, falseNegatives: 1))
    }

    @Test func alternativeCodeRootIsAccepted() throws {
        let e = entry("000")
        let perfect = PerfectPrediction(e)
        let gold = e.gold.events
        // Gold events between the same actors, whose roots a prediction could also match.
        func sameActors(_ g: GoldEvent) -> [GoldEvent] { gold.filter { $0.source == g.source && $0.target == g.target } }
        let event = try #require(gold.first { g in
            g.core && g.altCameoCodes.contains { alt in
                !sameActors(g).contains { $0.cameoRoot == String(alt.prefix(2)) }
            }
        })
        let alt = event.altCameoCodes.first { alt in !sameActors(event).contains { $0.cameoRoot == String(alt.prefix(2)) } }!
        let accepted = GoldScorer().score(
            perfect.document(events: [makeEvent(code: alt, source: event.source, target: event.target)]), against: e.gold)
        #expect(accepted[.events].truePositives == 1 && accepted[.events].falsePositives == 0)
        // A root no gold event between these actors accepts is a false positive.
        let roots = sameActors(event).reduce(into: Set<String>()) { $0.formUnion($1.acceptedRoots) }
        let wrongRoot = (1...20).map { $0 < 10 ? "0\($0)" : "\($0)" }.first { !roots.contains($0) }!
        let rejected = GoldScorer().score(
            perfect.document(events: [makeEvent(code: wrongRoot + "0", source: event.source, target: event.target)]),
            against: e.gold)
        #expect(rejected[.events].truePositives == 0 && rejected[.events].optionalMatches == 0)
        #expect(rejected[.events].falsePositives == 1)
        #expect(rejected[.events].falseNegatives == gold.filter(\.core).count)
    }

    @Test func swappedActorsCountOnlyForSymmetricEvents() throws {
        let e = entry("002")
        let perfect = PerfectPrediction(e)
        let only = { (event: Event) in perfect.document(events: [event]) }
        let symmetric = try #require(e.gold.events.first { g in
            g.symmetric && g.core && g.target != nil && g.source != g.target
                && !e.gold.events.contains { $0.source == g.target && $0.target == g.source }
        })
        let swapped = makeEvent(code: symmetric.cameoCode, source: symmetric.target, target: symmetric.source)
        let s = GoldScorer().score(only(swapped), against: e.gold)
        #expect(s[.events].truePositives == 1 && s[.events].falsePositives == 0)

        let directed = try #require(e.gold.events.first { g in
            !g.symmetric && g.core && g.target != nil && g.source != g.target
                && !e.gold.events.contains { $0.source == g.target && $0.target == g.source }
                && g.sourceAdditional.isEmpty && g.targetAdditional.isEmpty
        })
        let backwards = makeEvent(code: directed.cameoCode, source: directed.target, target: directed.source)
        let d = GoldScorer().score(only(backwards), against: e.gold)
        #expect(d[.events].truePositives == 0 && d[.events].optionalMatches == 0 && d[.events].falsePositives == 1)
    }

    @Test func eventActorNamedByAGoldSurfaceFormMatches() throws {
        let e = entry("002")
        let perfect = PerfectPrediction(e)
        let gold = try #require(e.gold.events.first { $0.core && $0.source == "United States" })
        let event = makeEvent(code: gold.cameoCode, source: "U.S.", target: gold.target)
        let score = GoldScorer().score(perfect.document(events: [event]), against: e.gold)
        #expect(score[.events].truePositives == 1)
        let stranger = makeEvent(code: gold.cameoCode, source: "Canada", target: gold.target)
        #expect(GoldScorer().score(perfect.document(events: [stranger]), against: e.gold)[.events].falsePositives == 1)
    }

    @Test func quotesMatchByTextOrOverlapAndSpeaker() throws {
        let e = entry("000")
        let perfect = PerfectPrediction(e)
        var quote = try #require(perfect.quotes.first)
        quote.text.removeLast()  // "We’ve made a lot of progress," without the comma
        quote.end -= 1
        let trimmed = GoldScorer().score(perfect.document(quotes: [quote]), against: e.gold)
        #expect(trimmed[.quotes] == TaskCounts(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        quote.speaker = "Somebody Else"
        let wrongSpeaker = GoldScorer().score(perfect.document(quotes: [quote]), against: e.gold)
        #expect(wrongSpeaker[.quotes] == TaskCounts(truePositives: 0, falsePositives: 1, falseNegatives: 1))
        let none = GoldScorer().score(perfect.document(quotes: []), against: e.gold)
        #expect(none[.quotes].recall == 0 && none[.quotes].precision == 1)
    }

    @Test func keptBoilerplateAndRemovedArticleLinesAreCounted() {
        let e = entry("003")
        let perfect = PerfectPrediction(e)
        let kept = GoldScorer().score(perfect.document(removed: []), against: e.gold)
        #expect(kept[.boilerplate] == TaskCounts(truePositives: 0, falsePositives: 0, falseNegatives: 35))
        // Removing line 1 (article text) too: one false positive, and its mentions are lost.
        let lineOne = RemovedSpan(start: 0, end: perfect.lineStarts[1], reason: .other)
        let overRemoved = GoldScorer().score(perfect.document(removed: [lineOne] + perfect.removed), against: e.gold)
        #expect(overRemoved[.boilerplate] == TaskCounts(truePositives: 35, falsePositives: 1, falseNegatives: 0))
        let lineOneMentions = e.gold.entities.flatMap(\.occurrences).filter { $0.line == 1 }.count
        #expect(lineOneMentions > 0)
        #expect(overRemoved[.mentions].falseNegatives >= lineOneMentions)
    }

    @Test func keptFragmentIsAFalseNegative() {
        let e = entry("002")
        let perfect = PerfectPrediction(e)
        let linesOnly = perfect.removed.filter { $0.reason != .agencyCredit }
        let score = GoldScorer().score(perfect.document(removed: linesOnly), against: e.gold)
        #expect(score[.boilerplate] == TaskCounts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    }

    @Test func reportSumsDocuments() {
        let a = DocumentScore(name: "a", counts: [.values: TaskCounts(truePositives: 3, falsePositives: 1, falseNegatives: 0)])
        let b = DocumentScore(name: "bb", counts: [.values: TaskCounts(truePositives: 1, falsePositives: 0, falseNegatives: 4),
                                                   .events: TaskCounts(truePositives: 1, falsePositives: 1, falseNegatives: 0, optionalMatches: 2)])
        let report = EvaluationReport(documents: [a, b], elapsedSeconds: 0.5)
        #expect(report.total(.values) == TaskCounts(truePositives: 4, falsePositives: 1, falseNegatives: 4))
        #expect(report.total(.values).precision == 0.8)
        #expect(report.total(.values).recall == 0.5)
        #expect(report.total(.events).precision == 0.75)
        #expect(report.total(.events).recall == 1)
        let json = report.jsonValue()
        #expect(json["tasks"]?["values"]?["tp"] == .int(4))
        #expect(json["documents"]?.arrayValue?.count == 2)
        #expect(json["documents_per_second"] == .double(4))
    }

    @Test func coActorIsAcceptedAsSource() throws {
        let e = entry("001")
        let perfect = PerfectPrediction(e)
        let gold = try #require(e.gold.events.first { $0.core && !$0.sourceAdditional.isEmpty })
        let coActor = gold.sourceAdditional[0]
        #expect(!e.gold.events.contains { $0.source == coActor && $0.cameoRoot == gold.cameoRoot && $0.target == gold.target })
        let event = makeEvent(code: gold.cameoCode, source: coActor, target: gold.target)
        #expect(GoldScorer().score(perfect.document(events: [event]), against: e.gold)[.events].truePositives == 1)
    }

    @Test func actorNamesNormalise() {
        #expect(ActorName("U.S.") == ActorName("US"))
        #expect(ActorName("Washington, D.C.") == ActorName("washington dc"))
        #expect(ActorName("The New York Times") == ActorName("New York Times"))
        #expect(ActorName("Xi Jinping") != ActorName("XiJinpin"))
    }
}

@Suite struct CorpusEvaluatorTests {
    @Test func perfectExtractionScoresOneOverTheCorpusAndFailuresScoreZero() {
        let byPath = Dictionary(uniqueKeysWithValues: corpus.entries.map { ($0.sourcePath, PerfectPrediction($0)) })
        let report = CorpusEvaluator().evaluate(corpus) { input throws(PipelineError) in
            byPath[input.source.path]!.document()
        }
        #expect(report.documents.count == corpus.entries.count)
        for task in EvaluationTask.allCases { #expect(report.total(task).f1 == 1, "\(task)") }
        #expect(report.total(.values).truePositives == corpus.entries.reduce(0) { $0 + $1.gold.values.count })
        #expect(report.elapsedSeconds != nil)

        let failing = CorpusEvaluator().evaluate(corpus) { input throws(PipelineError) in
            throw PipelineError(.malformed, stage: .decode, "broken")
        }
        for task in [EvaluationTask.entities, .mentions, .values, .events, .quotes] {
            #expect(failing.total(task).recall == 0, "\(task)")
        }
        #expect(failing.documents[0].misses.first?.detail.contains("broken") == true)
    }
}
