/// A canonical entity with how widely and how often it is mentioned.
public struct EntitySummary: Sendable, Hashable {
    public var name: String
    public var type: EntityType
    /// Distinct documents that mention it.
    public var documents: Int
    /// Mentions across all documents.
    public var mentions: Int

    public init(name: String, type: EntityType, documents: Int, mentions: Int) {
        self.name = name
        self.type = type
        self.documents = documents
        self.mentions = mentions
    }
}
