/// The events stage: CAMEO-coded events and attributed quotes.
public struct EventExtractor: DocumentStage {
    public static let stage = StageName.events

    public init() {}

    public func process(_ input: AnalyzedDocument) throws(PipelineError) -> ExtractedDocument {
        ExtractedDocument(analyzed: input, events: [], quotes: [])
    }
}
