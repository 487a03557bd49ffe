import GRDB

/// Rebuilds stored documents into the model values the pipeline produced.
///
/// Promises: for a document written by `BatchWriter`, the rebuilt `ExtractedDocument`
/// prints the same `ContractEncoding.line` as the original — lists come back in the order
/// they were written (rowid/ordinal order), entity names as the document gave them (not
/// the canonical row's), numbers in `normalized` with their int/double case. The input
/// `sequence` is not stored and comes back 0; `formatHint` is the stored format.
struct DocumentReader {
    let path: String

    /// Calls `handler` with every document in id order, inside one read transaction so
    /// the export is one consistent snapshot even while the daemon writes.
    func forEachDocument(in db: Database, _ handler: (ExtractedDocument) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT id, sha256, source_path, format, title, byline, published, site_name, url, language,
                   byte_count, raw_text, clean_text, warnings
            FROM documents ORDER BY id
            """)
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() {
            try handler(document(from: row, in: db))
        }
    }

    private func document(from row: Row, in db: Database) throws -> ExtractedDocument {
        let id: Int64 = row[0]
        let formatName: String = row[3]
        guard let format = DocumentFormat(rawValue: formatName) else {
            throw StoreError.sqlite(path: path, message: "document \(id) has unknown format \(formatName)")
        }
        let metadata = DocumentMetadata(title: row[4], byline: row[5], published: row[6],
                                        siteName: row[7], url: row[8], language: row[9])
        let warningsText: String = row[13]
        let warnings = try parseJSON(warningsText, what: "warnings of document \(id)").arrayValue?
            .compactMap(\.stringValue) ?? []
        let decoded = DecodedDocument(
            sha256: row[1], source: ArticleSource(path: row[2], formatHint: format), format: format,
            text: row[11], metadata: metadata, warnings: warnings, sequence: 0, byteCount: row[10])
        let clean = CleanDocument(decoded: decoded, text: row[12], removed: try removed(id, in: db))
        let analyzed = AnalyzedDocument(clean: clean, sentences: try sentences(id, in: db),
                                        entities: try entities(id, in: db), values: try values(id, in: db))
        return ExtractedDocument(analyzed: analyzed, events: try events(id, in: db),
                                 quotes: try quotes(id, in: db), timings: try timings(id, in: db))
    }

    private func removed(_ id: Int64, in db: Database) throws -> [RemovedSpan] {
        let statement = try db.cachedStatement(sql: """
            SELECT start, "end", reason FROM removed_spans WHERE document_id = ? ORDER BY id
            """)
        return try Row.fetchAll(statement, arguments: [id]).map { row in
            RemovedSpan(start: row[0], end: row[1], reason: BoilerplateReason(rawValue: row[2]) ?? .other)
        }
    }

    private func sentences(_ id: Int64, in db: Database) throws -> [SentenceSpan] {
        let statement = try db.cachedStatement(sql: """
            SELECT start, "end" FROM sentences WHERE document_id = ? ORDER BY ordinal
            """)
        return try Row.fetchAll(statement, arguments: [id]).map { SentenceSpan(start: $0[0], end: $0[1]) }
    }

    private func entities(_ id: Int64, in db: Database) throws -> [Entity] {
        let links = try db.cachedStatement(sql: """
            SELECT de.ordinal, de.name, e.type, de.role FROM document_entities de
            JOIN entities e ON e.id = de.entity_id
            WHERE de.document_id = ? ORDER BY de.ordinal
            """)
        var entities: [Entity] = []
        var position: [Int: Int] = [:]
        for row in try Row.fetchAll(links, arguments: [id]) {
            let typeName: String = row[2]
            guard let type = EntityType(rawValue: typeName) else {
                throw StoreError.sqlite(path: path, message: "entity type \(typeName) is unknown")
            }
            position[row[0]] = entities.count
            entities.append(Entity(name: row[1], type: type, role: row[3], mentions: []))
        }
        let mentions = try db.cachedStatement(sql: """
            SELECT entity_ordinal, text, start, "end", sentence, metonym_for FROM mentions
            WHERE document_id = ? ORDER BY id
            """)
        for row in try Row.fetchAll(mentions, arguments: [id]) {
            guard let index = position[row[0]] else { continue }
            // The mention's own type is not stored; it is derived as the resolver set it.
            let text: String = row[1]
            entities[index].mentions.append(Mention(text: text, start: row[2], end: row[3], sentence: row[4], metonymFor: row[5],
                                                    type: Gazetteer.shared.mentionType(text, of: entities[index].type)))
        }
        return entities
    }

    private func values(_ id: Int64, in db: Database) throws -> [ValueMention] {
        let statement = try db.cachedStatement(sql: """
            SELECT type, text, start, "end", normalized FROM value_mentions WHERE document_id = ? ORDER BY id
            """)
        return try Row.fetchAll(statement, arguments: [id]).map { row in
            let typeName: String = row[0]
            guard let type = ValueType(rawValue: typeName) else {
                throw StoreError.sqlite(path: path, message: "value type \(typeName) is unknown")
            }
            let normalized = try parseJSON(row[4], what: "a normalized value of document \(id)")
            return ValueMention(type: type, text: row[1], start: row[2], end: row[3], normalized: normalized)
        }
    }

    private func events(_ id: Int64, in db: Database) throws -> [Event] {
        let statement = try db.cachedStatement(sql: """
            SELECT code, root, quad_class, goldstein, source, target, location, time, polarity, trigger,
                   sentence, start, "end", trigger_start, trigger_end,
                   source_affiliation, target_affiliation, time_normalized, quantities,
                   \(Self.actorColumns)
            FROM event_mentions WHERE document_id = ? ORDER BY id
            """)
        return try Row.fetchAll(statement, arguments: [id]).map { Self.event(from: $0, actorsAt: 19) }
    }

    /// The version-6 columns an event is read with: actor codes and parts, and the day.
    static let actorColumns = """
        source_code, source_country, source_type1, source_type2, \
        target_code, target_country, target_type1, target_type2, event_date
        """

    /// An event from a row whose first 19 columns are those of `events(_:in:)` and whose
    /// `actorColumns` start at `actorsAt`.
    static func event(from row: Row, actorsAt a: Int) -> Event {
        var event = Event(code: row[0], root: row[1], quadClass: row[2], goldstein: row[3],
                          source: row[4], target: row[5], location: row[6], time: row[7],
                          polarity: EventPolarity(rawValue: row[8]) ?? .asserted, trigger: row[9], sentence: row[10],
                          start: row[11], end: row[12], triggerStart: row[13], triggerEnd: row[14])
        event.sourceAffiliation = row[15]
        event.targetAffiliation = row[16]
        event.timeNormalized = row[17]
        let quantities: String = row[18] ?? "[]"
        event.quantities = ((try? JSONValueParser.parse(quantities))?.arrayValue ?? []).compactMap(\.stringValue)
        func actor(_ k: Int) -> ActorCode? {
            guard let code: String = row[k] else { return nil }
            return ActorCode(code: code, country: row[k + 1], type1: row[k + 2], type2: row[k + 3])
        }
        event.sourceActor = actor(a)
        event.targetActor = actor(a + 4)
        event.date = row[a + 8]
        return event
    }

    private func quotes(_ id: Int64, in db: Database) throws -> [Quote] {
        let statement = try db.cachedStatement(sql: """
            SELECT speaker, text, start, "end" FROM quotes WHERE document_id = ? ORDER BY id
            """)
        return try Row.fetchAll(statement, arguments: [id]).map {
            Quote(speaker: $0[0], text: $0[1], start: $0[2], end: $0[3])
        }
    }

    private func timings(_ id: Int64, in db: Database) throws -> StageTimings {
        let statement = try db.cachedStatement(sql: """
            SELECT stage, nanoseconds FROM stage_timings WHERE document_id = ?
            """)
        var timings = StageTimings()
        for row in try Row.fetchAll(statement, arguments: [id]) {
            let ns: Int64 = row[1]
            if let stage = StageName(rawValue: row[0]) { timings.record(stage, nanoseconds: UInt64(max(0, ns))) }
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
