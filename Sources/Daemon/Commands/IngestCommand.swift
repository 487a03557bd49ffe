import ArgumentParser

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest")
    func run() throws {}
}
