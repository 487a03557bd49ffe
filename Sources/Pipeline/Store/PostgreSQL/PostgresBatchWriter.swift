/// Writes the items of one batch inside the transaction `PostgresStore.write` opened:
/// the same rows as `BatchWriter` writes into SQLite, safe with other daemons writing
/// the same database at the same time.
///
/// Promises: one outcome per item, in order; a sha256 already stored — by this batch, an
/// earlier one, or another daemon, committed before or while this batch runs — adds only
/// a `files` row and yields `.duplicate` (`ON CONFLICT (sha256) DO NOTHING`: the server
/// makes the second inserter wait for the first one's commit); canonical entities,
/// aliases, distinct events and furniture counts are created or counted by one upsert
/// each, so concurrent writers never lose a count; every item has its `files` row.
///
/// Lists of a document's rows (sentences, mentions, values, quotes, …) go in one
/// prepared statement per table, as arrays the server unnests: one round trip per table,
/// not per row. Lives for one transaction, like `BatchWriter`.
struct PostgresBatchWriter {
    let now: String
    var resolver: CanonicalEntityIndex
    private let connection: PostgresConnection
    private var storedInBatch: [String: Int64] = [:]

    init(resolver: CanonicalEntityIndex, connection: PostgresConnection) throws {
        self.connection = connection
        self.resolver = resolver
        now = try connection.run(prepared: """
            SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            """, []).all.first?.text(0) ?? ""
    }

    /// Forgets what the item with `sha256` may have left in the memos after its savepoint
    /// was rolled back.
    mutating func itemRolledBack(sha256: String?) {
        if let sha256 { storedInBatch[sha256] = nil }
        resolver.forget()
    }

    mutating func write(_ item: PipelineItem) throws -> PipelineOutcome {
        switch item {
        case .document(let doc):
            return try write(doc)
        case .failure(let failed):
            try recordFile(path: failed.source.path, sha256: failed.sha256, size: failed.byteCount,
                           state: "failed", error: failed.error, documentID: nil)
            return PipelineOutcome(sequence: failed.sequence, source: failed.source, sha256: failed.sha256,
                                   disposition: .failed(failed.error))
        }
    }

    private mutating func write(_ doc: ExtractedDocument) throws -> PipelineOutcome {
        let decoded = doc.analyzed.clean.decoded
        if let id = storedInBatch[decoded.sha256] {
            return try duplicate(doc, of: id)
        }
        guard let id = try insertDocument(doc) else {
            // Another batch (maybe another daemon's) stored this content first.
            let existing = try connection.run(prepared: "SELECT id FROM documents WHERE sha256 = $1",
                                              [decoded.sha256]).firstID ?? 0
            return try duplicate(doc, of: existing)
        }
        storedInBatch[decoded.sha256] = id
        try recordFile(path: decoded.source.path, sha256: decoded.sha256, size: decoded.byteCount,
                       state: "stored", error: nil, documentID: id)
        return PipelineOutcome(sequence: decoded.sequence, source: decoded.source, sha256: decoded.sha256,
                               disposition: .stored(documentID: id), document: doc)
    }

    private func duplicate(_ doc: ExtractedDocument, of id: Int64) throws -> PipelineOutcome {
        let decoded = doc.analyzed.clean.decoded
        try recordFile(path: decoded.source.path, sha256: decoded.sha256, size: decoded.byteCount,
                       state: "duplicate", error: nil, documentID: id)
        return PipelineOutcome(sequence: decoded.sequence, source: decoded.source, sha256: decoded.sha256,
                               disposition: .duplicate(documentID: id), document: doc)
    }

