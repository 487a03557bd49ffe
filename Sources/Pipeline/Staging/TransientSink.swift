/// A sink that stores nothing: every document comes back in its outcome, for callers
/// that print records instead of keeping them (`gleaner extract`).
public struct TransientSink: DocumentSink {
    public init() {}

    public func write(_ batch: [PipelineItem]) throws(PipelineError) -> [PipelineOutcome] {
        batch.map { item in
            switch item {
            case .document(let doc):
                return PipelineOutcome(sequence: item.sequence, source: doc.source, sha256: doc.sha256,
                                       disposition: .stored(documentID: 0), document: doc)
            case .failure(let failed):
                return PipelineOutcome(sequence: failed.sequence, source: failed.source, sha256: failed.sha256,
                                       disposition: .failed(failed.error))
            }
        }
    }
}
