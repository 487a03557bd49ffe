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
        let store: ArticleStore
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
        let dbFolder = (settings.database as NSString).deletingLastPathComponent
        if !dbFolder.isEmpty {
            try FileManager.default.createDirectory(atPath: dbFolder, withIntermediateDirectories: true)
        }
        let store = try ArticleStore(path: settings.database, busyTimeout: settings.busyTimeoutSeconds)
        let configuration = PipelineConfiguration(parallelism: settings.parallelism, maxBatch: settings.maxBatch,
                                                  maximumBytes: settings.maxFileBytes, storeRetryLimit: nil)
        let cleaner = try BoilerplateCleaner.learningFurniture(from: store, minimumDocuments: settings.furnitureMinDocuments)
        let mover = OutcomeMover(context: context)
        let pipeline = DocumentPipeline(configuration: configuration, sink: store, cleaner: cleaner,
                                        analyzer: TextAnalyzer(entities: settings.entities),
                                        includeEvents: settings.eventsStage) { outcome in mover.accept(outcome) }
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
}
