import Pipeline

extension DocumentPipeline {
    /// Reads `path` (safely: see `ArticleFile`) and submits it; a file that cannot be read
    /// is submitted as a failure, so it still gets an outcome and a ledger row.
    func submitFile(at path: String, as source: ArticleSource, sequence: Int, maximumBytes: Int) {
        switch ArticleFile.read(path, maximumBytes: maximumBytes) {
        case .success(let bytes):
            submit(ArticleInput(source: source, bytes: bytes, sequence: sequence))
        case .failure(let refusal):
            submitFailure(FailedArticle(source: source, sequence: sequence, sha256: nil, byteCount: 0,
                                        error: PipelineError(refusal.kind, stage: .intake, refusal.message)))
        }
    }
}
