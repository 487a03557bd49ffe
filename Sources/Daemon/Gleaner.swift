import ArgumentParser

/// The `gleaner` command: the daemon and the analyst's tools over its database.
@main
struct Gleaner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleaner",
        abstract: "Turn news-article files into a queryable SQLite database of clean text, entities, values, quotes and CAMEO events.",
        subcommands: [
            ServeCommand.self, StatusCommand.self, ExtractCommand.self, IngestCommand.self, ExportCommand.self,
            SearchCommand.self, EntitiesCommand.self, EventsCommand.self, EvalCommand.self, BenchCommand.self,
            TrainCommand.self,
        ]
    )
}

/// The `--db` option every database command shares.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file, or a PostgreSQL URI (postgresql://USER@HOST/DB, or postgresql:///DB?host=/run/postgresql for a Unix socket).")
    var db: String = "var/gleaner.sqlite"
}