    private func recordFile(path: String, sha256: String?, size: Int, state: String, error: PipelineError?,
                            documentID: Int64?) throws {
        // As in SQLite: a file seen again keeps its first state unless that was a failure.
        try connection.run(prepared: """
            INSERT INTO files(path, sha256, size, state, error_kind, error_stage, error, document_id,
                              first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
            ON CONFLICT (path, (coalesce(sha256, ''))) DO UPDATE SET
                last_seen_at = excluded.last_seen_at,
                size = excluded.size,
                error_kind = CASE WHEN files.state = 'failed' THEN excluded.error_kind ELSE files.error_kind END,
                error_stage = CASE WHEN files.state = 'failed' THEN excluded.error_stage ELSE files.error_stage END,
                error = CASE WHEN files.state = 'failed' THEN excluded.error ELSE files.error END,
                state = CASE WHEN files.state = 'failed' THEN excluded.state ELSE files.state END,
                document_id = coalesce(files.document_id, excluded.document_id)
            """, [path, sha256, PostgresParameter.of(size), state, error?.kind.rawValue, error?.stage.rawValue,
                  error?.message, PostgresParameter.of(documentID), now])
    }

    /// Inserts the document and everything it holds; nil when its content is already
    /// stored (nothing else is written then).
    private mutating func insertDocument(_ doc: ExtractedDocument) throws -> Int64? {
        let clean = doc.analyzed.clean
        let decoded = clean.decoded
        let meta = decoded.metadata
        let warnings = JSONValue.array(decoded.warnings.map(JSONValue.string)).serialized()
        let inserted = try connection.run(prepared: """
            INSERT INTO documents(sha256, source_path, format, title, byline, published, site_name, url,
                                  language, ingested_at, byte_count, raw_text, clean_text, word_count, warnings)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (sha256) DO NOTHING RETURNING id
            """, [decoded.sha256, decoded.source.path, decoded.format.rawValue, meta.title, meta.byline,
                  meta.published, meta.siteName, meta.url, meta.language, now, PostgresParameter.of(decoded.byteCount),
                  decoded.text, clean.text, PostgresParameter.of(BatchWriter.wordCount(clean.text)), warnings])
        guard let id = inserted.firstID else { return nil }
        let document = String(id)

        var slicer = BatchWriter.ScalarSlicer(decoded.text)
        var removed = ArrayColumns(4)
        for span in clean.removed {
            removed.append([PostgresParameter.of(span.start), PostgresParameter.of(span.end), span.reason.rawValue,
                            slicer.slice(span.start, span.end)])
        }
        try insertRows(removed, document: document, sql: """
            INSERT INTO removed_spans(document_id, start, "end", reason, text)
            SELECT $1::bigint, r.start, r.stop, r.reason, r.text
            FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS r(start, stop, reason, text, n)
            ORDER BY r.n
            """)
        var sentences = ArrayColumns(3)
        for (ordinal, sentence) in doc.analyzed.sentences.enumerated() {
            sentences.append([String(ordinal), String(sentence.start), String(sentence.end)])
        }
        try insertRows(sentences, document: document, sql: """
            INSERT INTO sentences(document_id, ordinal, start, "end")
            SELECT $1::bigint, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[])
            """)
        let entityIDs = try insertEntities(doc.analyzed.entities, document: document)
        try insertValues(doc.analyzed.values, document: document)
        try insertEvents(doc.events, entityIDs: entityIDs, document: document, published: doc.analyzed.clean.decoded.referenceDate)
        try insertQuotes(doc.quotes, entityIDs: entityIDs, document: document)
        var timings = ArrayColumns(2)
        for stage in StageName.allCases {
            guard let ns = doc.timings.nanoseconds[stage] else { continue }
            timings.append([stage.rawValue, String(Int64(clamping: ns))])
        }
        try insertRows(timings, document: document, sql: """
            INSERT INTO stage_timings(document_id, stage, nanoseconds)
            SELECT $1::bigint, * FROM unnest($2::text[], $3::bigint[])
            """)
        try countFurniture(clean)
        return id
    }

