/// The decode stage: bytes in, Unicode text, format and metadata out.
///
/// Understands plain text, HTML, Markdown and JSON, each also gzip-compressed; the format
/// comes from the caller's hint (the extension, `.gz` looked through: `a.html.gz` is HTML)
/// or, when there is none, is sniffed from the content. HTML and Markdown are rendered to
/// text here, so the decoded text is what a reader sees and `removed` offsets index it.
/// Refuses what cannot be an article (empty input, binary data, input over the size
/// limit, text over `maximumTextScalars`) with a `PipelineError` a person can act on;
/// never crashes on bad bytes.
/// Every document leaves with `published` in ISO 8601 or `nil`, and `language` settled by
/// `DocumentLanguage` (declared or detected).
public struct ArticleDecoder: DocumentStage {
    public static let stage = StageName.decode

    /// Inputs larger than this (before or after inflating) are refused as `tooLarge`.
    public var maximumBytes: Int

    /// The most scalars of text a document may hold: a long book's worth, ten times the
    /// longest article in the seeds, development sets and Readability pages. Every later
    /// stage keeps memory in proportion to the text (tokens, candidates, sentences), so
    /// this, not the file's size, bounds what one document costs (`docs/benchmark.md`,
    /// memory per document). An HTML page is refused while it is parsed, once its
    /// rendered text passes the limit.
    public static let maximumTextScalars = 2_000_000

    /// Documents whose text has more scalars than this are refused as `tooLarge`.
    public var maximumTextScalars: Int

    public init(maximumBytes: Int = 20 * 1024 * 1024, maximumTextScalars: Int = Self.maximumTextScalars) {
        self.maximumBytes = maximumBytes
        self.maximumTextScalars = maximumTextScalars
    }

    public func process(_ input: ArticleInput) throws(PipelineError) -> DecodedDocument {
        var bytes = input.bytes
        guard bytes.count <= maximumBytes else {
            throw PipelineError(.tooLarge, stage: .decode,
                                "file is \(bytes.count) bytes, over the limit of \(maximumBytes) bytes; split it or raise max_file_bytes")
        }
        let sha = SHA256.hexDigest(of: bytes)
        guard !bytes.isEmpty else {
            throw PipelineError(.empty, stage: .decode, "file is empty (0 bytes); nothing to extract")
        }
        var warnings: [String] = []
        var hint = input.source.formatHint
        if GzipInflater.isGzip(bytes) {
            let inflated = try GzipInflater.inflate(bytes, limit: maximumBytes)
            if !inflated.complete { warnings.append("gzip data is truncated; decoded what could be inflated") }
            bytes = inflated.bytes
            hint = hint ?? Self.innerFormat(of: input.source.path)
            guard !bytes.isEmpty else {
                throw PipelineError(.empty, stage: .decode, "gzip file inflates to nothing; nothing to extract")
            }
        }
        let decoded = TextDecoding.decode(bytes)
        warnings += decoded.warnings
        if decoded.looksBinary {
            throw PipelineError(.binary, stage: .decode,
                                "file looks like binary data (\(decoded.controlCharacterShare)% control characters), not an article in text, HTML, Markdown or JSON")
        }
        let sniffed = FormatSniffer.sniff(decoded.text)
        // A hint that the content plainly contradicts (HTML saved as .txt, JSON as .html)
        // loses to the content; Markdown and text look alike, so there the hint stands.
        var format = hint ?? sniffed
        if let hint, hint != sniffed, sniffed == .html || sniffed == .json { format = sniffed }
        var text = decoded.text
        var metadata = DocumentMetadata()
        var blocks: [TextBlock] = []
        switch format {
        case .json:
            let article = try JSONArticleReader.read(text)
            metadata = article.metadata
            text = article.text
            if FormatSniffer.sniff(text) == .html {
                // Scrapers often keep the body as HTML.
                let page = try HTMLBlockRenderer.read(text, maximumTextScalars: maximumTextScalars)
                text = page.text
                blocks = page.blocks
            }
        case .html:
            let page = try HTMLBlockRenderer.read(text, maximumTextScalars: maximumTextScalars)
            text = page.text
            metadata = page.metadata
            blocks = page.blocks
        case .markdown:
            let page = MarkdownRenderer.read(text)
            text = page.text
            metadata = page.metadata
            TextHeader.read(text, into: &metadata)
        case .text:
            if text.first == "\u{FEFF}" { text.removeFirst() }
            TextHeader.read(text, into: &metadata)
        }
        let scalarCount = UTF8Scalars.count(of: text)
        guard scalarCount <= maximumTextScalars else {
            throw PipelineError(.tooLarge, stage: .decode,
                                "text is \(scalarCount) characters, over the limit of \(maximumTextScalars); split it")
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw PipelineError(.noText, stage: .decode, "file has no text, only whitespace or markup")
        }
        // Published times are ISO 8601 or nothing: "Mo-Su 08:00-20:00" or "PT15M" is no date.
        metadata.published = metadata.published.flatMap(PublishedDate.iso8601)
        metadata.language = DocumentLanguage.settle(declared: metadata.language,
                                                    sample: DocumentLanguage.sample(text: text, blocks: blocks))
        return DecodedDocument(sha256: sha, source: input.source, format: format, text: text,
                               metadata: metadata, warnings: warnings, sequence: input.sequence,
                               byteCount: input.bytes.count, blocks: blocks)
    }

    /// The format of a compressed file's inner name: "a.html.gz" -> HTML.
    static func innerFormat(of path: String) -> DocumentFormat? {
        let lower = path.lowercased()
        for suffix in [".gz", ".gzip"] where lower.hasSuffix(suffix) {
            return DocumentFormat(pathExtensionOf: String(path.dropLast(suffix.count)))
        }
        return nil
    }
}
