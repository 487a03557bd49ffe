import ArgumentParser
import Pipeline

/// `gleaner export`: the JSON contract, one line per stored document, from the database.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Stream every stored document as one JSON object per line (the same contract `gleaner extract` prints).")

    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try StoreOpening.open(database.db, mode: .readOnly)
        try store.exportDocuments { doc in
            StandardStreams.out(ContractEncoding.line(doc))
        }
    }
}
