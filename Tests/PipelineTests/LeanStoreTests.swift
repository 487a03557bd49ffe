import Foundation
import GRDB
import Testing
@testable import Pipeline
import TestSupport

/// Schema versions 7 and 8: each text stored once, an event mention's shared columns read
/// through its event, and every column an analyst read before still read under its old
/// name with its old value.
@Suite struct LeanStoreTests {
    /// The views and tables an analyst reads, each as `SELECT *` in id order.
    static let analystViews = ["documents", "mentions", "value_mentions", "event_mentions", "quotes",
                               "gdelt_events", "removed_spans", "sentences", "events"]

    /// Every row of the analyst's views and tables, each value with its storage class
    /// (`int64(4)` is not `double(4.0)`), in id order.
    private static func everyTypedRow(_ db: Database) throws -> [String: [[String]]] {
        try everyRow(db).mapValues { rows in
            rows.map { row in row.databaseValues.map { String(describing: $0.storage) } }
        }
    }

    private static func everyRow(_ db: Database) throws -> [String: [Row]] {
        var rows: [String: [Row]] = [:]
        for name in analystViews {
            let order = name == "gdelt_events" ? "GLOBALEVENTID" : name == "sentences" ? "document_id, ordinal" : "id"
            rows[name] = try Row.fetchAll(db, sql: "SELECT * FROM \(name) ORDER BY \(order)")
        }
        return rows
    }

    /// A new file in a new folder, migrated up to `migration` and no further: an old version's file.
    private func fileMigrated(upTo migration: String) throws -> (TemporaryFolder, String, DatabasePool) {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        let pool = try DatabasePool(path: path)
        try StoreSchema.migrator.migrate(pool, upTo: migration)
        return (dir, path, pool)
    }

