/// Scores coded events against `EventsDevSet` sentence by sentence, at four levels and for
/// presence.
///
/// Promises: an event the pipeline found counts for the annotated sentence of its document
/// whose text holds its trigger and its sentence (or is held by it); per sentence, gold and
/// found events are compared as sets at each level:
/// - `exact`: (source code, target code, event code);
/// - `rootWithActors`: (source code, target code, root);
/// - `countryDyads`: (source country, target country) — a code's country part, else its
///   first three letters (`IGO`, `---`);
/// - `root`: the root alone.
/// `presence` counts sentences where "holds an event" is the same for gold and pipeline.
public struct EventsDevScorer: Sendable {
    public struct Report: Sendable {
        public var exact = TaskCounts()
        public var rootWithActors = TaskCounts()
        public var countryDyads = TaskCounts()
        public var root = TaskCounts()
        public var sentences = 0
        public var presenceAgreements = 0
        public var goldEvents = 0
        public var foundEvents = 0
        /// Per sentence with a difference: "doc:sentence gold [...] found [...]".
        public var differences: [String] = []

        public var presenceAccuracy: Double { sentences == 0 ? 0 : Double(presenceAgreements) / Double(sentences) }
    }

    public init() {}

    /// `found[k]` are the events the pipeline coded in `articles[k]`'s document.
    public func score(_ set: EventsDevSet, articles: [EventsDevSet.Article], found: [[Event]]) -> Report {
        var report = Report()
        var byDocument: [String: (EventsDevSet.Article, [Event])] = [:]
        for (article, events) in zip(articles, found) { byDocument["\(article.file)\t\(article.document)"] = (article, events) }
        for sentence in set.sentences {
            report.sentences += 1
            let gold = Set(sentence.events)
            var coded: Set<EventsDevSet.Triple> = []
            if let (article, events) = byDocument["\(sentence.file)\t\(sentence.document)"],
               let text = article.sentenceText[sentence.sentence] {
                for e in events where (text.contains(e.sentence) || e.sentence.contains(text)) && text.contains(e.trigger) {
                    coded.insert(EventsDevSet.Triple(source: e.sourceActor?.code ?? "", target: e.targetActor?.code ?? "", code: e.code))
                }
            }
            if gold != coded {
                func list(_ s: Set<EventsDevSet.Triple>) -> String {
                    s.map { "\($0.source) \($0.target) \($0.code)" }.sorted().joined(separator: "; ")
                }
                report.differences.append("\(sentence.document):\(sentence.sentence)  gold [\(list(gold))]  found [\(list(coded))]")
            }
            report.goldEvents += gold.count
            report.foundEvents += coded.count
            if gold.isEmpty == coded.isEmpty { report.presenceAgreements += 1 }
            Self.add(&report.exact, gold, coded) { $0 }
            Self.add(&report.rootWithActors, gold, coded) { "\($0.source)|\($0.target)|\($0.code.prefix(2))" }
            Self.add(&report.countryDyads, gold, coded) { "\(Self.country($0.source))|\(Self.country($0.target))" }
            Self.add(&report.root, gold, coded) { String($0.code.prefix(2)) }
        }
        return report
    }

    private static func add<K: Hashable>(_ counts: inout TaskCounts, _ gold: Set<EventsDevSet.Triple>,
                                         _ found: Set<EventsDevSet.Triple>, key: (EventsDevSet.Triple) -> K) {
        let g = Set(gold.map(key)), f = Set(found.map(key))
        counts.truePositives += g.intersection(f).count
        counts.falseNegatives += g.subtracting(f).count
        counts.falsePositives += f.subtracting(g).count
    }

    private static func country(_ code: String) -> String {
        ActorDictionary.standard.parts(of: code).country ?? String(code.prefix(3))
    }
}
