/// One step of the pipeline: a pure transformation of one document.
///
/// A stage holds no per-document state and may be called from several threads at once;
/// the staging machinery decides on which queue and how many at a time.
public protocol DocumentStage: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable

    static var stage: StageName { get }

    /// Transforms one document, or throws a `PipelineError` saying why it cannot.
    func process(_ input: Input) throws(PipelineError) -> Output
}
