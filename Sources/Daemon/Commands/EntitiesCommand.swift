import ArgumentParser
import Pipeline
import Terminal

/// `gleaner entities`: the most mentioned entities across the database.
struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "List entities by how many documents mention them.")

    @OptionGroup var database: DatabaseOption

    @Option(name: .long, help: "Only this type: PERSON, ORGANIZATION, LOCATION or EVENT_NAME.")
    var type: String?

    @Option(name: .long, help: "Show at most this many entities.")
    var limit = 50

    func run() throws {
        var entityType: EntityType?
        if let type {
            guard let parsed = EntityType(rawValue: type.uppercased()) else {
                throw ValidationError("--type must be one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            entityType = parsed
        }
        let store = try StoreOpening.open(database.db, mode: .readOnly)
        var table = TerminalTable(["entity", "type", "documents", "mentions"], rightAligned: [2, 3])
        for summary in try store.entitySummaries(type: entityType, limit: limit) {
            table.append([summary.name, summary.type.rawValue, String(summary.documents), String(summary.mentions)])
        }
        StandardStreams.out(table.render())
    }
}
