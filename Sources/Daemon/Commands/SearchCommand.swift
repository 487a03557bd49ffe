import ArgumentParser
import Pipeline
import Terminal

/// `gleaner search QUERY`: full-text search over titles and clean text.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search (SQLite FTS5 syntax) over article titles and clean text.",
        discussion: "Examples: tariffs; \"trade war\"; tariff* AND soybeans; NEAR(Santos Olsen, 10).")

    @Argument(help: "An FTS5 query.")
    var query: String

    @OptionGroup var database: DatabaseOption

    @Option(name: .long, help: "Show at most this many documents.")
    var limit = 20

    func run() throws {
        let store = try StoreOpening.open(database.db, mode: .readOnly)
        let hits: [SearchHit]
        do {
            hits = try store.search(query, limit: limit)
        } catch {
            StandardStreams.err("gleaner: \(error)")
            throw ExitCode(65)  // EX_DATAERR
        }
        var table = TerminalTable(["id", "document", "title", "match"], rightAligned: [0])
        table.maxCellWidth = 70
        for hit in hits {
            table.append([String(hit.documentID), hit.path, hit.title ?? "-", hit.snippet])
        }
        StandardStreams.out(table.render())
        StandardStreams.out("\(hits.count) document\(hits.count == 1 ? "" : "s")")
    }
}
