import Foundation
import Pipeline
import ServiceCore

/// `gleaner serve` put together: the spool lock, the store, the pipeline, and the
/// services in the order they start — the consumers of work before its producers, the
/// reload signal last.
enum GleanerDaemon {
    /// Everything the running daemon is, kept alive for the life of the process.
    struct Running {
        let group: ServiceGroup
        let lock: SpoolLock
        let store: any ArticleDatabase
        let pipeline: DocumentPipeline
    }

    /// Prepares the spool, takes its lock (before anything in it is touched: a second
    /// daemon must not "recover" the first one's files), opens the store, and starts.
    static func start(settings: ServeConfiguration, configPath: String?,
                      overrides: @escaping @Sendable (ServeConfiguration) -> ServeConfiguration) throws -> Running {
        let context = DaemonContext(settings: settings, configPath: configPath, overrides: overrides)
        let spool = context.spool
        try spool.prepare()
        let lock = try SpoolLock(folder: spool.control)
        let store = try openStore(settings, context: context)
        let configuration = PipelineConfiguration(parallelism: settings.parallelism, maxBatch: settings.maxBatch,
                                                  storeGatherSeconds: settings.storeGatherSeconds,
                                                  maximumBytes: settings.maxFileBytes, storeRetryLimit: nil)
        let cleaner = try learningFurniture(from: store, settings: settings, context: context)
        let mover = OutcomeMover(context: context)
        let pipeline = DocumentPipeline(configuration: configuration, sink: store, cleaner: cleaner,
                                        analyzer: TextAnalyzer(entities: settings.entities),
                                        events: settings.eventsStage ? EventExtractor(convention: settings.eventConvention) : nil) { outcome in
            mover.accept(outcome)
        }
        let intake = IntakeService(context: context, pipeline: pipeline)
        mover.onRetake { [weak intake] path in intake?.retake(path) }
        let status = StatusService(context: context, pipeline: pipeline, intake: intake, mover: mover)
        let services: [any DaemonService] = [
            mover,
            CheckpointService(context: context, pipeline: pipeline, store: store),
            RetentionService(context: context),
            status,
            intake,
            ReloadService(context: context, intake: intake, status: status),
        ]
        let group = ServiceGroup(services: services, context: context, pipeline: pipeline, status: status)
        try group.run()
        return Running(group: group, lock: lock, store: store, pipeline: pipeline)
    }

    /// An SQLite file (its folder created), or a PostgreSQL database that may not be up
    /// yet: the daemon then starts, keeps its files in the inbox, and the pipeline's
    /// store retries (status and journal say "store retrying") until the server answers.
    private static func openStore(_ settings: ServeConfiguration, context: DaemonContext) throws -> any ArticleDatabase {
        switch StoreLocation(settings.database) {
        case .sqlite(let path):
            let dbFolder = (path as NSString).deletingLastPathComponent
            if !dbFolder.isEmpty {
                try FileManager.default.createDirectory(atPath: dbFolder, withIntermediateDirectories: true)
            }
            return try ArticleStore(path: path, busyTimeout: settings.busyTimeoutSeconds)
        case .postgres(let uri):
            return try PostgresStore(uri: uri, waitForServer: true)
        }
    }

    /// The furniture learned so far; a server not up yet means starting from none (the
    /// journal says so), not refusing to start.
    private static func learningFurniture(from store: any ArticleDatabase, settings: ServeConfiguration,
                                          context: DaemonContext) throws -> BoilerplateCleaner {
        do {
            return try BoilerplateCleaner.learningFurniture(from: store, minimumDocuments: settings.furnitureMinDocuments)
        } catch StoreError.serverUnavailable(let location, let reason) {
            context.logger.warning("the database is not reachable yet; site furniture starts from none", metadata: [
                "database": "\(location)", "error": "\(reason)",
            ])
            guard settings.furnitureMinDocuments > 0 else { return BoilerplateCleaner() }
            return BoilerplateCleaner(furniture: SiteFurniture(minimumDocuments: settings.furnitureMinDocuments))
        }
    }
}
