import Foundation
@testable import Pipeline
import TestSupport

/// Scores the analyzer on one seed against its gold file (corpus/gold/README.md sections 2-3).
struct SeedScore {
    var entityTP = 0, entityFP = 0, entityFN = 0
    var mentionTP = 0, mentionFP = 0, mentionFN = 0
    var valueTP = 0, valueFP = 0, valueFN = 0
    var misses: [String] = []

    static func f1(_ tp: Int, _ fp: Int, _ fn: Int) -> Double {
        tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
    }
    var entityF1: Double { Self.f1(entityTP, entityFP, entityFN) }
    var mentionF1: Double { Self.f1(mentionTP, mentionFP, mentionFN) }
    var valueF1: Double { Self.f1(valueTP, valueFP, valueFN) }

    static func += (a: inout SeedScore, b: SeedScore) {
        a.entityTP += b.entityTP; a.entityFP += b.entityFP; a.entityFN += b.entityFN
        a.mentionTP += b.mentionTP; a.mentionFP += b.mentionFP; a.mentionFN += b.mentionFN
        a.valueTP += b.valueTP; a.valueFP += b.valueFP; a.valueFN += b.valueFN
        a.misses += b.misses
    }

    static var corpus: URL { PackageRoot.corpus }

    static var seedNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Canonical names compared on letters and digits only ("Washington, D.C." = "Washington D.C.").
    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func score(seed: String, entities: EntityDecision) throws -> SeedScore {
        let raw = try String(contentsOf: corpus.appendingPathComponent(seed + ".txt"), encoding: .utf8)
        let goldData = try Data(contentsOf: corpus.appendingPathComponent("gold/" + seed + ".json"))
        let gold = try GoldAnnotation.decode([UInt8](goldData))
        let scalars = Array(raw.unicodeScalars)
        var lineStarts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { lineStarts.append(i + 1) }
        func offset(line: Int, start: Int) -> Int { lineStarts[line - 1] + start }

        // The article text: cut at the first boilerplate line or fragment.
        var cut = scalars.count
        for line in gold.boilerplateLines { cut = min(cut, lineStarts[line - 1]) }
        for fragment in gold.boilerplateFragments { cut = min(cut, offset(line: fragment.line, start: fragment.start)) }
        let text = ScalarText(scalars: Array(scalars[0..<cut])).string
        let decoded = DecodedDocument(sha256: seed, source: ArticleSource(path: seed + ".txt"), format: .text, text: text)
        let analyzed = try TextAnalyzer(entities: entities).process(CleanDocument(decoded: decoded, text: text, removed: []))

        var score = SeedScore()
        // Entities by canonical name and type.
        let goldEntities = Set(gold.entities.map { key($0.canonical) + "|" + $0.type })
        let ours = Set(analyzed.entities.map { key($0.name) + "|" + $0.type.rawValue })
        score.entityTP = goldEntities.intersection(ours).count
        score.entityFP = ours.subtracting(goldEntities).count
        score.entityFN = goldEntities.subtracting(ours).count
        for miss in goldEntities.subtracting(ours) { score.misses.append("\(seed) entity FN \(miss)") }
        for extra in ours.subtracting(goldEntities) { score.misses.append("\(seed) entity FP \(extra)") }

        // Mentions by span and type.
        var goldMentions = Set<String>()
        for entity in gold.entities {
            for occurrence in entity.occurrences {
                let start = offset(line: occurrence.line, start: occurrence.start)
                goldMentions.insert("\(start)|\(occurrence.text)|\(entity.type)")
            }
        }
        var ourMentions = Set<String>()
        for entity in analyzed.entities {
            for mention in entity.mentions { ourMentions.insert("\(mention.start)|\(mention.text)|\(entity.type.rawValue)") }
        }
        score.mentionTP = goldMentions.intersection(ourMentions).count
        score.mentionFP = ourMentions.subtracting(goldMentions).count
        score.mentionFN = goldMentions.subtracting(ourMentions).count
        for miss in goldMentions.subtracting(ourMentions).sorted() { score.misses.append("\(seed) mention FN \(miss)") }
        for extra in ourMentions.subtracting(goldMentions).sorted() { score.misses.append("\(seed) mention FP \(extra)") }

        // Values by span (minimal or with modifier) and type.
        var goldValues: [(Set<String>, String)] = []
        for value in gold.values {
            let start = offset(line: value.line, start: value.start), text = value.text, type = value.type
            var spans: Set<String> = ["\(start)|\(text)|\(type)"]
            if let longer = value.textWithModifier {
                let extra = longer.unicodeScalars.count - text.unicodeScalars.count
                if longer.hasSuffix(text) { spans.insert("\(start - extra)|\(longer)|\(type)") }
                if longer.hasPrefix(text) { spans.insert("\(start)|\(longer)|\(type)") }
            }
            goldValues.append((spans, "\(start)|\(text)|\(type)"))
        }
        var matched = Set<Int>()
        for value in analyzed.values {
            let key = "\(value.start)|\(value.text)|\(value.type.rawValue)"
            if let g = goldValues.indices.first(where: { !matched.contains($0) && goldValues[$0].0.contains(key) }) {
                matched.insert(g); score.valueTP += 1
            } else {
                score.valueFP += 1; score.misses.append("\(seed) value FP \(key) \(value.normalized.serialized())")
            }
        }
        for g in goldValues.indices where !matched.contains(g) {
            score.valueFN += 1; score.misses.append("\(seed) value FN \(goldValues[g].1)")
        }
        return score
    }
}

