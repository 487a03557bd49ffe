/// The analyze stage: sentences, named entities and typed values of the clean text.
///
/// Tokens and sentences from `Tokenizer`/`SentenceSplitter`; names from the rule- and
/// gazetteer-based `EntityRecognizer`, completed by the statistical `NERTagger` where the rules
/// miss (`TaggerProposals`), grouped by `EntityResolver`; values from `ValueRecognizer`.
/// Promises: every offset indexes `CleanDocument.text` in Unicode scalars; every mention's
/// `sentence` indexes `sentences`; values never overlap a name's words ("G-20").
public struct TextAnalyzer: DocumentStage {
    public static let stage = StageName.analyze

    private let tokenizer = Tokenizer()
    private let splitter = SentenceSplitter()
    private let recognizer: EntityRecognizer
    private let resolver: EntityResolver
    private let valueRecognizer: ValueRecognizer
    private let proposals: TaggerProposals?
    private let decision: ModelDecision?

    /// `tagger` adds the statistical tagger's names where the rules miss them; by default the
    /// model embedded in the binary, when there is one. `entities` says who decides names and
    /// their types (`EntityDecision`).
    public init(tagger: NERTagger? = NERTagger.embedded, entities: EntityDecision = .standard) {
        let gazetteer = Gazetteer.shared
        proposals = entities == .rules ? tagger.map(TaggerProposals.init(tagger:)) : nil
        decision = entities == .model ? tagger.map { ModelDecision(tagger: $0, gazetteer: gazetteer) } : nil
        recognizer = EntityRecognizer(gazetteer: gazetteer)
        resolver = EntityResolver(gazetteer: gazetteer)
        valueRecognizer = ValueRecognizer(gazetteer: gazetteer)
    }

    public func process(_ input: CleanDocument) throws(PipelineError) -> AnalyzedDocument {
        let scalars = Tokenizer.scalars(of: input.text)
        let tokens = tokenizer.tokenize(scalars)
        let vocabulary = DocumentVocabulary(tokens: tokens, scalars: scalars)
        let sentenceTokens = splitter.split(tokens)
        let sentences = sentenceTokens.map { SentenceSpan(start: tokens[$0.lowerBound].start, end: tokens[$0.upperBound - 1].end) }

        var candidates = recognizer.recognize(tokens: tokens, sentences: sentenceTokens, scalars: scalars)
        if let decision {
            candidates = decision.merge(candidates, tokens: tokens, sentences: sentenceTokens, scalars: scalars,
                                        vocabulary: vocabulary)
        } else if let proposals {
            candidates = proposals.merge(candidates, tokens: tokens, sentences: sentenceTokens, scalars: scalars,
                                         vocabulary: vocabulary)
        }
        let entities = resolver.resolve(candidates, tokens: tokens, sentences: sentenceTokens)

        // Numbers inside names ("Group of 20 Summit", "G-20") are not values.
        var blocked = [Bool](repeating: false, count: tokens.count)
        for candidate in candidates where candidate.tokens.count > 1 {
            if case .place = candidate.evidence { continue }
            for k in candidate.tokens { blocked[k] = true }
        }
        for (k, token) in tokens.enumerated() where token.kind == .word && token.isCapitalized && token.hasHyphen
            && token.text.unicodeScalars.contains(where: { $0.properties.numericType != nil }) {
            blocked[k] = true
        }
        let published = input.decoded.referenceDate.flatMap(CalendarDate.init(iso:))
        let values = valueRecognizer.recognize(tokens: tokens, sentences: sentenceTokens, blocked: blocked,
                                               published: published, scalars: scalars, vocabulary: vocabulary)
        return AnalyzedDocument(clean: input, sentences: sentences, entities: entities, values: values)
    }
}

/// Who decides which words are names and of what type.
public enum EntityDecision: String, Sendable, CaseIterable {
    /// The rules and gazetteers find names; the tagger fills in where they are unsure
    /// (`TaggerProposals`). Kept for comparison and for deployments that depend on its output.
    case rules
    /// The tagger decides every name and its type, with gazetteer and rule cues as its
    /// features; the rules add only what the development set shows they add (`ModelDecision`).
    /// Types `NORP` and `MISC` come only from this mode. The default: it meets issue 12's
    /// development targets on eng.testa and the seed corpus's gold floors.
    case model

    /// The decision used when none is chosen: the analyzer's, the daemon's `entities` key's
    /// and the commands' default.
    public static let standard = EntityDecision.model
}
