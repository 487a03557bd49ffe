/// The analyze stage: sentences, named entities and typed values of the clean text.
public struct TextAnalyzer: DocumentStage {
    public static let stage = StageName.analyze

    public init() {}

    public func process(_ input: CleanDocument) throws(PipelineError) -> AnalyzedDocument {
        AnalyzedDocument(clean: input, sentences: [], entities: [], values: [])
    }
}