    /// Runs a prepared `INSERT … SELECT $1::bigint, … FROM unnest($2, …)` with the document id
    /// and one array per column; nothing when there are no rows.
    ///
    /// Rows keep their order: the statements either number them `WITH ORDINALITY` or
    /// insert into tables whose order is their key.
    private func insertRows(_ columns: ArrayColumns, document: String, sql: String) throws {
        guard columns.rowCount > 0 else { return }
        try connection.run(prepared: sql, [document] + columns.literals)
    }

    private mutating func insertEntities(_ entities: [Entity], document: String) throws -> [String: Int64] {
        let rows = PostgresEntityRows(connection: connection)
        var links = ArrayColumns(5)
        var mentions = ArrayColumns(7)
        var ids: [String: Int64] = [:]
        for (ordinal, entity) in entities.enumerated() {
            let entityID = try resolver.resolve(entity, in: rows)
            if ids[entity.name] == nil { ids[entity.name] = entityID }
            links.append([String(ordinal), String(entityID), entity.name, entity.role, String(entity.mentions.count)])
            for m in entity.mentions {
                mentions.append([String(entityID), String(ordinal), m.text, String(m.start), String(m.end),
                                 String(m.sentence), m.metonymFor])
            }
        }
        try insertRows(links, document: document, sql: """
            INSERT INTO document_entities(document_id, ordinal, entity_id, name, role, mention_count)
            SELECT $1::bigint, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[])
            """)
        try insertRows(mentions, document: document, sql: """
            INSERT INTO mentions(document_id, entity_id, entity_ordinal, text, start, "end", sentence, metonym_for)
            SELECT $1::bigint, m.entity_id, m.entity_ordinal, m.text, m.start, m.stop, m.sentence, m.metonym_for
            FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[])
                 WITH ORDINALITY AS m(entity_id, entity_ordinal, text, start, stop, sentence, metonym_for, n)
            ORDER BY m.n
            """)
        return ids
    }

    private func insertValues(_ values: [ValueMention], document: String) throws {
        var rows = ArrayColumns(8)
        for value in values {
            let (amount, currency, date) = value.storedColumns
            rows.append([value.type.rawValue, value.text, String(value.start), String(value.end),
                         value.normalized.serialized(), PostgresParameter.of(amount), currency, date])
        }
        try insertRows(rows, document: document, sql: """
            INSERT INTO value_mentions(document_id, type, text, start, "end", normalized, amount, currency, date_value)
            SELECT $1::bigint, v.type, v.text, v.start, v.stop, v.normalized, v.amount, v.currency, v.date_value
            FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::float8[], $8::text[], $9::text[])
                 WITH ORDINALITY AS v(type, text, start, stop, normalized, amount, currency, date_value, n)
            ORDER BY v.n
            """)
    }