import Testing

@Suite("TextAnalyzer on the seeds")
struct TextAnalyzerSeedTests {
    /// Per-seed floors for each entity decision: what this version reaches, rounded down.
    /// `model` (the default) loses the seeds' convention cases that `rules` was written for
    /// ("White House" as an organisation; `docs/quality.md`).
    @Test(arguments: [(EntityDecision.rules, 0.84, 0.98), (.model, 0.82, 0.95)])
    func scoresOnSeeds(decision: EntityDecision, entityFloor: Double, mentionFloor: Double) throws {
        var total = SeedScore()
        for seed in SeedScore.seedNames {
            let score = try SeedScore.score(seed: seed, entities: decision)
            print("\(decision) \(seed): entities F1 \(score.entityF1), mentions F1 \(score.mentionF1), values F1 \(score.valueF1)")
            #expect(score.entityF1 >= entityFloor, "\(decision) \(seed)")
            #expect(score.mentionF1 >= mentionFloor, "\(decision) \(seed)")
            #expect(score.valueF1 >= 0.97, "\(decision) \(seed)")
            total += score
        }
        if ProcessInfo.processInfo.environment["GLEANER_SHOW_MISSES"] != nil {
            for miss in total.misses { print(miss) }
        }
        print("ALL \(decision): entities F1 \(total.entityF1), mentions F1 \(total.mentionF1), values F1 \(total.valueF1)")
        #expect(SeedScore.seedNames.count == 5)
    }
}

@Suite("TextAnalyzer floors and units")
struct TextAnalyzerTests {
    func analyze(entities: EntityDecision = .standard, _ text: String, published: String? = nil) throws -> AnalyzedDocument {
        let decoded = DecodedDocument(sha256: "x", source: ArticleSource(path: "x.txt"), format: .text, text: text,
                                      metadata: DocumentMetadata(published: published))
        return try TextAnalyzer(entities: entities).process(CleanDocument(decoded: decoded, text: text, removed: []))
    }

    /// Overall floors for each entity decision. Reached: `rules` entities 0.897, mentions
    /// 0.996, values 0.993; `model` entities 0.871, mentions 0.977, values 0.993.
    @Test(arguments: [(EntityDecision.rules, 0.89, 0.99), (.model, 0.87, 0.97)])
    func seedFloors(decision: EntityDecision, entityFloor: Double, mentionFloor: Double) throws {
        var total = SeedScore()
        for seed in SeedScore.seedNames { total += try SeedScore.score(seed: seed, entities: decision) }
        #expect(total.entityF1 >= entityFloor)
        #expect(total.mentionF1 >= mentionFloor)
        #expect(total.valueF1 >= 0.99)
    }

    @Test func tokenizerKeepsAbbreviationsAndSplitsPossessives() {
        let text = "Mr. Smith met U.S. officials in China’s capital and Beijing's envoy paid US$300 billion."
        let tokens = Tokenizer().tokenize(Array(text.unicodeScalars)).map(\.text)
        #expect(tokens.contains("Mr."))
        #expect(tokens.contains("U.S."))
        #expect(tokens.contains("China"))
        #expect(tokens.contains("’s"))
        #expect(tokens.contains("'s"))
        #expect(tokens.contains("US$"))
        #expect(tokens.contains("300"))
    }

    @Test func sentencesSplitOnMarksAndLineBreaksNotAbbreviations() throws {
        let doc = try analyze("Mr. Smith met U.S. officials. They agreed.\u{00A0} Talks resume\nNext line here")
        #expect(doc.sentences.count == 4)
        let text = ScalarText(doc.clean.text)
        #expect(text.slice(doc.sentences[0].start, doc.sentences[0].end) == "Mr. Smith met U.S. officials.")
        #expect(text.slice(doc.sentences[2].start, doc.sentences[2].end) == "Talks resume")
    }

