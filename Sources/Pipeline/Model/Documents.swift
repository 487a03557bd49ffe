/// Metadata found in or beside the article text. Every field is optional: plain text
/// pasted from a site usually has none of it.
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String?
    public var byline: String?
    /// ISO 8601 date or date-time when known.
    public var published: String?
    public var siteName: String?
    public var url: String?
    public var language: String?

    public init(title: String? = nil, byline: String? = nil, published: String? = nil,
                siteName: String? = nil, url: String? = nil, language: String? = nil) {
        self.title = title
        self.byline = byline
        self.published = published
        self.siteName = siteName
        self.url = url
        self.language = language
    }
}

/// An article after decoding: its content identity, its source text as Unicode, and metadata.
public struct DecodedDocument: Sendable {
    /// Lower-case hex SHA-256 of the input bytes: the document's identity.
    public var sha256: String
    public var source: ArticleSource
    /// The format the decoder settled on (hint or sniffed).
    public var format: DocumentFormat
    /// The decoded source text. `removed[].start/end` index this text in Unicode scalars.
    public var text: String
    public var metadata: DocumentMetadata
    /// Things a person may want to know, e.g. "invalid UTF-8 replaced by U+FFFD".
    public var warnings: [String]
    public var sequence: Int
    /// Size of the input in bytes.
    public var byteCount: Int
    /// For formats with structure (HTML, Markdown): the rendered blocks of `text`, in order,
    /// with what the markup said about each (tag, landmark, links, class/id hints). Empty
    /// for plain text; the clean stage then judges lines alone.
    public var blocks: [TextBlock]

    public init(sha256: String, source: ArticleSource, format: DocumentFormat, text: String,
                metadata: DocumentMetadata = .init(), warnings: [String] = [], sequence: Int = 0,
                byteCount: Int = 0, blocks: [TextBlock] = []) {
        self.byteCount = byteCount
        self.blocks = blocks
        self.sha256 = sha256
        self.source = source
        self.format = format
        self.text = text
        self.metadata = metadata
        self.warnings = warnings
        self.sequence = sequence
    }

    /// The date the document's relative dates ("last Tuesday") and its events' days are
    /// resolved against: its published date, else its file's modification time, else nil.
    public var referenceDate: String? { metadata.published ?? source.modified }
}

/// A stretch of the decoded source text that cleaning removed, and why.
public struct RemovedSpan: Sendable, Hashable {
    /// Unicode-scalar offsets into `DecodedDocument.text`, end exclusive.
    public var start: Int
    public var end: Int
    public var reason: BoilerplateReason

    public init(start: Int, end: Int, reason: BoilerplateReason) {
        self.start = start
        self.end = end
        self.reason = reason
    }
}

/// Why a span was judged not to be article text. Raw values are the contract's `reason`.
public enum BoilerplateReason: String, Sendable, Hashable, CaseIterable, Codable {
    case paywall
    case subscription
    case disclaimer
    case crossReference = "cross-reference"
    case agencyCredit = "agency-credit"
    case share
    case newsletter
    case cookieNotice = "cookie-notice"
    case navigation
    case templatePlaceholder = "template-placeholder"
    case markup
    case repeatedBlock = "repeated-block"
    case other
}

/// An article after cleaning: the article's own text and what was taken out.
///
/// Invariant: `text` is `decoded.text` with the `removed` spans cut out and nothing else
/// changed, so every clean offset maps back to a source offset (see `sourceOffset(of:)`).
public struct CleanDocument: Sendable {
    public var decoded: DecodedDocument
    /// The clean text. Every offset other than `removed`'s indexes this text.
    public var text: String
    public var removed: [RemovedSpan]
    /// The site whose furniture `blockFingerprints` were counted for (`SiteFurniture`),
    /// when the cleaner kept an index; `nil` otherwise.
    public var furnitureSite: String?
    /// The distinct fingerprints of the document's short blocks, which the store adds to
    /// the site's counts (`furniture_fingerprints`). Empty without an index.
    public var blockFingerprints: [UInt64]

    public init(decoded: DecodedDocument, text: String, removed: [RemovedSpan],
                furnitureSite: String? = nil, blockFingerprints: [UInt64] = []) {
        self.decoded = decoded
        self.text = text
        self.removed = removed
        self.furnitureSite = furnitureSite
        self.blockFingerprints = blockFingerprints
    }

    /// Maps a Unicode-scalar offset in `text` to the offset of the same character in
    /// `decoded.text`, using the invariant that cleaning only cuts out `removed` spans.
    public func sourceOffset(of cleanOffset: Int) -> Int {
        var offset = cleanOffset
        for span in removed.sorted(by: { $0.start < $1.start }) {
            if span.start <= offset { offset += span.end - span.start } else { break }
        }
        return offset
    }
}

/// A sentence of the clean text, as Unicode-scalar offsets, end exclusive.
public struct SentenceSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// An article after analysis: sentences, named entities and typed values.
public struct AnalyzedDocument: Sendable {
    public var clean: CleanDocument
    public var sentences: [SentenceSpan]
    public var entities: [Entity]
    public var values: [ValueMention]

    public init(clean: CleanDocument, sentences: [SentenceSpan], entities: [Entity], values: [ValueMention]) {
        self.clean = clean
        self.sentences = sentences
        self.entities = entities
        self.values = values
    }
}

/// The finished record of one article: everything the contract carries.
public struct ExtractedDocument: Sendable {
    public var analyzed: AnalyzedDocument
    public var events: [Event]
    public var quotes: [Quote]
    /// Time spent in each stage on this document.
    public var timings: StageTimings

    public init(analyzed: AnalyzedDocument, events: [Event], quotes: [Quote], timings: StageTimings = .init()) {
        self.analyzed = analyzed
        self.events = events
        self.quotes = quotes
        self.timings = timings
    }

    public var sha256: String { analyzed.clean.decoded.sha256 }
    public var source: ArticleSource { analyzed.clean.decoded.source }
    public var text: String { analyzed.clean.text }
}