    /// The event's distinct row is created or counted by one upsert that returns its id;
    /// the mentions go in together after.
    private func insertEvents(_ events: [Event], entityIDs: [String: Int64], document: String,
                              published: String?) throws {
        guard !events.isEmpty else { return }
        let rows = PostgresEntityRows(connection: connection)
        var mentions: [[String?]] = []
        var reported: Set<[String]> = []
        for event in events {
            let source = try entityID(event.source, among: entityIDs, preferring: .organization, rows: rows)
            let target = try entityID(event.target, among: entityIDs, preferring: .organization, rows: rows)
            let location = try entityID(event.location, among: entityIDs, preferring: .location, rows: rows)
            let date = BatchWriter.eventDate(event, published: published, ingested: String(now.prefix(10)))
            let key = [event.code, event.source ?? "", event.target ?? "", date]
            let isNewToDocument = reported.insert(key).inserted
            let actors = Self.actorParameters(event)
            let eventID = try connection.run(prepared: """
                INSERT INTO events(code, root, quad_class, goldstein, source, target, source_affiliation,
                                   target_affiliation, event_date, location, num_mentions, num_documents,
                                   first_seen_at, last_seen_at,
                                   source_code, source_country, source_type1, source_type2,
                                   target_code, target_country, target_type1, target_type2)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $12,
                        $13, $14, $15, $16, $17, $18, $19, $20)
                ON CONFLICT (code, source, target, event_date) DO UPDATE SET
                    num_mentions = events.num_mentions + 1,
                    num_documents = events.num_documents + excluded.num_documents,
                    last_seen_at = excluded.last_seen_at,
                    \(DistinctEventMerge.postgresAssignments)
                RETURNING id
                """, [key[0], event.root, String(event.quadClass), PostgresParameter.of(event.goldstein), key[1], key[2],
                      event.sourceAffiliation, event.targetAffiliation, date, event.location,
                      isNewToDocument ? "1" : "0", now] + actors).firstID
            let quantities = JSONValue.array(event.quantities.map(JSONValue.string)).serialized()
            mentions.append([PostgresParameter.of(eventID), PostgresParameter.of(BatchWriter.confidence(event)),
                             event.code, event.root, String(event.quadClass), PostgresParameter.of(event.goldstein),
                             PostgresParameter.of(source), event.source, PostgresParameter.of(target), event.target,
                             PostgresParameter.of(location), event.location, event.time, event.polarity.rawValue,
                             event.trigger, event.sentence, String(event.start), String(event.end),
                             String(event.triggerStart), String(event.triggerEnd), event.sourceAffiliation,
                             event.targetAffiliation, event.timeNormalized, quantities] + actors + [event.date])
        }
        var columns = ArrayColumns(33)
        for mention in mentions { columns.append(mention) }
        try insertRows(columns, document: document, sql: """
            INSERT INTO event_mentions(document_id, event_id, confidence, code, root, quad_class, goldstein,
                               source_entity_id, source, target_entity_id, target, location_entity_id, location,
                               time, polarity, trigger, sentence, start, "end", trigger_start, trigger_end,
                               source_affiliation, target_affiliation, time_normalized, quantities,
                               source_code, source_country, source_type1, source_type2,
                               target_code, target_country, target_type1, target_type2, event_date)
            SELECT $1::bigint, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20,
                   c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31, c32, c33
            FROM unnest($2::bigint[], $3::float8[], $4::text[], $5::text[], $6::bigint[], $7::float8[],
                        $8::bigint[], $9::text[], $10::bigint[], $11::text[], $12::bigint[], $13::text[],
                        $14::text[], $15::text[], $16::text[], $17::text[], $18::bigint[], $19::bigint[],
                        $20::bigint[], $21::bigint[], $22::text[], $23::text[], $24::text[], $25::text[],
                        $26::text[], $27::text[], $28::text[], $29::text[], $30::text[], $31::text[],
                        $32::text[], $33::text[], $34::text[])
                 WITH ORDINALITY AS m(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17,
                                      c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31, c32,
                                      c33, n)
            ORDER BY m.n
            """)
    }

    /// The source's and target's actor codes and parts, in the column order of version 6.
    private static func actorParameters(_ event: Event) -> [String?] {
        [event.sourceActor, event.targetActor].flatMap { actor in
            [actor?.code, actor?.country, actor?.type1, actor?.type2]
        }
    }

    private func insertQuotes(_ quotes: [Quote], entityIDs: [String: Int64], document: String) throws {
        let rows = PostgresEntityRows(connection: connection)
        var columns = ArrayColumns(5)
        for quote in quotes {
            let speaker = try entityID(quote.speaker, among: entityIDs, preferring: .person, rows: rows)
            columns.append([PostgresParameter.of(speaker), quote.speaker, quote.text, String(quote.start), String(quote.end)])
        }
        try insertRows(columns, document: document, sql: """
            INSERT INTO quotes(document_id, speaker_entity_id, speaker, text, start, "end")
            SELECT $1::bigint, q.speaker_entity_id, q.speaker, q.text, q.start, q.stop
            FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
                 WITH ORDINALITY AS q(speaker_entity_id, speaker, text, start, stop, n)
            ORDER BY q.n
            """)
    }

