import ArgumentParser
import Dispatch
import Foundation
import Glibc
import Pipeline
import Synchronization
import ServiceCore

/// `gleaner serve`: watch the inbox and ingest what arrives, until SIGTERM or SIGINT.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Watch an inbox folder and ingest every article dropped into it.",
        discussion: """
        Files move inbox/ -> inbox/.gleaner/processing/ -> done/ once their records are \
        committed, or to failed/ with <name>.error.json saying why. Settings come from the \
        configuration file (default \(ServeConfiguration.defaultPath), when it exists); flags override it.
        """)

    @Option(name: .long, help: "Configuration file (default: \(ServeConfiguration.defaultPath) when it exists).")
    var config: String?

    @Option(name: .long, help: "The inbox folder to watch.")
    var inbox: String?

    @Option(name: .long, help: "The SQLite database file.")
    var db: String?

    @Option(name: .long, help: "Seconds between full rescans of the inbox.")
    var rescanInterval: Double?

    @Flag(name: .long, help: "Check the configuration, print it, and exit.")
    var checkConfig = false

    /// Flags win over the file, at start and on every reload.
    func applyingFlags(to file: ServeConfiguration) -> ServeConfiguration {
        var settings = file
        if let inbox { settings.inbox = inbox }
        if let db { settings.database = db }
        if let rescanInterval { settings.rescanIntervalSeconds = rescanInterval }
        return settings
    }

    func run() throws {
        let settings: ServeConfiguration
        do {
            settings = applyingFlags(to: try ServeConfiguration.load(path: config))
        } catch {
            StandardStreams.err("gleaner: \(error)")
            throw ExitCode(78)  // EX_CONFIG
        }
        if checkConfig {
            StandardStreams.out("configuration ok: inbox=\(settings.inbox) database=\(settings.database)")
            return
        }
        LogDestination.bootstrap()
        // A watchdog kill is SIGABRT: end at once (the default action) instead of running
        // Swift's backtracer for tens of seconds (see also SWIFT_BACKTRACE in the unit).
        signal(SIGABRT, SIG_DFL)
        // A file size limit (`LimitFSIZE=`, RLIMIT_FSIZE) reached while writing must fail
        // that write (EFBIG), handled as a full disk is, not kill the daemon mid-commit.
        signal(SIGXFSZ, SIG_IGN)
        let running: GleanerDaemon.Running
        do {
            running = try GleanerDaemon.start(settings: settings, configPath: config, overrides: applyingFlags)
        } catch let error as StoreError {
            StandardStreams.err("gleaner: \(error)")
            throw ExitCode(74)  // EX_IOERR
        } catch let error as SpoolLock.Refusal {
            StandardStreams.err("gleaner: \(error)")
            throw ExitCode(75)  // EX_TEMPFAIL: the other daemon may stop
        }
        // The daemon lives until the process exits. `withExtendedLifetime` around a call
        // that never returns did not keep it in a release build (the optimizer ended its
        // lifetime before `dispatchMain`, and the services were torn down at start), so
        // the running daemon is retained on purpose and never released.
        _ = Unmanaged.passRetained(RunningDaemon(running))
        dispatchMain()
    }
}

/// Holds the running daemon for the life of the process (see `ServeCommand.run`).
private final class RunningDaemon {
    let running: GleanerDaemon.Running
    init(_ running: GleanerDaemon.Running) { self.running = running }
}