    @Test func titlesAreRolesAndSurnamesResolve() throws {
        let doc = try analyze("US Treasury Secretary Janet Yellen met Chinese Vice-Premier He Lifeng. Yellen said Beijing has agreed.")
        let person = try #require(doc.entities.first { $0.name == "Janet Yellen" })
        #expect(person.type == .person)
        #expect(person.role == "US Treasury Secretary")
        #expect(person.mentions.map(\.text) == ["Janet Yellen", "Yellen"])
        let us = try #require(doc.entities.first { $0.name == "United States" })
        #expect(us.mentions.map(\.text) == ["US"])
        let china = try #require(doc.entities.first { $0.name == "China" })
        #expect(china.mentions.map(\.text) == ["Chinese"])
        let beijing = try #require(doc.entities.first { $0.name == "Beijing" })
        #expect(beijing.mentions.first?.metonymFor == "China")
    }

    @Test func aDemonymIsANationalityMentionOfItsCountry() throws {
        for decision in EntityDecision.allCases {
            let text = "Chinese officials met the Americans. China and the United States agreed."
            let decoded = DecodedDocument(sha256: "x", source: ArticleSource(path: "x.txt"), format: .text, text: text)
            let doc = try TextAnalyzer(entities: decision).process(CleanDocument(decoded: decoded, text: text, removed: []))
            let china = try #require(doc.entities.first { $0.name == "China" }, "\(decision)")
            #expect(china.type == .location)
            #expect(china.mentions.map(\.text) == ["Chinese", "China"], "\(decision)")
            #expect(china.mentions.map(\.type) == [.norp, nil], "\(decision)")
            let us = try #require(doc.entities.first { $0.name == "United States" }, "\(decision)")
            #expect(us.mentions.first { $0.text == "Americans" }?.type == .norp, "\(decision)")
            #expect(!doc.entities.contains { $0.type == .norp }, "\(decision)")
        }
    }

    @Test func capitalAfterLocativeIsLiteral() throws {
        let doc = try analyze("The envoy arrived in Beijing on Monday.")
        let beijing = try #require(doc.entities.first { $0.name == "Beijing" })
        #expect(beijing.mentions.first?.metonymFor == nil)
    }

    /// Under `rules`: the tagger does not tag the acronym in "A WTO spokesman", so under
    /// `model` the organisation has two mentions, not three.
    @Test func organisationsBySuffixAndAcronym() throws {
        let doc = try analyze(entities: .rules, "He spoke at the Brookings Institution and told The Wall Street Journal that the World Trade Organization (WTO) is weak. A WTO spokesman agreed.")
        #expect(doc.entities.contains { $0.name == "Brookings Institution" && $0.type == .organization })
        #expect(doc.entities.contains { $0.name == "The Wall Street Journal" && $0.type == .organization })
        let wto = try #require(doc.entities.first { $0.name == "World Trade Organization" })
        #expect(wto.mentions.map(\.text) == ["World Trade Organization", "WTO", "WTO"])
    }

    @Test func moneyAndPercentValues() throws {
        let doc = try analyze("They spent more than $50 billion, S$408 billion and ₹900, a 25 percent rise and 3% more, costing billions of dollars.")
        let byText = Dictionary(doc.values.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["$50 billion"]?.normalized["amount"] == .int(50_000_000_000))
        #expect(byText["$50 billion"]?.normalized["currency"] == .string("USD"))
        #expect(byText["$50 billion"]?.normalized["modifier"] == .string("more than"))
        #expect(byText["S$408 billion"]?.normalized["currency"] == .string("SGD"))
        #expect(byText["₹900"]?.normalized["currency"] == .string("INR"))
        #expect(byText["25 percent"]?.normalized["value"] == .int(25))
        #expect(byText["3%"]?.type == .percent)
        #expect(byText["billions of dollars"]?.normalized["amount"] == .null)
    }

    @Test func datesNormaliseStrictlyAndResolve() throws {
        let doc = try analyze("Talks on May 8 followed a two-month pause in June 2018, last month and early April; they met Wednesday and for months.",
                              published: "2019-05-01")
        let byText = Dictionary(doc.values.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["May 8"]?.normalized["value"] == .string("XXXX-05-08"))
        #expect(byText["May 8"]?.normalized["resolved"] == .string("2019-05-08"))
        #expect(byText["two-month"]?.normalized["value"] == .string("P2M"))
        #expect(byText["June 2018"]?.normalized["value"] == .string("2018-06"))
        #expect(byText["last month"]?.normalized["resolved"] == .string("2019-04"))
        #expect(byText["early April"]?.normalized["modifier"] == .string("EARLY"))
        #expect(byText["Wednesday"]?.normalized["value"] == .string("WEEKDAY:Wednesday"))
        #expect(byText["Wednesday"]?.normalized["resolved"] == .string("2019-05-01"))
        #expect(byText["months"]?.normalized["value"] == .string("PXM"))
    }

    @Test func quantitiesSkipFixedPairs() throws {
        let doc = try analyze("Three sources said the two sides met twice in the fourth round.")
        #expect(doc.values.map(\.text) == ["Three", "twice", "fourth"])
    }
}
