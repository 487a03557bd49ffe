/// Row counts of the main tables: what `gleaner status` shows about the database.
public struct StoreCounts: Sendable, Hashable {
    public var documents = 0
    /// `files` rows by state.
    public var filesStored = 0
    public var filesDuplicate = 0
    public var filesFailed = 0
    public var entities = 0
    public var mentions = 0
    public var values = 0
    public var events = 0
    public var quotes = 0

    public init() {}

    public var files: Int { filesStored + filesDuplicate + filesFailed }
}
