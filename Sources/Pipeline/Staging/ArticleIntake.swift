/// The intake stage: admits an input to the pipeline, refusing at once what no later
/// stage could use (nothing at all, or more bytes than the limit).
public struct ArticleIntake: DocumentStage {
    public static let stage = StageName.intake

    public var maximumBytes: Int

    public init(maximumBytes: Int = 20 * 1024 * 1024) {
        self.maximumBytes = maximumBytes
    }

    public func process(_ input: ArticleInput) throws(PipelineError) -> ArticleInput {
        if input.bytes.isEmpty {
            throw PipelineError(.empty, stage: .intake, "file is empty (0 bytes); nothing to extract")
        }
        if input.bytes.count > maximumBytes {
            throw PipelineError(.tooLarge, stage: .intake,
                                "file is \(input.bytes.count) bytes, over the limit of \(maximumBytes) bytes; split it or raise the size limit")
        }
        return input
    }
}
