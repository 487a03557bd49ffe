import ArgumentParser

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entities")
    func run() throws {}
}
