import ArgumentParser
import Pipeline
import Terminal

/// `gleaner events`: coded events, newest first.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List CAMEO-coded events: who did what to whom, when and where.")

    @OptionGroup var database: DatabaseOption

    @Option(name: .long, help: "Only codes starting with this prefix, e.g. 04 or 163.")
    var code: String?

    @Option(name: .long, help: "Only this two-digit CAMEO root, e.g. 16.")
    var root: String?

    @Option(name: .long, help: "Show at most this many events.")
    var limit = 100

    func run() throws {
        let store = try StoreOpening.open(database.db, mode: .readOnly)
        var table = TerminalTable(["code", "quad", "goldstein", "source", "target", "polarity", "time", "trigger", "document"],
                                  rightAligned: [1, 2])
        table.maxCellWidth = 40
        for row in try store.eventRows(codePrefix: code, root: root, limit: limit) {
            let e = row.event
            table.append([e.code, String(e.quadClass), String(format1(e.goldstein)), e.source ?? "-", e.target ?? "-",
                          e.polarity.rawValue, e.time ?? "-", e.trigger, row.path.split(separator: "/").last.map(String.init) ?? row.path])
        }
        StandardStreams.out(table.render())
    }

    private func format1(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)).0" : "\(tenths)"
    }
}
