import GRDB

/// Rebuilds stored documents into the model values the pipeline produced, from either
/// store (its rows come through a `StoredRowSource`).
///
/// Promises: for a document written by `BatchWriter` (or `PostgresBatchWriter`), the
/// rebuilt `ExtractedDocument` prints the same `ContractEncoding.line` as the original —
/// lists come back in the order they were written (id/ordinal order), entity names as
/// the document gave them (not the canonical row's), numbers in `normalized` with their
/// int/double case. The input `sequence` is not stored and comes back 0; `formatHint` is
/// the stored format.
struct DocumentReader {
    /// The database, for messages.
    let path: String

    /// Calls `handler` with every document in id order. The caller runs this inside one
    /// read transaction so the export is one consistent snapshot even while daemons write.
    func forEachDocument<Source: StoredRowSource>(in source: Source, _ handler: (ExtractedDocument) throws -> Void) throws {
        try source.forEachRow("""
            SELECT id, sha256, source_path, format, title, byline, published, site_name, url, language,
                   byte_count, raw_text, clean_text, warnings
            FROM documents ORDER BY id
            """) { row in
            try handler(document(from: row, in: source))
        }
    }

    private func document<Source: StoredRowSource>(from row: Source.Row, in db: Source) throws -> ExtractedDocument {
        let id = row.integer(0) ?? 0
        let formatName = row.requiredText(3)
        guard let format = DocumentFormat(rawValue: formatName) else {
            throw StoreError.sqlite(path: path, message: "document \(id) has unknown format \(formatName)")
        }
        let metadata = DocumentMetadata(title: row.text(4), byline: row.text(5), published: row.text(6),
                                        siteName: row.text(7), url: row.text(8), language: row.text(9))
        let warnings = try parseJSON(row.requiredText(13), what: "warnings of document \(id)").arrayValue?
            .compactMap(\.stringValue) ?? []
        let decoded = DecodedDocument(
            sha256: row.requiredText(1), source: ArticleSource(path: row.requiredText(2), formatHint: format), format: format,
            text: row.requiredText(11), metadata: metadata, warnings: warnings, sequence: 0, byteCount: row.requiredInt(10))
        let clean = CleanDocument(decoded: decoded, text: row.requiredText(12), removed: try removed(id, in: db))
        let analyzed = AnalyzedDocument(clean: clean, sentences: try sentences(id, in: db),
                                        entities: try entities(id, in: db), values: try values(id, in: db))
        return ExtractedDocument(analyzed: analyzed, events: try events(id, in: db),
                                 quotes: try quotes(id, in: db), timings: try timings(id, in: db))
    }

    private func removed(_ id: Int64, in db: some StoredRowSource) throws -> [RemovedSpan] {
        try db.rows("""
            SELECT start, "end", reason FROM removed_spans WHERE document_id = ? ORDER BY id
            """, documentID: id).map { row in
            RemovedSpan(start: row.requiredInt(0), end: row.requiredInt(1),
                        reason: BoilerplateReason(rawValue: row.requiredText(2)) ?? .other)
        }
    }

    private func sentences(_ id: Int64, in db: some StoredRowSource) throws -> [SentenceSpan] {
        try db.rows("""
            SELECT start, "end" FROM sentences WHERE document_id = ? ORDER BY ordinal
            """, documentID: id).map { SentenceSpan(start: $0.requiredInt(0), end: $0.requiredInt(1)) }
    }

    private func entities(_ id: Int64, in db: some StoredRowSource) throws -> [Entity] {
        var entities: [Entity] = []
        var position: [Int: Int] = [:]
        for row in try db.rows("""
            SELECT de.ordinal, de.name, e.type, de.role FROM document_entities de
            JOIN entities e ON e.id = de.entity_id
            WHERE de.document_id = ? ORDER BY de.ordinal
            """, documentID: id) {
            let typeName = row.requiredText(2)
            guard let type = EntityType(rawValue: typeName) else {
                throw StoreError.sqlite(path: path, message: "entity type \(typeName) is unknown")
            }
            position[row.requiredInt(0)] = entities.count
            entities.append(Entity(name: row.requiredText(1), type: type, role: row.text(3), mentions: []))
        }
        for row in try db.rows("""
            SELECT entity_ordinal, text, start, "end", sentence, metonym_for FROM mentions
            WHERE document_id = ? ORDER BY id
            """, documentID: id) {
            guard let index = position[row.requiredInt(0)] else { continue }
            // The mention's own type is not stored; it is derived as the resolver set it.
            let text = row.requiredText(1)
            entities[index].mentions.append(Mention(text: text, start: row.requiredInt(2), end: row.requiredInt(3),
                                                    sentence: row.requiredInt(4), metonymFor: row.text(5),
                                                    type: Gazetteer.shared.mentionType(text, of: entities[index].type)))
        }
        return entities
    }

