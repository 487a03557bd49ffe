/// A stored event with the document it came from.
public struct EventRow: Sendable, Hashable {
    public var documentID: Int64
    public var path: String
    public var published: String?
    public var event: Event

    public init(documentID: Int64, path: String, published: String?, event: Event) {
        self.documentID = documentID
        self.path = path
        self.published = published
        self.event = event
    }
}
