import GRDB

/// Writes the items of one batch inside the transaction `ArticleStore.write` opened.
///
/// Promises: one outcome per item, in order; a sha256 already stored (before or earlier in
/// the batch) adds only a `files` row and yields `.duplicate`; every item, stored,
/// duplicate or failed, has its `files` row, and a path+content seen again only moves
/// `last_seen_at`. Statements are cached on the connection, so after the first batch no
/// SQL is parsed on this path.
///
/// Lives for one transaction: `storedInBatch` holds ids a rollback could undo. The
/// entity resolver is lent by the store for the batch and handed back after the commit.
struct BatchWriter {
    /// The batch's timestamp (ISO 8601 UTC); every row of the batch shares it.
    let now: String
    var resolver: CanonicalEntityIndex
    private var storedInBatch: [String: Int64] = [:]
    /// The largest document id before the batch: every newer row is the batch's, and
    /// goes into the full-text index at its end.
    private let lastDocumentIDBefore: Int64

    /// Starts a batch in the transaction `db` is in.
    init(resolver: CanonicalEntityIndex, in db: Database) throws {
        self.now = try Self.timestamp(in: db)
        self.resolver = resolver
        self.lastDocumentIDBefore = try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(id), 0) FROM document_rows")) ?? 0
    }

    /// Indexes the batch's new documents for full-text search, in one statement after all
    /// the others: FTS5 then flushes one index segment per batch, not one per document
    /// (see migration v5).
    func indexFullText(in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO documents_fts(rowid, title, clean_text)
            SELECT id, title, clean_text FROM document_rows WHERE id > ? ORDER BY id
            """).execute(arguments: [lastDocumentIDBefore])
    }

    /// Forgets what the item with `sha256` may have left in the memos, after its savepoint
    /// was rolled back.
    mutating func itemRolledBack(sha256: String?) {
        if let sha256 { storedInBatch[sha256] = nil }
        resolver.forget()
    }

    /// The current time as SQLite formats it, with milliseconds.
    static func timestamp(in db: Database) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")) ?? ""
    }

    mutating func write(_ item: PipelineItem, in db: Database) throws -> PipelineOutcome {
        switch item {
        case .document(let doc):
            return try write(doc, in: db)
        case .failure(let failed):
            try recordFile(path: failed.source.path, sha256: failed.sha256, size: failed.byteCount,
                           state: "failed", error: failed.error, documentID: nil, in: db)
            return PipelineOutcome(sequence: failed.sequence, source: failed.source, sha256: failed.sha256,
                                   disposition: .failed(failed.error))
        }
    }

    private mutating func write(_ doc: ExtractedDocument, in db: Database) throws -> PipelineOutcome {
        let decoded = doc.analyzed.clean.decoded
        if let existing = try existingDocument(sha256: decoded.sha256, in: db) {
            try recordFile(path: decoded.source.path, sha256: decoded.sha256, size: decoded.byteCount,
                           state: "duplicate", error: nil, documentID: existing, in: db)
            return PipelineOutcome(sequence: decoded.sequence, source: decoded.source, sha256: decoded.sha256,
                                   disposition: .duplicate(documentID: existing), document: doc)
        }
        let id = try insertDocument(doc, in: db)
        storedInBatch[decoded.sha256] = id
        try recordFile(path: decoded.source.path, sha256: decoded.sha256, size: decoded.byteCount,
                       state: "stored", error: nil, documentID: id, in: db)
        return PipelineOutcome(sequence: decoded.sequence, source: decoded.source, sha256: decoded.sha256,
                               disposition: .stored(documentID: id), document: doc)
    }

    private func existingDocument(sha256: String, in db: Database) throws -> Int64? {
        if let id = storedInBatch[sha256] { return id }
        let statement = try db.cachedStatement(sql: "SELECT id FROM document_rows WHERE sha256 = ?")
        return try Int64.fetchOne(statement, arguments: [sha256])
    }

    private func recordFile(path: String, sha256: String?, size: Int, state: String, error: PipelineError?,
                            documentID: Int64?, in db: Database) throws {
        // A file seen again keeps its first state unless that was a failure: a later
        // success (say after a fix to the decoder) is what the ledger should say now.
        let statement = try RowStatement(db, sql: """
            INSERT INTO files(path, sha256, size, state, error_kind, error_stage, error, document_id,
                              first_seen_at, last_seen_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path, coalesce(sha256, '')) DO UPDATE SET
                last_seen_at = excluded.last_seen_at,
                size = excluded.size,
                error_kind = CASE WHEN files.state = 'failed' THEN excluded.error_kind ELSE files.error_kind END,
                error_stage = CASE WHEN files.state = 'failed' THEN excluded.error_stage ELSE files.error_stage END,
                error = CASE WHEN files.state = 'failed' THEN excluded.error ELSE files.error END,
                state = CASE WHEN files.state = 'failed' THEN excluded.state ELSE files.state END,
                document_id = coalesce(files.document_id, excluded.document_id)
            """)
        try statement.execute { row in
            row.bind(path); row.bind(sha256); row.bind(size); row.bind(state)
            row.bind(error?.kind.rawValue); row.bind(error?.stage.rawValue); row.bind(error?.message)
            row.bind(documentID); row.bind(now); row.bind(now)
        }
    }

    private mutating func insertDocument(_ doc: ExtractedDocument, in db: Database) throws -> Int64 {
        let clean = doc.analyzed.clean
        let decoded = clean.decoded
        let meta = decoded.metadata
        let insert = try RowStatement(db, sql: """
            INSERT INTO document_rows(sha256, source_path, format, title, byline, published, site_name, url,
                                      language, ingested_at, byte_count, clean_text, word_count, warnings)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let warnings = JSONValue.array(decoded.warnings.map(JSONValue.string)).serialized()
        try insert.execute { row in
            row.bind(decoded.sha256); row.bind(decoded.source.path); row.bind(decoded.format.rawValue)
            row.bind(meta.title); row.bind(meta.byline); row.bind(meta.published); row.bind(meta.siteName)
            row.bind(meta.url); row.bind(meta.language); row.bind(now); row.bind(decoded.byteCount)
            row.bind(clean.text); row.bind(Self.wordCount(clean.text)); row.bind(warnings)
        }
        let id = db.lastInsertedRowID
        // The source text is not stored: the `documents` view rebuilds it from the clean
        // text and the removed spans' text (schema 7; `CleanDocument`'s invariant).
        let slices = CleanTextSlices(clean.text)

        try insertRemoved(clean, documentID: id, in: db)
        try insertSentences(doc.analyzed.sentences, documentID: id, in: db)
        let entityIDs = try insertEntities(doc.analyzed.entities, documentID: id, slices: slices, in: db)
        try insertValues(doc.analyzed.values, documentID: id, slices: slices, in: db)
        try insertEvents(doc.events, entityIDs: entityIDs, documentID: id,
                         published: doc.analyzed.clean.decoded.referenceDate, slices: slices, in: db)
        try insertQuotes(doc.quotes, entityIDs: entityIDs, documentID: id, slices: slices, in: db)
        try insertTimings(doc.timings, documentID: id, in: db)
        try countFurniture(clean, in: db)
        return id
    }

    /// Counts the document once for each short block it held, under its site. Only newly
    /// stored documents get here, so a duplicate file never counts twice.
    private func countFurniture(_ clean: CleanDocument, in db: Database) throws {
        guard let site = clean.furnitureSite, !clean.blockFingerprints.isEmpty else { return }
        let statement = try RowStatement(db, sql: """
            INSERT INTO furniture_fingerprints(site, fingerprint, documents, first_seen_at, last_seen_at)
            VALUES (?, ?, 1, ?, ?)
            ON CONFLICT(site, fingerprint) DO UPDATE SET
                documents = documents + 1,
                last_seen_at = excluded.last_seen_at
            """)
        for fingerprint in clean.blockFingerprints {
            // SQLite integers are signed; the fingerprint's bits are kept as they are.
            try statement.execute { row in
                row.bind(site); row.bind(Int64(bitPattern: fingerprint)); row.bind(now); row.bind(now)
            }
        }
    }

    private func insertRemoved(_ clean: CleanDocument, documentID: Int64, in db: Database) throws {
        guard !clean.removed.isEmpty else { return }
        // The removed text is kept: with the clean text it is the source text (the
        // `documents` view's `raw_text`).
        let statement = try RowStatement(db, sql: """
            INSERT INTO removed_spans(document_id, start, "end", reason, text) VALUES (?, ?, ?, ?, ?)
            """)
        var slicer = ScalarSlicer(clean.decoded.text)
        for span in clean.removed {
            let text = slicer.slice(span.start, span.end)
            try statement.execute { row in
                row.bind(documentID); row.bind(span.start); row.bind(span.end); row.bind(span.reason.rawValue)
                row.bind(text)
            }
        }
    }

    private func insertSentences(_ sentences: [SentenceSpan], documentID: Int64, in db: Database) throws {
        let statement = try RowStatement(db, sql: """
            INSERT INTO sentences(document_id, ordinal, start, "end") VALUES (?, ?, ?, ?)
            """)
        for (ordinal, sentence) in sentences.enumerated() {
            try statement.execute { row in
                row.bind(documentID); row.bind(ordinal); row.bind(sentence.start); row.bind(sentence.end)
            }
        }
    }

    /// Inserts the document's entities and mentions; returns canonical ids by the names
    /// the document uses, for events and quotes.
    private mutating func insertEntities(_ entities: [Entity], documentID: Int64, slices: CleanTextSlices,
                                         in db: Database) throws -> [String: Int64] {
        let link = try RowStatement(db, sql: """
            INSERT INTO document_entities(document_id, ordinal, entity_id, name, role, mention_count)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        let mention = try RowStatement(db, sql: """
            INSERT INTO mention_rows(document_id, entity_id, entity_ordinal, text, start, "end", sentence, metonym_for)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var ids: [String: Int64] = [:]
        for (ordinal, entity) in entities.enumerated() {
            let entityID = try resolver.resolve(entity, in: SQLiteEntityRows(db: db))
            if ids[entity.name] == nil { ids[entity.name] = entityID }
            try link.execute { row in
                row.bind(documentID); row.bind(ordinal); row.bind(entityID); row.bind(entity.name)
                row.bind(entity.role); row.bind(entity.mentions.count)
            }
            for m in entity.mentions {
                try mention.execute { row in
                    row.bind(documentID); row.bind(entityID); row.bind(ordinal)
                    row.bind(slices.stored(m.text, start: m.start, end: m.end))
                    row.bind(m.start); row.bind(m.end); row.bind(m.sentence); row.bind(m.metonymFor)
                }
            }
        }
        return ids
    }

    private func insertValues(_ values: [ValueMention], documentID: Int64, slices: CleanTextSlices,
                              in db: Database) throws {
        let statement = try RowStatement(db, sql: """
            INSERT INTO value_mention_rows(document_id, type, text, start, "end", normalized, amount, currency, date_value)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for value in values {
            let (amount, currency, date) = value.storedColumns
            let serialized = value.normalized.serialized()
            try statement.execute { row in
                row.bind(documentID); row.bind(value.type.rawValue)
                row.bind(slices.stored(value.text, start: value.start, end: value.end)); row.bind(value.start)
                row.bind(value.end); row.bind(serialized); row.bind(amount); row.bind(currency); row.bind(date)
            }
        }
    }

    /// Each event the document reports becomes an `event_mention_rows` row, linked to the
    /// distinct `events` row for its code, source, target and date (created or counted).
    /// The row leaves out what the `event_mentions` view reads elsewhere (schema 8): the
    /// columns it shares with its event, unless they differ (then all seven go into
    /// `event_mention_differences`), and polarity, quantities and confidence when they
    /// are `asserted`, `[]` and what `confidence(_:)` gives.
    private func insertEvents(_ events: [Event], entityIDs: [String: Int64], documentID: Int64,
                              published: String?, slices: CleanTextSlices, in db: Database) throws {
        let mention = try RowStatement(db, sql: """
            INSERT INTO event_mention_rows(document_id, event_id, confidence, source_entity_id, target_entity_id,
                               location_entity_id, location, time, polarity, trigger, sentence, start, "end",
                               trigger_start, trigger_end, source_affiliation, target_affiliation, time_normalized,
                               quantities, source_code, source_country, source_type1, source_type2,
                               target_code, target_country, target_type1, target_type2)
            VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """) // confidence: NULL, the view's sum is `confidence(_:)` for the row it reads
        let differences = try RowStatement(db, sql: """
            INSERT INTO event_mention_differences(id, code, root, quad_class, goldstein, source, target, event_date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let upsert = try RowStatement(db, sql: """
            INSERT INTO events(code, root, quad_class, goldstein, source, target, source_affiliation, target_affiliation,
                               event_date, location, num_mentions, num_documents, first_seen_at, last_seen_at,
                               source_code, source_country, source_type1, source_type2,
                               target_code, target_country, target_type1, target_type2)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(code, source, target, event_date) DO UPDATE SET
                num_mentions = num_mentions + 1,
                num_documents = num_documents + excluded.num_documents,
                last_seen_at = excluded.last_seen_at,
                \(DistinctEventMerge.sqliteAssignments)
            """)
        let existing = try RowStatement(db, sql: """
            SELECT id, source_affiliation, target_affiliation, location, source_code, target_code,
                   root, quad_class, goldstein
            FROM events WHERE code = ? AND source = ? AND target = ? AND event_date = ?
            """)
        let count = try RowStatement(db, sql: """
            UPDATE events SET num_mentions = num_mentions + 1, num_documents = num_documents + ?, last_seen_at = ?
            WHERE id = ?
            """)
        // The distinct events this document has reported so far: a second mention of one
        // counts a mention, not another document.
        var reported: Set<DistinctEventKey> = []
        for event in events {
            let source = try entityID(event.source, among: entityIDs, preferring: .organization, in: db)
            let target = try entityID(event.target, among: entityIDs, preferring: .organization, in: db)
            let location = try entityID(event.location, among: entityIDs, preferring: .location, in: db)
            let date = Self.eventDate(event, published: published, ingested: String(now.prefix(10)))
            let key = DistinctEventKey(code: event.code, source: event.source ?? "", target: event.target ?? "", date: date)
            let isNewToDocument = reported.insert(key).inserted
            let stored = try distinctEvent(for: event, key: key, isNewToDocument: isNewToDocument,
                                           existing: existing, count: count, upsert: upsert, in: db)
            let quantities = event.quantities.isEmpty
                ? nil : JSONValue.array(event.quantities.map(JSONValue.string)).serialized()
            try mention.execute { row in
                row.bind(documentID); row.bind(stored.id)
                row.bind(source); row.bind(target); row.bind(location); row.bind(event.location); row.bind(event.time)
                row.bind(event.polarity == .asserted ? nil : event.polarity.rawValue)
                row.bind(slices.stored(event.trigger, start: event.triggerStart, end: event.triggerEnd))
                row.bind(slices.stored(event.sentence, start: event.start, end: event.end))
                row.bind(event.start); row.bind(event.end)
                row.bind(event.triggerStart); row.bind(event.triggerEnd); row.bind(event.sourceAffiliation)
                row.bind(event.targetAffiliation); row.bind(event.timeNormalized); row.bind(quantities)
                Self.bindActors(event, to: &row)
            }
            if !stored.shared.matches(event) {
                let mentionID = db.lastInsertedRowID
                try differences.execute { row in
                    row.bind(mentionID); row.bind(event.code); row.bind(event.root); row.bind(event.quadClass)
                    row.bind(event.goldstein); row.bind(event.source); row.bind(event.target); row.bind(event.date)
                }
            }
        }
    }

    /// What an `events` row gives the `event_mentions` view for each of its mentions
    /// (schema 8): the key, with a missing actor as `''`, and the root, quad class and
    /// Goldstein score it was made with.
    private struct SharedEventColumns {
        var key: DistinctEventKey
        var root: String
        var quadClass: Int
        var goldstein: Double

        /// Whether the view reads exactly the event's own values through this row.
        func matches(_ event: Event) -> Bool {
            event.code == key.code && event.root == root && event.quadClass == quadClass
                && event.goldstein == goldstein && event.source == Self.actor(key.source)
                && event.target == Self.actor(key.target) && event.date == key.date
        }

        /// A key's actor as a mention shows it: `''` is none.
        private static func actor(_ name: String) -> String? { name.isEmpty ? nil : name }
    }

    /// The source's and target's actor codes and parts, in the column order of version 6.
    private static func bindActors(_ event: Event, to row: inout ColumnBinder) {
        for actor in [event.sourceActor, event.targetActor] {
            row.bind(actor?.code); row.bind(actor?.country); row.bind(actor?.type1); row.bind(actor?.type2)
        }
    }

    /// What tells one distinct event from another: the `events` table's unique key.
    private struct DistinctEventKey: Hashable {
        var code: String
        var source: String
        var target: String
        var date: String
    }

    /// The `events` row for this key, inserted the first time and counted after that (a
    /// mention always, a document when the event is new to it), with the mention's
    /// descriptive columns merged in by `DistinctEventMerge`.
    ///
    /// Most mentions are of an event already stored whose merge would change nothing: the
    /// row is looked up first and, when `DistinctEventMerge.changes` says so, only its
    /// counts are written, which leaves the row's indexes alone. Otherwise the upsert
    /// inserts or merges, and the row is exactly what the upsert alone would have made.
    /// (SQLite only: the lookup and the update are two statements, safe because the
    /// batch's transaction holds the database's one write lock. PostgreSQL keeps its
    /// single upsert: there several daemons write the same rows at once.)
    ///
    /// No `RETURNING`: SQLite builds a temporary table for each statement that returns
    /// rows, which cost more than the insert. A new row's id is the last inserted rowid.
    private func distinctEvent(for event: Event, key: DistinctEventKey, isNewToDocument: Bool,
                               existing: RowStatement, count: RowStatement, upsert: RowStatement,
                               in db: Database) throws -> (id: Int64, shared: SharedEventColumns) {
        let stored = try existing.selectFirst({ row in
            row.bind(key.code); row.bind(key.source); row.bind(key.target); row.bind(key.date)
        }, read: { row in
            (id: row.int64(0),
             columns: DistinctEventMerge.Columns(sourceAffiliation: row.text(1), targetAffiliation: row.text(2),
                                                 location: row.text(3), sourceCode: row.text(4), targetCode: row.text(5)),
             shared: SharedEventColumns(key: key, root: row.text(6) ?? "", quadClass: Int(row.int64(7)),
                                        goldstein: row.double(8)))
        })
        let incoming = DistinctEventMerge.Columns(sourceAffiliation: event.sourceAffiliation,
                                                  targetAffiliation: event.targetAffiliation, location: event.location,
                                                  sourceCode: event.sourceActor?.code, targetCode: event.targetActor?.code)
        if let stored, !DistinctEventMerge.changes(stored.columns, taking: incoming) {
            try count.execute { row in
                row.bind(isNewToDocument ? 1 : 0); row.bind(now); row.bind(stored.id)
            }
            return (stored.id, stored.shared)
        }
        try upsert.execute { row in
            row.bind(key.code); row.bind(event.root); row.bind(event.quadClass); row.bind(event.goldstein)
            row.bind(key.source); row.bind(key.target); row.bind(event.sourceAffiliation)
            row.bind(event.targetAffiliation); row.bind(key.date); row.bind(event.location)
            row.bind(isNewToDocument ? 1 : 0); row.bind(now); row.bind(now)
            Self.bindActors(event, to: &row)
        }
        // The upsert changes none of the shared columns of a stored row; a new row has the event's.
        return stored.map { ($0.id, $0.shared) }
            ?? (db.lastInsertedRowID,
                SharedEventColumns(key: key, root: event.root, quadClass: event.quadClass, goldstein: event.goldstein))
    }

    /// The date that tells one event from another like it: the event's own date when the
    /// text fixes it, else the document's reference day (`DecodedDocument.referenceDate`: its
    /// publication day, else its file's modification day), else, for bytes that came from no
    /// file and state no date, the day they were ingested.
    static func eventDate(_ event: Event, published: String?, ingested: String) -> String {
        if let day = event.date, isCalendarDate(day) { return day }
        if let normalized = event.timeNormalized, isCalendarDate(normalized) { return normalized }
        if let published, published.count >= 10, isCalendarDate(String(published.prefix(10))) {
            return String(published.prefix(10))
        }
        return ingested
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with digits only: a date with nothing left open.
    static func isCalendarDate(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return false }
        for (offset, byte) in bytes.enumerated() {
            let isDash = offset == 4 || offset == 7
            if isDash ? byte != UInt8(ascii: "-") : !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { return false }
        }
        return true
    }

    /// How completely the event was extracted, not a calibrated probability: a named
    /// source and target and an asserted act score highest. The SQLite store does not
    /// store it: the `event_mentions` view computes the same sum, in the same order
    /// (`StoreSchema.EventMentionColumns.confidence`; change both together).
    static func confidence(_ event: Event) -> Double {
        var score = 0.4
        if event.source != nil { score += 0.25 }
        if event.target != nil { score += 0.25 }
        if event.polarity == .asserted { score += 0.1 }
        return score
    }

    private func insertQuotes(_ quotes: [Quote], entityIDs: [String: Int64], documentID: Int64,
                              slices: CleanTextSlices, in db: Database) throws {
        let statement = try RowStatement(db, sql: """
            INSERT INTO quote_rows(document_id, speaker_entity_id, speaker, text, start, "end") VALUES (?, ?, ?, ?, ?, ?)
            """)
        for quote in quotes {
            let speaker = try entityID(quote.speaker, among: entityIDs, preferring: .person, in: db)
            try statement.execute { row in
                row.bind(documentID); row.bind(speaker); row.bind(quote.speaker)
                row.bind(slices.stored(quote.text, start: quote.start, end: quote.end))
                row.bind(quote.start); row.bind(quote.end)
            }
        }
    }

    private func insertTimings(_ timings: StageTimings, documentID: Int64, in db: Database) throws {
        let statement = try RowStatement(db, sql: """
            INSERT INTO stage_timings(document_id, stage, nanoseconds) VALUES (?, ?, ?)
            """)
        for stage in StageName.allCases {
            guard let ns = timings.nanoseconds[stage] else { continue }
            // SQLite integers are signed 64-bit; no stage runs for 292 years.
            try statement.execute { row in
                row.bind(documentID); row.bind(stage.rawValue); row.bind(Int64(clamping: ns))
            }
        }
    }

    /// Slices a string by Unicode-scalar offsets without copying it into an array; spans
    /// in increasing order cost one walk of the text in total.
    struct ScalarSlicer {
        let scalars: String.UnicodeScalarView
        var index: String.UnicodeScalarView.Index
        var offset = 0

        init(_ text: String) {
            scalars = text.unicodeScalars
            index = scalars.startIndex
        }

        mutating func slice(_ start: Int, _ end: Int) -> String {
            if start < offset {
                index = scalars.startIndex
                offset = 0
            }
            index = scalars.index(index, offsetBy: start - offset, limitedBy: scalars.endIndex) ?? scalars.endIndex
            offset = start
            let upper = scalars.index(index, offsetBy: max(0, end - start), limitedBy: scalars.endIndex)
                ?? scalars.endIndex
            return String(scalars[index..<upper])
        }
    }

    private func entityID(_ name: String?, among ids: [String: Int64], preferring type: EntityType,
                          in db: Database) throws -> Int64? {
        guard let name else { return nil }
        if let id = ids[name] { return id }
        return try resolver.lookup(name: name, preferring: type, in: SQLiteEntityRows(db: db))
    }

    /// Whitespace-separated words, counted over UTF-8 bytes (non-ASCII bytes are word bytes).
    static func wordCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var inWord = false
            for byte in bytes {
                // ASCII space, \t \n \v \f \r
                let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                if !isSpace, !inWord { count += 1 }
                inWord = !isSpace
            }
            return count
        }
    }
}

extension ValueMention {
    /// The typed columns of a `value_mentions` row, in either store: a MONEY value's amount
    /// and currency, a PERCENT's or QUANTITY's number as the amount, a DATE's resolved day
    /// (else its value).
    var storedColumns: (amount: Double?, currency: String?, date: String?) {
        switch type {
        case .money:
            (normalized["amount"]?.doubleValue, normalized["currency"]?.stringValue, nil)
        case .percent, .quantity:
            (normalized["value"]?.doubleValue, nil, nil)
        case .date:
            (nil, nil, normalized["resolved"]?.stringValue ?? normalized["value"]?.stringValue)
        }
    }
}
