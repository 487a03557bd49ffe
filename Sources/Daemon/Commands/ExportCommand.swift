import ArgumentParser
import Pipeline

/// `gleaner export`: the JSON contract, one line per stored document, from the database;
/// or the distinct events as GDELT-shaped TSV.
struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl
        case gdelt
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Stream stored documents as JSON lines (the `gleaner extract` contract), or events as GDELT TSV.",
        discussion: """
        --format gdelt writes one row per distinct event with a header of GDELT 2.0 column names \
        (GLOBALEVENTID, SQLDATE, Actor1Name, Actor2Name, EventCode, EventRootCode, QuadClass, \
        GoldsteinScale, NumMentions, ActionGeo_FullName, SOURCEURL, ...), tab-separated.
        """)

    @OptionGroup var database: DatabaseOption

    @Option(name: .long, help: "jsonl (default) or gdelt.")
    var format: Format = .jsonl

    func run() throws {
        let store = try StoreOpening.open(database.db, mode: .readOnly)
        switch format {
        case .jsonl:
            try store.exportDocuments { doc in
                StandardStreams.out(ContractEncoding.line(doc))
            }
        case .gdelt:
            StandardStreams.out(ArticleStore.gdeltColumns.joined(separator: "\t"))
            try store.gdeltEvents { fields in
                // TSV has no quoting: tabs and line breaks inside a field become spaces.
                StandardStreams.out(fields.map { field in
                    String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
                }.joined(separator: "\t"))
            }
        }
    }
}
