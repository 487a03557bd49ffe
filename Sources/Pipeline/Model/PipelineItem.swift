/// What reaches the sink for every input: the finished document, or why it failed.
///
/// Failures travel to the sink too, so the one writer records every file in the
/// ledger in the same transaction as the documents around it.
public enum PipelineItem: Sendable {
    case document(ExtractedDocument)
    case failure(FailedArticle)

    public var sequence: Int {
        switch self {
        case .document(let doc): return doc.analyzed.clean.decoded.sequence
        case .failure(let failed): return failed.sequence
        }
    }

    public var source: ArticleSource {
        switch self {
        case .document(let doc): return doc.source
        case .failure(let failed): return failed.source
        }
    }
}

/// An input the pipeline could not turn into a document.
public struct FailedArticle: Sendable {
    public var source: ArticleSource
    public var sequence: Int
    /// The content hash, when the bytes could be read.
    public var sha256: String?
    public var byteCount: Int
    public var error: PipelineError

    public init(source: ArticleSource, sequence: Int, sha256: String?, byteCount: Int, error: PipelineError) {
        self.source = source
        self.sequence = sequence
        self.sha256 = sha256
        self.byteCount = byteCount
        self.error = error
    }
}

/// What became of one input once the sink has committed it.
public struct PipelineOutcome: Sendable {
    public enum Disposition: Sendable, Equatable {
        /// A new document row.
        case stored(documentID: Int64)
        /// The same content was already stored; only the files ledger gained a row.
        case duplicate(documentID: Int64)
        case failed(PipelineError)
    }

    public var sequence: Int
    public var source: ArticleSource
    public var sha256: String?
    public var disposition: Disposition
    /// The finished document, when there is one (sinks that print need it).
    public var document: ExtractedDocument?

    public init(sequence: Int, source: ArticleSource, sha256: String?, disposition: Disposition,
                document: ExtractedDocument? = nil) {
        self.sequence = sequence
        self.source = source
        self.sha256 = sha256
        self.disposition = disposition
        self.document = document
    }
}

/// The end of the pipeline: one serial writer that commits many items at once.
///
/// `write` is only ever called from the pipeline's store queue, one batch at a time.
/// It returns one outcome per item, in the batch's order, after the batch is durable.
/// Throwing means nothing of the batch was committed; the pipeline retries it.
public protocol DocumentSink: Sendable {
    func write(_ batch: [PipelineItem]) throws(PipelineError) -> [PipelineOutcome]
}