    private func values(_ id: Int64, in db: some StoredRowSource) throws -> [ValueMention] {
        try db.rows("""
            SELECT type, text, start, "end", normalized FROM value_mentions WHERE document_id = ? ORDER BY id
            """, documentID: id).map { row in
            let typeName = row.requiredText(0)
            guard let type = ValueType(rawValue: typeName) else {
                throw StoreError.sqlite(path: path, message: "value type \(typeName) is unknown")
            }
            let normalized = try parseJSON(row.requiredText(4), what: "a normalized value of document \(id)")
            return ValueMention(type: type, text: row.requiredText(1), start: row.requiredInt(2), end: row.requiredInt(3),
                                normalized: normalized)
        }
    }

    private func events(_ id: Int64, in db: some StoredRowSource) throws -> [Event] {
        try db.rows("""
            SELECT code, root, quad_class, goldstein, source, target, location, time, polarity, trigger,
                   sentence, start, "end", trigger_start, trigger_end,
                   source_affiliation, target_affiliation, time_normalized, quantities,
                   \(Self.actorColumns)
            FROM event_mentions WHERE document_id = ? ORDER BY id
            """, documentID: id).map { Self.event(from: $0, actorsAt: 19) }
    }

    /// The version-6 columns an event is read with: actor codes and parts, and the day.
    static let actorColumns = """
        source_code, source_country, source_type1, source_type2, \
        target_code, target_country, target_type1, target_type2, event_date
        """

    /// An event from a row whose first 19 columns are those of `events(_:in:)` and whose
    /// `actorColumns` start at `actorsAt`.
    static func event(from row: some StoredRow, actorsAt a: Int) -> Event {
        var event = Event(code: row.requiredText(0), root: row.requiredText(1), quadClass: row.requiredInt(2),
                          goldstein: row.requiredReal(3), source: row.text(4), target: row.text(5),
                          location: row.text(6), time: row.text(7),
                          polarity: EventPolarity(rawValue: row.requiredText(8)) ?? .asserted,
                          trigger: row.requiredText(9), sentence: row.requiredText(10),
                          start: row.requiredInt(11), end: row.requiredInt(12),
                          triggerStart: row.requiredInt(13), triggerEnd: row.requiredInt(14))
        event.sourceAffiliation = row.text(15)
        event.targetAffiliation = row.text(16)
        event.timeNormalized = row.text(17)
        let quantities = row.text(18) ?? "[]"
        event.quantities = ((try? JSONValueParser.parse(quantities))?.arrayValue ?? []).compactMap(\.stringValue)
        func actor(_ k: Int) -> ActorCode? {
            guard let code = row.text(k) else { return nil }
            return ActorCode(code: code, country: row.text(k + 1), type1: row.text(k + 2), type2: row.text(k + 3))
        }
        event.sourceActor = actor(a)
        event.targetActor = actor(a + 4)
        event.date = row.text(a + 8)
        return event
    }

    private func quotes(_ id: Int64, in db: some StoredRowSource) throws -> [Quote] {
        try db.rows("""
            SELECT speaker, text, start, "end" FROM quotes WHERE document_id = ? ORDER BY id
            """, documentID: id).map {
            Quote(speaker: $0.text(0), text: $0.requiredText(1), start: $0.requiredInt(2), end: $0.requiredInt(3))
        }
    }

    private func timings(_ id: Int64, in db: some StoredRowSource) throws -> StageTimings {
        var timings = StageTimings()
        for row in try db.rows("SELECT stage, nanoseconds FROM stage_timings WHERE document_id = ?", documentID: id) {
            let ns = row.integer(1) ?? 0
            if let stage = StageName(rawValue: row.requiredText(0)) { timings.record(stage, nanoseconds: UInt64(max(0, ns))) }
        }
        return timings
    }

    private func parseJSON(_ text: String, what: String) throws -> JSONValue {
        do {
            return try JSONValueParser.parse(text)
        } catch {
            throw StoreError.sqlite(path: path, message: "\(what) is not JSON: \(error)")
        }
    }
}
