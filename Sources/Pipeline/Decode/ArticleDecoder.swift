/// The decode stage: bytes in, Unicode text, format and metadata out.
///
/// Refuses what cannot be an article (empty input, binary data, input over the size
/// limit) with a `PipelineError` a person can act on; never crashes on bad bytes.
public struct ArticleDecoder: DocumentStage {
    public static let stage = StageName.decode

    /// Inputs larger than this are refused as `tooLarge`.
    public var maximumBytes: Int

    public init(maximumBytes: Int = 20 * 1024 * 1024) {
        self.maximumBytes = maximumBytes
    }

    public func process(_ input: ArticleInput) throws(PipelineError) -> DecodedDocument {
        let bytes = input.bytes
        guard bytes.count <= maximumBytes else {
            throw PipelineError(.tooLarge, stage: .decode,
                                "file is \(bytes.count) bytes, over the limit of \(maximumBytes) bytes; split it or raise max_file_bytes")
        }
        let sha = SHA256.hexDigest(of: bytes)
        guard !bytes.isEmpty else {
            throw PipelineError(.empty, stage: .decode, "file is empty (0 bytes); nothing to extract")
        }
        let decoded = TextDecoding.decode(bytes)
        if decoded.looksBinary {
            throw PipelineError(.binary, stage: .decode,
                                "file looks like binary data (\(decoded.controlCharacterShare)% control characters), not an article in text, HTML or JSON")
        }
        let format = input.source.formatHint ?? FormatSniffer.sniff(decoded.text)
        var text = decoded.text
        var metadata = DocumentMetadata()
        if format == .json {
            let article = try JSONArticleReader.read(text)
            text = article.text
            metadata = article.metadata
        } else if format == .html {
            let page = try HTMLBlockRenderer.read(text)
            text = page.text
            metadata = page.metadata
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw PipelineError(.noText, stage: .decode, "file has no text, only whitespace")
        }
        return DecodedDocument(sha256: sha, source: input.source, format: format, text: text,
                               metadata: metadata, warnings: decoded.warnings, sequence: input.sequence,
                               byteCount: bytes.count)
    }
}
