import Foundation
import Logging

/// A swift-log handler for a person at a terminal: one line per entry on stderr,
/// `gleaner: warning: message [key=value ...]`, with control characters in values
/// escaped so a file name with a newline cannot forge a log line.
struct PlainLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "gleaner: "
        if event.level != .info { line += "\(event.level): " }
        line += PlainLogHandler.escaped("\(event.message)")
        let merged = self.metadata.merging(event.metadata ?? [:]) { $1 }
        if !merged.isEmpty {
            let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(PlainLogHandler.escaped("\($0.value)"))" }
            line += " [" + pairs.joined(separator: " ") + "]"
        }
        StandardStreams.err(line)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : String(format: "\\x%02x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
