import CSystemd
import Glibc
import Logging

/// A swift-log handler that writes structured entries to the systemd journal.
///
/// Metadata keys become journal fields, upper-cased (`file` -> `FILE`,
/// `document_sha256` -> `DOCUMENT_SHA256`, `stage` -> `STAGE`, `error` -> `ERROR`), so
/// `journalctl -u gleaner FILE=...` finds a file's lines.
struct JournalLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let label: String

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(JournalLogHandler.priority(event.level))",
            "SYSLOG_IDENTIFIER=gleaner",
            "GLEANER_LOGGER=\(label)",
        ]
        let merged = self.metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged {
            fields.append("\(JournalLogHandler.fieldName(key))=\(value)")
        }
        JournalLogHandler.send(fields)
    }

    /// syslog priorities, as journald expects them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// Journal field names are upper-case letters, digits and underscores, not starting
    /// with an underscore (those are trusted fields set by journald itself).
    static func fieldName(_ key: String) -> String {
        var name = String(key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        while name.hasPrefix("_") { name.removeFirst() }
        return name.isEmpty ? "METADATA" : name
    }

    private static func send(_ fields: [String]) {
        var storage = fields.map { Array($0.utf8) }
        var vectors: [iovec] = []
        vectors.reserveCapacity(storage.count)
        for index in storage.indices {
            storage[index].withUnsafeMutableBytes { raw in
                vectors.append(iovec(iov_base: raw.baseAddress, iov_len: raw.count))
            }
        }
        // The iovecs point into `storage`, which stays alive and unmoved until here.
        withExtendedLifetime(storage) {
            _ = sd_journal_sendv(&vectors, Int32(vectors.count))
        }
    }
}
