/// One article as it enters the pipeline: the bytes of a file and where they came from.
///
/// The pipeline never opens files itself; whoever owns the files (the daemon, the CLI)
/// reads them and hands over the bytes. `sequence` is the caller's ordinal, carried
/// unchanged to the sink so results can be matched back to inputs.
public struct ArticleInput: Sendable {
    public var source: ArticleSource
    public var bytes: [UInt8]
    public var sequence: Int

    public init(source: ArticleSource, bytes: [UInt8], sequence: Int = 0) {
        self.source = source
        self.bytes = bytes
        self.sequence = sequence
    }
}

/// Where an article came from, as the caller describes it.
public struct ArticleSource: Sendable, Hashable {
    /// The path (or any name) the caller wants recorded; never opened by the pipeline.
    public var path: String
    /// The format the caller believes the bytes are in, usually from the file extension.
    /// `nil` lets the decoder sniff the content.
    public var formatHint: DocumentFormat?
    /// When the bytes were read from a file: its last modification time, ISO 8601 in UTC
    /// ("2019-03-07T09:30:00Z"). A document that states no published date is dated by it
    /// (`DecodedDocument.referenceDate`), never by the day it happened to be ingested.
    public var modified: String?

    public init(path: String, formatHint: DocumentFormat? = nil, modified: String? = nil) {
        self.path = path
        self.formatHint = formatHint
        self.modified = modified
    }

    /// A source whose format hint comes from the path's extension.
    public init(path: String) {
        self.path = path
        self.formatHint = DocumentFormat(pathExtensionOf: path)
    }
}

/// The formats the decoder understands. Raw values are the contract's `source.format`.
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case text = "txt"
    case html
    case json
    case markdown = "md"

    /// The format a file name's extension suggests, or `nil` when it suggests none.
    public init?(pathExtensionOf path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt", "text": self = .text
        case "html", "htm", "xhtml": self = .html
        case "json": self = .json
        case "md", "markdown": self = .markdown
        default: return nil
        }
    }
}
