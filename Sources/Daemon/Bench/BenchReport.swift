import Foundation
import Pipeline

struct ThroughputResult {
    var filesPerSecond: Double
    var seconds: Double
    var stageMicroseconds: [(String, Double)]
    var peakResidentBytes: Int
    var residentSamples: [Int]
    var databaseBytesPerArticle: Int
}

struct LatencyResult {
    var files: Int
    var rate: Int
    var p50: Double
    var p99: Double
    var max: Double
}

struct BacklogResult {
    var files: Int
    var secondsToFirstCommit: Double
    var seconds: Double
    var peakResidentBytes: Int
    var residentSamples: [Int]
}

/// The benchmark's figures, as a table for a person and JSON for comparing runs.
struct BenchReport {
    var files: Int
    var meanBytes: Int
    var floorFilesPerSecond: Double
    var costs: StageCosts
    var ceilings: StageCeilings
    var throughput: ThroughputResult
    /// End-to-end files/s with the events stage off, when measured.
    var withoutEventsFilesPerSecond: Double?
    var latency: LatencyResult
    var backlog: BacklogResult?

    var ratioToFloor: Double { floorFilesPerSecond / max(0.001, throughput.filesPerSecond) }

    func table() -> String {
        var rows = TerminalTable(["measure", "value"], rightAligned: [1])
        rows.append(["articles (mean bytes)", "\(files) (\(meanBytes))"])
        rows.append(["floor: read+hash+insert, files/s", String(format: "%.0f", floorFilesPerSecond)])
        rows.append(["end to end, files/s", String(format: "%.0f", throughput.filesPerSecond)])
        rows.append(["  ceiling: analysis alone, documents/s", String(format: "%.0f", ceilings.analysisDocumentsPerSecond)])
        rows.append(["  analysis CPU, µs per document", String(format: "%.0f", ceilings.analysisCPUMicrosecondsPerDocument)])
        rows.append(["  ceiling: store alone, documents/s", String(format: "%.0f", ceilings.storeDocumentsPerSecond)])
        rows.append(["floor / end to end", String(format: "%.2fx", ratioToFloor)])
        if let withoutEvents = withoutEventsFilesPerSecond {
            rows.append(["end to end without events, files/s", String(format: "%.0f", withoutEvents)])
        }
        if let decode = stageMean("decode"), let clean = stageMean("clean"), decode + clean > 0 {
            rows.append(["decode+clean, documents/s per core", String(format: "%.0f", 1e6 / (decode + clean))])
        }
        rows.append(["latency p50 / p99 / max at \(latency.rate)/s, ms",
                     String(format: "%.0f / %.0f / %.0f", latency.p50, latency.p99, latency.max)])
        rows.append(["peak RSS, MB", String(format: "%.1f", Double(throughput.peakResidentBytes) / 1_048_576)])
        rows.append(["database bytes per article", "\(throughput.databaseBytesPerArticle)"])
        rows.append(["CPU per document on one thread, µs (\(costs.documents) documents)", String(format: "%.0f", costs.total)])
        for (stage, micros) in costs.microseconds {
            rows.append(["  \(stage)", String(format: "%.1f", micros)])
        }
        rows.append(["wall time per document in the daemon, µs", ""])
        for (stage, micros) in throughput.stageMicroseconds {
            rows.append(["  \(stage)", String(format: "%.1f", micros)])
        }
        if let backlog {
            rows.append(["backlog of \(backlog.files): first commit after, s", String(format: "%.2f", backlog.secondsToFirstCommit)])
            rows.append(["backlog: all committed after, s", String(format: "%.1f", backlog.seconds)])
            rows.append(["backlog: peak RSS, MB", String(format: "%.1f", Double(backlog.peakResidentBytes) / 1_048_576)])
        }
        return rows.render()
    }

    private func stageMean(_ stage: String) -> Double? {
        throughput.stageMicroseconds.first { $0.0 == stage }?.1
    }

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("time", .string(ISO8601DateFormatter().string(from: Date()))),
            ("files", .int(files)),
            ("mean_bytes", .int(meanBytes)),
            ("floor_files_per_second", .double(floorFilesPerSecond.rounded())),
            ("files_per_second", .double(throughput.filesPerSecond.rounded())),
            ("floor_ratio", .double((ratioToFloor * 100).rounded() / 100)),
            ("analysis_documents_per_second", .double(ceilings.analysisDocumentsPerSecond.rounded())),
            ("analysis_cpu_microseconds_per_document", .double(ceilings.analysisCPUMicrosecondsPerDocument.rounded())),
            ("store_documents_per_second", .double(ceilings.storeDocumentsPerSecond.rounded())),
            ("latency_ms", .object([("rate", .int(latency.rate)), ("files", .int(latency.files)),
                                    ("p50", .double(latency.p50.rounded())), ("p99", .double(latency.p99.rounded())),
                                    ("max", .double(latency.max.rounded()))])),
            ("peak_rss_bytes", .int(throughput.peakResidentBytes)),
            ("database_bytes_per_article", .int(throughput.databaseBytesPerArticle)),
            ("stage_microseconds", .object(throughput.stageMicroseconds.map { ($0.0, .double(($0.1 * 10).rounded() / 10)) })),
            ("stage_cpu_microseconds", .object(costs.microseconds.map { ($0.stage, .double(($0.micros * 10).rounded() / 10)) })),
        ]
        if let withoutEvents = withoutEventsFilesPerSecond {
            fields.append(("files_per_second_without_events", .double(withoutEvents.rounded())))
        }
        if let backlog {
            fields.append(("backlog", .object([
                ("files", .int(backlog.files)),
                ("seconds_to_first_commit", .double((backlog.secondsToFirstCommit * 100).rounded() / 100)),
                ("seconds", .double((backlog.seconds * 10).rounded() / 10)),
                ("peak_rss_bytes", .int(backlog.peakResidentBytes)),
            ])))
        }
        return .object(fields)
    }
}