    @Test func aVersion6FileIsConvertedAndReadsAsItDidBefore() throws {
        // A version-6 file with what the version-6 writer stored: the source text whole, and
        // every text column filled, one of each that is not the clean text at its offsets.
        let (dir, path, old) = try fileMigrated(upTo: "v6 event actor codes and event dates")
        defer { withExtendedLifetime(dir) {} }
        let raw = "MENU\nCafé tariffs 🙂 hit Zürich. Share this\nLi Wei spoke."
        let clean = "Café tariffs 🙂 hit Zürich. Li Wei spoke."
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO documents(id, sha256, source_path, format, title, ingested_at, byte_count, raw_text, clean_text, word_count)
                VALUES (1, '01', 'inbox/a.txt', 'txt', 'Zürich news', '2026-01-01T00:00:00.000Z', 60, ?, ?, 8),
                       (2, '02', 'inbox/b.txt', 'txt', 'Plain', '2026-01-02T00:00:00.000Z', 12, 'Dredging on.', 'Dredging on.', 2);
                -- Spans stored out of order: the source text is rebuilt by their start.
                INSERT INTO removed_spans(id, document_id, start, "end", reason, text)
                VALUES (1, 1, 32, 43, 'share', 'Share this\n'), (2, 1, 0, 5, 'navigation', 'MENU\n');
                INSERT INTO sentences(document_id, ordinal, start, "end") VALUES (1, 0, 0, 26), (1, 1, 27, 40), (2, 0, 0, 12);
                INSERT INTO entities(id, name, type) VALUES (7, 'Zürich', 'LOCATION'), (8, 'Li Wei', 'PERSON');
                INSERT INTO document_entities(document_id, ordinal, entity_id, name, mention_count)
                VALUES (1, 0, 7, 'Zürich', 1), (1, 1, 8, 'Li Wei', 1);
                INSERT INTO mentions(document_id, entity_id, entity_ordinal, text, start, "end", sentence)
                VALUES (1, 7, 0, 'Zürich', 19, 25, 0), (1, 8, 1, 'Wei Li', 27, 33, 1);
                INSERT INTO value_mentions(document_id, type, text, start, "end", normalized)
                VALUES (1, 'QUANTITY', 'tariffs', 5, 12, '{"value": 1}');
                INSERT INTO quotes(document_id, speaker, text, start, "end") VALUES (1, 'Li Wei', 'spoke', 34, 39);
                INSERT INTO events(id, code, root, quad_class, goldstein, source, target, event_date, num_mentions,
                                   num_documents, first_seen_at, last_seen_at)
                VALUES (3, '163', '16', 4, -8.0, 'Zürich', '', '2026-01-01', 1, 1, '2026-01-01T00:00:00.000Z',
                        '2026-01-01T00:00:00.000Z');
                INSERT INTO event_mentions(document_id, event_id, code, root, quad_class, goldstein, source, polarity,
                                           trigger, sentence, start, "end", trigger_start, trigger_end, source_code)
                VALUES (1, 3, '163', '16', 4, -8.0, 'Zürich', 'asserted', 'tariffs', 'Café tariffs 🙂 hit Zürich.',
                        0, 26, 5, 12, 'CHE'),
                       (1, 3, '163', '16', 4, -8.0, 'Zürich', 'negated', 'hit', 'not the sentence', 27, 40, 15, 18, NULL);
                INSERT INTO documents_fts(rowid, title, clean_text) SELECT id, title, clean_text FROM documents;
                """, arguments: [raw, clean])
        }
        let before = try old.read(Self.everyRow)
        try old.close()

        let store = try ArticleStore(path: path)
        #expect(try store.schemaVersion() == StoreSchema.version)
        let after = try store.reading(Self.everyRow)
        for name in Self.analystViews {
            #expect(after[name] == before[name], "\(name) reads differently after the migration")
        }
        #expect(after["documents"]?.first?["raw_text"] == raw)
        let (stored, columns, broken) = try store.reading { db in
            (try String.fetchAll(db, sql: """
                SELECT coalesce(sentence, '-') || '|' || coalesce(trigger, '-') FROM event_mention_rows
                UNION ALL SELECT coalesce(text, '-') FROM mention_rows
                UNION ALL SELECT coalesce(text, '-') FROM value_mention_rows
                UNION ALL SELECT coalesce(text, '-') FROM quote_rows
                """),
             try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('document_rows')"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
        }
        // Only the two texts that are not the clean text at their offsets are still stored.
        #expect(stored == ["-|-", "not the sentence|-", "-", "Wei Li", "-", "-"])
        #expect(!columns.contains("raw_text"))
        #expect(broken == 0)
        #expect(try store.search("zurich").map(\.documentID) == [1])
        #expect(try store.search("dredging").map(\.documentID) == [2])

        // The converted file takes new documents, and exports every one as it was stored.
        _ = try store.write([.document(Sample.trade())])
        var exported: [ExtractedDocument] = []
        try store.exportDocuments { exported.append($0) }
        #expect(exported.map(\.analyzed.clean.decoded.text) == [raw, "Dredging on.", Sample.trade().analyzed.clean.decoded.text])
        #expect(exported[0].events.map(\.sentence) == ["Café tariffs 🙂 hit Zürich.", "not the sentence"])
        let writer = try DatabaseQueue(path: path)
        try writer.write { db in
            try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        }
    }

    @Test func aVersion7FileIsConvertedAndReadsAsItDidBefore() throws {
        // A version-7 file whose event mentions are of every kind the version-8 rows must
        // tell apart: one whose shared columns are its event's, and the exceptions.
        let (dir, path, old) = try fileMigrated(upTo: "v7 text stored once, in the clean text")
        defer { withExtendedLifetime(dir) {} }
        let clean = "Zürich slapped tariffs on Bern. Nobody met."
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO document_rows(id, sha256, source_path, format, title, ingested_at, byte_count, clean_text, word_count)
                VALUES (1, '01', 'inbox/a.txt', 'txt', 'Zürich', '2026-01-01T00:00:00.000Z', 45, ?, 7);
                INSERT INTO sentences(document_id, ordinal, start, "end") VALUES (1, 0, 0, 31), (1, 1, 32, 43);
                INSERT INTO events(id, code, root, quad_class, goldstein, source, target, event_date, num_mentions,
                                   num_documents, first_seen_at, last_seen_at, location)
                VALUES (3, '163', '16', 4, -8.0, 'Zürich', 'Bern', '2026-01-01', 3, 1, '2026-01-01T00:00:00.000Z',
                        '2026-01-01T00:00:00.000Z', 'Bern'),
                       (4, '010', '01', 1, 0.0, '', 'Bern', '2026-01-01', 1, 1, '2026-01-01T00:00:00.000Z',
                        '2026-01-01T00:00:00.000Z', NULL);
                INSERT INTO event_mention_rows(id, document_id, event_id, confidence, code, root, quad_class, goldstein,
                                               source, target, polarity, start, "end", trigger_start, trigger_end,
                                               quantities, event_date, location, source_code)
                VALUES -- As the writer stores them: everything shared is the event's.
                       (10, 1, 3, 1.0, '163', '16', 4, -8.0, 'Zürich', 'Bern', 'asserted', 0, 31, 7, 22, '[]',
                        '2026-01-01', NULL, 'CHE'),
                       (11, 1, 3, 0.9, '163', '16', 4, -8.0, 'Zürich', 'Bern', 'negated', 0, 31, 7, 22,
                        '["$5"]', '2026-01-01', 'Bern', NULL),
                       -- A Goldstein score from an older codebook, no date of its own, the
                       -- default confidence of version 3.
                       (12, 1, 3, 0.5, '163', '17', 4, -9.5, 'Zürich', 'Bern', 'hypothetical', 0, 31, 7, 22, '[]',
                        NULL, NULL, NULL),
                       -- An actor named by the empty string, which the key cannot tell from none.
                       (13, 1, 4, 1.0, '010', '01', 1, 0.0, '', 'Bern', 'asserted', 32, 43, 32, 38, '[]',
                        '2026-01-01', NULL, NULL),
                       -- A mention without an event.
                       (14, 1, NULL, 0.4, '020', '02', 1, 3.0, NULL, NULL, 'negated', 32, 43, 32, 38, '[]',
                        '2026-01-02', NULL, NULL);
                INSERT INTO documents_fts(rowid, title, clean_text) SELECT id, title, clean_text FROM document_rows;
                """, arguments: [clean])
        }
        let before = try old.read(Self.everyTypedRow)
        let affinities = "SELECT (SELECT count(*) FROM event_mentions WHERE quad_class = '4'), "
            + "(SELECT count(*) FROM event_mentions WHERE code = 163), "
            + "(SELECT count(*) FROM event_mentions WHERE goldstein = '-8'), "
            + "(SELECT group_concat(polarity) FROM event_mentions WHERE confidence > '0.8')"
        let affinitiesBefore = try old.read { db in try Row.fetchOne(db, sql: affinities) }
        try old.close()

        let store = try ArticleStore(path: path)
        #expect(try store.schemaVersion() == 8)
        let after = try store.reading(Self.everyTypedRow)
        for name in Self.analystViews {
            #expect(after[name] == before[name], "\(name) reads differently after the migration")
        }
        #expect(after["event_mentions"]?.count == 5)
        let (differences, rows, columns, affinitiesAfter, broken) = try store.reading { db in
            (try Int64.fetchAll(db, sql: "SELECT id FROM event_mention_differences ORDER BY id"),
             try String.fetchAll(db, sql: """
                SELECT id || ':' || coalesce(polarity, '-') || ':' || coalesce(quantities, '-') || ':'
                       || coalesce(confidence, '-') FROM event_mention_rows ORDER BY id
                """),
             try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('event_mention_rows')"),
             try Row.fetchOne(db, sql: affinities),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
        }
        // Only the three exceptions keep their shared columns, and only what the view
        // cannot tell from the rest of the row is stored.
        #expect(differences == [12, 13, 14])
        #expect(rows == ["10:-:-:-", "11:negated:[\"$5\"]:-", "12:hypothetical:-:0.5", "13:-:-:-", "14:negated:-:-"])
        for shared in ["code", "root", "quad_class", "goldstein", "source", "target", "event_date"] {
            #expect(!columns.contains(shared), "event_mention_rows still stores \(shared)")
        }
        // Comparisons with numbers and text convert as the version-7 columns did.
        #expect(affinitiesAfter == affinitiesBefore)
        #expect(broken == 0)

        // The converted file takes new documents, and exports the old ones as they were.
        _ = try store.write([.document(Sample.trade())])
        var exported: [ExtractedDocument] = []
        try store.exportDocuments { exported.append($0) }
        #expect(exported.first?.events.map(\.goldstein) == [-8.0, -8.0, -9.5, 0.0, 3.0])
        #expect(exported.first?.events.map(\.source) == ["Zürich", "Zürich", "Zürich", "", nil])
        #expect(exported.last?.events == Sample.trade().events)
    }

    @Test func theWriterStoresWhatAMentionSharesWithItsEventOnce() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        var first = Sample.trade()
        let base = first.events[0]
        // Every combination the confidence depends on, dated as the key is (the
        // publication day), so all their shared columns are their events'.
        var events: [Event] = []
        for source in ["United States", nil] {
            for target in ["China", nil] {
                for polarity in [EventPolarity.asserted, .negated] {
                    var event = base
                    event.source = source
                    event.target = target
                    event.polarity = polarity
                    event.date = "2018-06-15"
                    events.append(event)
                }
            }
        }
        var unlike = base
        unlike.source = ""              // the key's "no actor"
        unlike.date = "2018-06-15"
        unlike.quantities = ["$50 billion"]
        first.events = events + [unlike]
        // A later document reports the first event with the scores of another codebook,
        // and one without a date of its own.
        var second = Sample.trade(path: "inbox/later.txt", body: " Later.")
        var rescored = events[0]
        rescored.root = "17"
        rescored.goldstein = -9.5
        var undated = events[0]
        undated.date = nil
        second.events = [rescored, undated]
        _ = try store.write([.document(first), .document(second)])

        var exported: [ExtractedDocument] = []
        try store.exportDocuments { exported.append($0) }
        #expect(exported.map(\.events) == [first.events, second.events])
        let (confidences, stored, differences, eventRows) = try store.reading { db in
            (try Double.fetchAll(db, sql: "SELECT confidence FROM event_mentions ORDER BY id"),
             try String.fetchAll(db, sql: """
                SELECT coalesce(polarity, '-') || ':' || coalesce(quantities, '-') || ':' || coalesce(confidence, '-')
                FROM event_mention_rows ORDER BY id
                """),
             try String.fetchAll(db, sql: """
                SELECT m.id || ':' || x.root || ':' || x.goldstein || ':' || quote(x.source) || ':' || quote(x.event_date)
                FROM event_mention_differences x JOIN event_mention_rows m ON m.id = x.id ORDER BY x.id
                """),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM events"))
        }
        // The view's confidence is the writer's rule, bit for bit, in every combination.
        #expect(confidences == (first.events + second.events).map(BatchWriter.confidence))
        #expect(stored == Array(repeating: ["-:-:-", "negated:-:-"], count: 4).flatMap { $0 }
            + ["-:[\"$50 billion\"]:-", "-:-:-", "-:-:-"])
        #expect(differences == ["9:16:-8.0:'':'2018-06-15'", "10:17:-9.5:'United States':'2018-06-15'",
                                "11:16:-8.0:'United States':NULL"])
        #expect(eventRows == 4)
    }

    @Test func theWriterStoresEachTextOnce() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        let original = Sample.trade()
        _ = try store.write([.document(original)])
        let (raw, stored) = try store.reading { db in
            (try String.fetchOne(db, sql: "SELECT raw_text FROM documents"),
             try String.fetchAll(db, sql: """
                SELECT coalesce(sentence, '-') || '|' || coalesce(trigger, '-') FROM event_mention_rows
                UNION ALL SELECT coalesce(text, '-') FROM mention_rows
                UNION ALL SELECT coalesce(text, '-') FROM value_mention_rows
                UNION ALL SELECT coalesce(text, '-') FROM quote_rows
                """))
        }
        #expect(raw == original.analyzed.clean.decoded.text)
        // The sample's second event and second quote carry texts that are not their slices.
        #expect(stored == ["-|-", "s|said", "-", "-", "-", "-", "-", "-", "-", "-", "x"])
    }

    @Test func aSliceIsLeftOutOnlyWhenItIsExactlyTheText() {
        let slices = CleanTextSlices("Café 🙂 Zürich")
        #expect(slices.stored("Café", start: 0, end: 4) == nil)
        #expect(slices.stored("🙂", start: 5, end: 6) == nil)
        #expect(slices.stored("Zürich", start: 7, end: 13) == nil)
        #expect(slices.stored("", start: 3, end: 3) == nil)
        #expect(slices.stored("Cafe", start: 0, end: 4) == "Cafe")
        #expect(slices.stored("Caf", start: 0, end: 4) == "Caf")
        #expect(slices.stored("Café ", start: 0, end: 4) == "Café ")
        #expect(slices.stored("Zürich", start: 7, end: 14) == "Zürich")
        #expect(slices.stored("x", start: 2, end: 1) == "x")
    }
}