    /// Counts the document once for each distinct short block it held, under its site,
    /// in fingerprint order (so two writers lock the same rows in the same order).
    private func countFurniture(_ clean: CleanDocument) throws {
        guard let site = clean.furnitureSite, !clean.blockFingerprints.isEmpty else { return }
        let fingerprints = Set(clean.blockFingerprints.map { Int64(bitPattern: $0) }).sorted()
        try connection.run(prepared: """
            INSERT INTO furniture_fingerprints(site, fingerprint, documents, first_seen_at, last_seen_at)
            SELECT $1::text, f, 1, $3::text, $3::text FROM unnest($2::bigint[]) AS f ORDER BY f
            ON CONFLICT (site, fingerprint) DO UPDATE SET
                documents = furniture_fingerprints.documents + 1,
                last_seen_at = excluded.last_seen_at
            """, [site, ArrayColumns.literal(fingerprints.map { String($0) }), now])
    }

    private func entityID(_ name: String?, among ids: [String: Int64], preferring type: EntityType,
                          rows: PostgresEntityRows) throws -> Int64? {
        guard let name else { return nil }
        if let id = ids[name] { return id }
        return try resolver.lookup(name: name, preferring: type, in: rows)
    }
}

/// Rows gathered column by column, sent as PostgreSQL array literals.
///
/// Promises: `literals` has one literal per column, each with `rowCount` elements in
/// row order; a nil element is SQL NULL; every other element is quoted, with `"` and `\`
/// escaped, so any text (commas, braces, quotes, the word NULL) comes back as it was.
struct ArrayColumns {
    private var columns: [[String?]]
    private(set) var rowCount = 0

    init(_ columnCount: Int) {
        columns = Array(repeating: [], count: columnCount)
    }

    mutating func append(_ row: [String?]) {
        precondition(row.count == columns.count, "a row of \(row.count) values for \(columns.count) columns")
        for (index, value) in row.enumerated() { columns[index].append(value) }
        rowCount += 1
    }

    var literals: [String?] { columns.map { Self.literal($0) } }

    static func literal(_ values: [String?]) -> String {
        var text = "{"
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            guard let value else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in value.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}

/// `EntityRows` on a PostgreSQL connection in a write transaction.
struct PostgresEntityRows: EntityRows {
    let connection: PostgresConnection

    func storedID(name: String, type: EntityType) throws -> Int64? {
        try connection.run(prepared: "SELECT id FROM entities WHERE name = $1 AND type = $2", [name, type.rawValue]).firstID
    }

    func aliasIDs(normalized: String, type: EntityType) throws -> [Int64] {
        try connection.run(prepared: """
            SELECT DISTINCT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
            WHERE a.normalized = $1 AND e.type = $2 LIMIT 2
            """, [normalized, type.rawValue]).all.compactMap { $0.integer(0) }
    }

    /// Another daemon may insert the same (name, type) at the same moment: the server
    /// makes this insert wait for its commit, and the row it committed is returned.
    func insert(name: String, type: EntityType) throws -> Int64 {
        if let id = try connection.run(prepared: """
            INSERT INTO entities(name, type) VALUES ($1, $2) ON CONFLICT (name, type) DO NOTHING RETURNING id
            """, [name, type.rawValue]).firstID {
            return id
        }
        guard let id = try storedID(name: name, type: type) else {
            throw PostgresError(sqlState: "40001", message: "entity \(name) was neither inserted nor found; retrying")
        }
        return id
    }

    func insertAlias(entityID: Int64, alias: String, normalized: String) throws {
        try connection.run(prepared: """
            INSERT INTO entity_aliases(entity_id, alias, normalized) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
            """, [String(entityID), alias, normalized])
    }

    func lookup(name: String, preferring type: EntityType) throws -> Int64? {
        try connection.run(prepared: """
            SELECT id FROM entities WHERE name = $1 ORDER BY type <> $2, id LIMIT 1
            """, [name, type.rawValue]).firstID
    }
}
