/// One document matching a full-text search, best matches first.
public struct SearchHit: Sendable, Hashable {
    public var documentID: Int64
    public var title: String?
    public var path: String
    /// A few words of the clean text around the match, matched terms in [brackets].
    public var snippet: String
    /// FTS5's bm25 rank: lower (more negative) is a better match.
    public var rank: Double

    public init(documentID: Int64, title: String?, path: String, snippet: String, rank: Double) {
        self.documentID = documentID
        self.title = title
        self.path = path
        self.snippet = snippet
        self.rank = rank
    }
}
