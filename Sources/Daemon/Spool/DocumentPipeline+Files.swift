import Pipeline
import ServiceCore

extension DocumentPipeline {
    /// Reads `path` (safely: see `ArticleFile`) and submits it, its modification time in
    /// `source.modified` (what a document that states no date is dated by); a file that cannot be read
    /// is submitted as a failure, so it still gets an outcome and a ledger row; so are
    /// bytes that are not text (see `TextPlausibility`).
    func submitFile(at path: String, as source: ArticleSource, sequence: Int, maximumBytes: Int) {
        switch ArticleFile.read(path, maximumBytes: maximumBytes) {
        case .success(let contents):
            let bytes = contents.bytes
            var source = source
            source.modified = contents.modified
            if let reason = TextPlausibility.refusal(for: bytes) {
                submitFailure(FailedArticle(source: source, sequence: sequence, sha256: SHA256.hexDigest(of: bytes), byteCount: bytes.count,
                                            error: PipelineError(.binary, stage: .intake, reason)))
                return
            }
            submit(ArticleInput(source: source, bytes: bytes, sequence: sequence))
        case .failure(let refusal):
            submitFailure(FailedArticle(source: source, sequence: sequence, sha256: nil, byteCount: 0,
                                        error: PipelineError(refusal.kind, stage: .intake, refusal.message)))
        }
    }
}
