import ArgumentParser

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events")
    func run() throws {}
}
