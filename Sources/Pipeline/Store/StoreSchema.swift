import GRDB

/// The database schema as a list of named migrations, oldest first.
///
/// Promises: a fresh file migrated to the end has exactly the tables `docs/schema.md`
/// describes; `PRAGMA user_version` equals `StoreSchema.version` and `schema_info` says
/// the same; `PRAGMA application_id` marks the file as Gleaner's so `ArticleStore` can
/// refuse to write into somebody else's database. Migrations are never edited once
/// released — a change is a new migration appended here and a line in `docs/schema.md`.
public enum StoreSchema {
    /// The schema version the last migration leaves behind (`PRAGMA user_version`).
    public static let version = 8

    /// `PRAGMA application_id` of a Gleaner database: "GLNR" in ASCII.
    public static let applicationID: Int32 = 0x474C_4E52

    /// The migrator holding every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 documents and the files ledger", migrate: createDocuments)
        migrator.registerMigration("v1 entities, aliases and mentions", migrate: createEntities)
        migrator.registerMigration("v1 values, events and quotes", migrate: createFacts)
        migrator.registerMigration("v1 full-text index over title and clean text", migrate: createFullText)
        migrator.registerMigration("v1 schema version 1", migrate: stampVersion1)
        migrator.registerMigration("v2 event affiliations, normalized time and quantities", migrate: addEventContext)
        migrator.registerMigration("v3 distinct events and their mentions, GDELT view", migrate: separateEventMentions)
        migrator.registerMigration("v4 site furniture fingerprints", migrate: createFurnitureFingerprints)
        migrator.registerMigration("v5 full-text index written once per batch", migrate: indexFullTextPerBatch)
        migrator.registerMigration("v5 event mentions reached through their events", migrate: indexMentionsByEvent)
        migrator.registerMigration("v6 entity types NORP and MISC", migrate: widenEntityTypes)
        migrator.registerMigration("v6 event actor codes and event dates", migrate: addEventActorCodes)
        migrator.registerMigration("v7 text stored once, in the clean text", migrate: storeTextOnce)
        migrator.registerMigration("v8 event mentions read their event's columns through events",
                                   migrate: readEventColumnsThroughEvents)
        return migrator
    }

    private static func createDocuments(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE schema_info (
                key   TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE documents (
                id          INTEGER PRIMARY KEY,
                sha256      TEXT NOT NULL UNIQUE,
                source_path TEXT NOT NULL,
                format      TEXT NOT NULL,
                title       TEXT,
                byline      TEXT,
                published   TEXT,
                site_name   TEXT,
                url         TEXT,
                language    TEXT,
                ingested_at TEXT NOT NULL,
                byte_count  INTEGER NOT NULL,
                raw_text    TEXT NOT NULL,
                clean_text  TEXT NOT NULL,
                word_count  INTEGER NOT NULL,
                warnings    TEXT NOT NULL DEFAULT '[]'
            );
            CREATE INDEX documents_published ON documents(published);
            CREATE INDEX documents_ingested_at ON documents(ingested_at);

            CREATE TABLE removed_spans (
                id          INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                start       INTEGER NOT NULL,
                "end"       INTEGER NOT NULL,
                reason      TEXT NOT NULL,
                text        TEXT NOT NULL
            );
            CREATE INDEX removed_spans_document ON removed_spans(document_id);
            CREATE INDEX removed_spans_reason ON removed_spans(reason);

            CREATE TABLE sentences (
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal     INTEGER NOT NULL,
                start       INTEGER NOT NULL,
                "end"       INTEGER NOT NULL,
                PRIMARY KEY (document_id, ordinal)
            ) WITHOUT ROWID;

            CREATE TABLE stage_timings (
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                stage       TEXT NOT NULL,
                nanoseconds INTEGER NOT NULL,
                PRIMARY KEY (document_id, stage)
            ) WITHOUT ROWID;
            CREATE INDEX stage_timings_stage ON stage_timings(stage);

            CREATE TABLE files (
                id            INTEGER PRIMARY KEY,
                path          TEXT NOT NULL,
                sha256        TEXT,
                size          INTEGER NOT NULL,
                state         TEXT NOT NULL CHECK (state IN ('stored', 'duplicate', 'failed')),
                error_kind    TEXT,
                error_stage   TEXT,
                error         TEXT,
                document_id   INTEGER REFERENCES documents(id) ON DELETE SET NULL,
                first_seen_at TEXT NOT NULL,
                last_seen_at  TEXT NOT NULL
            );
            -- One row per (path, content); a file whose bytes could not be read has no
            -- sha256, and the same unreadable path must still map to one row.
            CREATE UNIQUE INDEX files_path_sha256 ON files(path, coalesce(sha256, ''));
            CREATE INDEX files_sha256 ON files(sha256);
            CREATE INDEX files_state ON files(state);
            CREATE INDEX files_document ON files(document_id);
            """)
    }

    private static func createEntities(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE entities (
                id   INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('PERSON', 'ORGANIZATION', 'LOCATION', 'EVENT_NAME')),
                UNIQUE (name, type)
            );

            CREATE TABLE entity_aliases (
                entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                alias      TEXT NOT NULL,
                normalized TEXT NOT NULL,
                PRIMARY KEY (entity_id, normalized)
            ) WITHOUT ROWID;
            CREATE INDEX entity_aliases_normalized ON entity_aliases(normalized);

            CREATE TABLE document_entities (
                document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal       INTEGER NOT NULL,
                entity_id     INTEGER NOT NULL REFERENCES entities(id),
                name          TEXT NOT NULL,
                role          TEXT,
                mention_count INTEGER NOT NULL,
                PRIMARY KEY (document_id, ordinal)
            ) WITHOUT ROWID;
            CREATE INDEX document_entities_entity ON document_entities(entity_id);

            CREATE TABLE mentions (
                id             INTEGER PRIMARY KEY,
                document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                entity_id      INTEGER NOT NULL REFERENCES entities(id),
                entity_ordinal INTEGER NOT NULL,
                text           TEXT NOT NULL,
                start          INTEGER NOT NULL,
                "end"          INTEGER NOT NULL,
                sentence       INTEGER NOT NULL,
                metonym_for    TEXT
            );
            CREATE INDEX mentions_document ON mentions(document_id);
            CREATE INDEX mentions_entity ON mentions(entity_id);
            """)
    }

    private static func createFacts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE value_mentions (
                id          INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                type        TEXT NOT NULL CHECK (type IN ('MONEY', 'PERCENT', 'DATE', 'QUANTITY')),
                text        TEXT NOT NULL,
                start       INTEGER NOT NULL,
                "end"       INTEGER NOT NULL,
                normalized  TEXT NOT NULL,
                amount      REAL,
                currency    TEXT,
                date_value  TEXT
            );
            CREATE INDEX value_mentions_document ON value_mentions(document_id);
            CREATE INDEX value_mentions_type ON value_mentions(type, currency);

            CREATE TABLE events (
                id                 INTEGER PRIMARY KEY,
                document_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                code               TEXT NOT NULL,
                root               TEXT NOT NULL,
                quad_class         INTEGER NOT NULL,
                goldstein          REAL NOT NULL,
                source_entity_id   INTEGER REFERENCES entities(id),
                source             TEXT,
                target_entity_id   INTEGER REFERENCES entities(id),
                target             TEXT,
                location_entity_id INTEGER REFERENCES entities(id),
                location           TEXT,
                time               TEXT,
                polarity           TEXT NOT NULL,
                trigger            TEXT NOT NULL,
                sentence           TEXT NOT NULL,
                start              INTEGER NOT NULL,
                "end"              INTEGER NOT NULL,
                trigger_start      INTEGER NOT NULL,
                trigger_end        INTEGER NOT NULL
            );
            CREATE INDEX events_document ON events(document_id);
            CREATE INDEX events_code ON events(code);
            CREATE INDEX events_root ON events(root, quad_class);
            CREATE INDEX events_pair ON events(source, target);

            CREATE TABLE quotes (
                id                INTEGER PRIMARY KEY,
                document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                speaker_entity_id INTEGER REFERENCES entities(id),
                speaker           TEXT,
                text              TEXT NOT NULL,
                start             INTEGER NOT NULL,
                "end"             INTEGER NOT NULL
            );
            CREATE INDEX quotes_document ON quotes(document_id);
            CREATE INDEX quotes_speaker ON quotes(speaker);
            """)
    }

    private static func createFullText(_ db: Database) throws {
        // External content: the index holds only tokens; the text lives once, in
        // `documents`. Triggers keep the two in step, including on delete and update.
        try db.execute(sql: """
            CREATE VIRTUAL TABLE documents_fts USING fts5(
                title, clean_text,
                content='documents', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2'
            );
            CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
                INSERT INTO documents_fts(rowid, title, clean_text)
                VALUES (new.id, new.title, new.clean_text);
            END;
            CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
                INSERT INTO documents_fts(documents_fts, rowid, title, clean_text)
                VALUES ('delete', old.id, old.title, old.clean_text);
            END;
            CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, clean_text ON documents BEGIN
                INSERT INTO documents_fts(documents_fts, rowid, title, clean_text)
                VALUES ('delete', old.id, old.title, old.clean_text);
                INSERT INTO documents_fts(rowid, title, clean_text)
                VALUES (new.id, new.title, new.clean_text);
            END;
            """)
    }

    private static func stampVersion1(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO schema_info(key, value) VALUES ('schema_version', '1'), ('application', 'gleaner')
              ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            PRAGMA user_version = 1;
            PRAGMA application_id = \(applicationID);
            """)
    }

    /// Version 2: what an event carries beyond its actors — the country each actor acts
    /// for, the normalised time, and the amounts in its clause (a JSON array of strings).
    private static func addEventContext(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE events ADD COLUMN source_affiliation TEXT;
            ALTER TABLE events ADD COLUMN target_affiliation TEXT;
            ALTER TABLE events ADD COLUMN time_normalized TEXT;
            ALTER TABLE events ADD COLUMN quantities TEXT NOT NULL DEFAULT '[]';
            CREATE INDEX events_affiliations ON events(source_affiliation, target_affiliation);
            UPDATE schema_info SET value = '2' WHERE key = 'schema_version';
            PRAGMA user_version = 2;
            """)
    }

    /// Version 3: GDELT's split. What documents report becomes `event_mentions` (the old
    /// `events` rows, one per document sentence); `events` holds one row per distinct
    /// event — code, source, target and date — with how often and where it was reported.
    /// `gdelt_events` shows them with GDELT 2.0's column names.
    private static func separateEventMentions(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE events RENAME TO event_mentions;
            -- Indexes follow a renamed table but keep their names; name them for it.
            DROP INDEX events_document;
            DROP INDEX events_code;
            DROP INDEX events_root;
            DROP INDEX events_pair;
            DROP INDEX events_affiliations;
            CREATE INDEX event_mentions_document ON event_mentions(document_id);
            CREATE INDEX event_mentions_code ON event_mentions(code);
            CREATE INDEX event_mentions_root ON event_mentions(root, quad_class);
            CREATE INDEX event_mentions_pair ON event_mentions(source, target);
            CREATE INDEX event_mentions_affiliations ON event_mentions(source_affiliation, target_affiliation);
            CREATE TABLE events (
                id                 INTEGER PRIMARY KEY,
                code               TEXT NOT NULL,
                root               TEXT NOT NULL,
                quad_class         INTEGER NOT NULL,
                goldstein          REAL NOT NULL,
                source             TEXT NOT NULL DEFAULT '',
                target             TEXT NOT NULL DEFAULT '',
                source_affiliation TEXT,
                target_affiliation TEXT,
                event_date         TEXT NOT NULL DEFAULT '',
                location           TEXT,
                num_mentions       INTEGER NOT NULL DEFAULT 0,
                num_documents      INTEGER NOT NULL DEFAULT 0,
                first_seen_at      TEXT NOT NULL,
                last_seen_at       TEXT NOT NULL,
                UNIQUE (code, source, target, event_date)
            );
            CREATE INDEX events_root ON events(root, quad_class);
            CREATE INDEX events_date ON events(event_date);
            CREATE INDEX events_pair ON events(source_affiliation, target_affiliation);
            ALTER TABLE event_mentions ADD COLUMN event_id INTEGER REFERENCES events(id);
            ALTER TABLE event_mentions ADD COLUMN confidence REAL NOT NULL DEFAULT 0.5;
            CREATE INDEX event_mentions_event ON event_mentions(event_id, document_id);

            -- Earlier rows: one event per distinct (code, source, target, date of the document).
            INSERT INTO events(code, root, quad_class, goldstein, source, target, source_affiliation,
                               target_affiliation, event_date, location, num_mentions, num_documents,
                               first_seen_at, last_seen_at)
            SELECT m.code, m.root, m.quad_class, m.goldstein, coalesce(m.source, ''), coalesce(m.target, ''),
                   max(m.source_affiliation), max(m.target_affiliation),
                   coalesce(substr(d.published, 1, 10), substr(d.ingested_at, 1, 10)), max(m.location),
                   count(*), count(DISTINCT m.document_id), min(d.ingested_at), max(d.ingested_at)
            FROM event_mentions m JOIN documents d ON d.id = m.document_id
            GROUP BY m.code, coalesce(m.source, ''), coalesce(m.target, ''),
                     coalesce(substr(d.published, 1, 10), substr(d.ingested_at, 1, 10));
            UPDATE event_mentions SET event_id = (
                SELECT e.id FROM events e JOIN documents d ON d.id = event_mentions.document_id
                WHERE e.code = event_mentions.code AND e.source = coalesce(event_mentions.source, '')
                  AND e.target = coalesce(event_mentions.target, '')
                  AND e.event_date = coalesce(substr(d.published, 1, 10), substr(d.ingested_at, 1, 10)));

            CREATE VIEW gdelt_events AS
            SELECT e.id                                   AS GLOBALEVENTID,
                   replace(e.event_date, '-', '')         AS SQLDATE,
                   e.source                               AS Actor1Name,
                   coalesce(e.source_affiliation, '')     AS Actor1CountryName,
                   e.target                               AS Actor2Name,
                   coalesce(e.target_affiliation, '')     AS Actor2CountryName,
                   -- GDELT's "root event": reported in a document's lead (its first sentence).
                   CASE WHEN EXISTS (SELECT 1 FROM event_mentions r
                                     JOIN sentences s ON s.document_id = r.document_id AND s.ordinal = 0
                                     WHERE r.event_id = e.id AND r.start = s.start)
                        THEN 1 ELSE 0 END                 AS IsRootEvent,
                   e.code                                 AS EventCode,
                   substr(e.code, 1, 3)                   AS EventBaseCode,
                   e.root                                 AS EventRootCode,
                   e.quad_class                           AS QuadClass,
                   e.goldstein                            AS GoldsteinScale,
                   e.num_mentions                         AS NumMentions,
                   e.num_documents                        AS NumSources,
                   e.num_documents                        AS NumArticles,
                   coalesce(e.location, '')               AS ActionGeo_FullName,
                   replace(substr(e.first_seen_at, 1, 19), 'T', ' ') AS DATEADDED,
                   (SELECT coalesce(d.url, d.source_path) FROM event_mentions m JOIN documents d ON d.id = m.document_id
                     WHERE m.event_id = e.id ORDER BY m.id LIMIT 1) AS SOURCEURL
            FROM events e;
            UPDATE schema_info SET value = '3' WHERE key = 'schema_version';
            PRAGMA user_version = 3;
            """)
    }

    /// Version 4: the short blocks each site repeats (`SiteFurniture`), counted in
    /// distinct documents, so a restarted daemon still knows a site's furniture.
    private static func createFurnitureFingerprints(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE furniture_fingerprints (
                site          TEXT NOT NULL,
                fingerprint   INTEGER NOT NULL,
                documents     INTEGER NOT NULL DEFAULT 0,
                first_seen_at TEXT NOT NULL,
                last_seen_at  TEXT NOT NULL,
                PRIMARY KEY (site, fingerprint)
            ) WITHOUT ROWID;
            UPDATE schema_info SET value = '4' WHERE key = 'schema_version';
            PRAGMA user_version = 4;
            """)
    }

    /// Version 5: new documents enter the full-text index once per batch, from the writer
    /// (`BatchWriter.indexFullText`), instead of from a trigger per row. SQLite's FTS5 flushes
    /// its pending terms to a new index segment at every statement savepoint, so with the
    /// trigger each document became a segment of its own and the index spent most of the
    /// store's time merging them. Deletes and updates keep their triggers.
    private static func indexFullTextPerBatch(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER documents_fts_insert")
    }

    /// Version 5, too: `event_mentions` keeps the indexes by document and by event, and
    /// drops those by code, root, actor pair and affiliations. Since version 3 the
    /// `events` table is the way in by what happened and to whom (it is indexed by all of
    /// them, one row per event); its mentions follow through `event_mentions_event`. Each
    /// of the dropped indexes cost every stored mention an index insert, and together they
    /// were a fifth of the writer's time.
    private static func indexMentionsByEvent(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX event_mentions_code;
            DROP INDEX event_mentions_root;
            DROP INDEX event_mentions_pair;
            DROP INDEX event_mentions_affiliations;
            UPDATE schema_info SET value = '5' WHERE key = 'schema_version';
            PRAGMA user_version = 5;
            """)
    }

    /// Version 6: `entities.type` also takes `NORP` (nationalities, religious and political
    /// groups) and `MISC` (other named things). SQLite cannot change a CHECK constraint, so
    /// the table is rebuilt with the same rows and ids (GRDB runs migrations with foreign
    /// keys off and checks them after, so the tables that reference `entities` keep pointing
    /// at the same ids).
    private static func widenEntityTypes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE entities_v6 (
                id   INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('PERSON', 'ORGANIZATION', 'LOCATION', 'EVENT_NAME', 'NORP', 'MISC')),
                UNIQUE (name, type)
            );
            INSERT INTO entities_v6(id, name, type) SELECT id, name, type FROM entities;
            DROP TABLE entities;
            ALTER TABLE entities_v6 RENAME TO entities;
            UPDATE schema_info SET value = '6' WHERE key = 'schema_version';
            PRAGMA user_version = 6;
            """)
    }

    /// Version 6: CAMEO actor codes. Events and their mentions carry the source's and
    /// target's actor codes and their parts (country, first and second type), and mentions
    /// the event's resolved day; `gdelt_events` shows them as GDELT's `Actor1Code`,
    /// `Actor1CountryCode`, `Actor1Type1Code`, `Actor1Type2Code` (and Actor2).
    private static func addEventActorCodes(_ db: Database) throws {
        var sql = ""
        for table in ["events", "event_mentions"] {
            for side in ["source", "target"] {
                for part in ["code", "country", "type1", "type2"] {
                    sql += "ALTER TABLE \(table) ADD COLUMN \(side)_\(part) TEXT;\n"
                }
            }
        }
        sql += """
            ALTER TABLE event_mentions ADD COLUMN event_date TEXT;
            CREATE INDEX events_actor_codes ON events(source_code, target_code);
            DROP VIEW gdelt_events;
            \(GDELTView.create(mentions: "event_mentions", documents: "documents"))
            UPDATE schema_info SET value = '6' WHERE key = 'schema_version';
            PRAGMA user_version = 6;
            """
        try db.execute(sql: sql)
    }

    /// Version 7: text is stored once, in `clean_text` (issue 15, a leaner file). What
    /// every other text column held is a slice of it, or of the source text, which is
    /// itself the clean text with the removed spans put back; so the tables keep offsets
    /// and views with the old names and columns read the text through them:
    ///
    /// - `documents` is renamed `document_rows` and loses `raw_text`; the view `documents`
    ///   rebuilds `raw_text` from `clean_text` and `removed_spans` (their `text`, by `start`).
    /// - `event_mentions`, `mentions`, `value_mentions` and `quotes` become
    ///   `event_mention_rows`, `mention_rows`, `value_mention_rows` and `quote_rows`, where a
    ///   text column (`sentence` and `trigger`, `text`) is NULL when it is exactly the clean
    ///   text between its offsets, which it always was in the files measured; a text that
    ///   is not is kept as it is. Views with the old names put the slice back.
    ///
    /// Every row keeps its id; the indexes keep their names, on the `_rows` tables; foreign
    /// keys follow `document_rows`. `documents_fts` keeps reading its external content
    /// through `documents` (only `id`, `title` and `clean_text`, which the view passes
    /// through). The freed pages stay in the file for new rows until a `VACUUM`.
    private static func storeTextOnce(_ db: Database) throws {
        // A view that names a table this migration drops or renames would stop it; the
        // GDELT view is made again at the end, over the new tables.
        try db.execute(sql: """
            DROP VIEW gdelt_events;
            ALTER TABLE documents RENAME TO document_rows;
            ALTER TABLE document_rows DROP COLUMN raw_text;
            CREATE VIEW documents AS
            SELECT d.id, d.sha256, d.source_path, d.format, d.title, d.byline, d.published, d.site_name, d.url,
                   d.language, d.ingested_at, d.byte_count,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM removed_spans WHERE document_id = d.id) THEN d.clean_text ELSE
                   (WITH RECURSIVE rebuilt(step, span_start, span_id, clean_at, cut, text) AS (
                        SELECT 0, -1, 0, 0, 0, ''
                        UNION ALL
                        -- The next span by start: the clean text up to where it was cut, then its text.
                        SELECT r.step + 1, s.start, s.id, s.start - r.cut, r.cut + s."end" - s.start,
                               r.text || substr(d.clean_text, r.clean_at + 1, s.start - r.cut - r.clean_at) || s.text
                        FROM rebuilt r JOIN removed_spans s
                          ON s.id = (SELECT n.id FROM removed_spans n
                                     WHERE n.document_id = d.id AND (n.start, n.id) > (r.span_start, r.span_id)
                                     ORDER BY n.start, n.id LIMIT 1))
                    SELECT text || substr(d.clean_text, clean_at + 1) FROM rebuilt ORDER BY step DESC LIMIT 1)
                   END AS raw_text,
                   d.clean_text, d.word_count, d.warnings
            FROM document_rows d;

            CREATE TABLE event_mention_rows (
                id                 INTEGER PRIMARY KEY,
                document_id        INTEGER NOT NULL REFERENCES document_rows(id) ON DELETE CASCADE,
                code               TEXT NOT NULL,
                root               TEXT NOT NULL,
                quad_class         INTEGER NOT NULL,
                goldstein          REAL NOT NULL,
                source_entity_id   INTEGER REFERENCES entities(id),
                source             TEXT,
                target_entity_id   INTEGER REFERENCES entities(id),
                target             TEXT,
                location_entity_id INTEGER REFERENCES entities(id),
                location           TEXT,
                time               TEXT,
                polarity           TEXT NOT NULL,
                trigger            TEXT, -- NULL: clean_text[trigger_start:trigger_end]
                sentence           TEXT, -- NULL: clean_text[start:end]
                start              INTEGER NOT NULL,
                "end"              INTEGER NOT NULL,
                trigger_start      INTEGER NOT NULL,
                trigger_end        INTEGER NOT NULL,
                source_affiliation TEXT,
                target_affiliation TEXT,
                time_normalized    TEXT,
                quantities         TEXT NOT NULL DEFAULT '[]',
                event_id           INTEGER REFERENCES events(id),
                confidence         REAL NOT NULL DEFAULT 0.5,
                source_code        TEXT,
                source_country     TEXT,
                source_type1       TEXT,
                source_type2       TEXT,
                target_code        TEXT,
                target_country     TEXT,
                target_type1       TEXT,
                target_type2       TEXT,
                event_date         TEXT
            );
            CREATE TABLE mention_rows (
                id             INTEGER PRIMARY KEY,
                document_id    INTEGER NOT NULL REFERENCES document_rows(id) ON DELETE CASCADE,
                entity_id      INTEGER NOT NULL REFERENCES entities(id),
                entity_ordinal INTEGER NOT NULL,
                text           TEXT, -- NULL: clean_text[start:end]
                start          INTEGER NOT NULL,
                "end"          INTEGER NOT NULL,
                sentence       INTEGER NOT NULL,
                metonym_for    TEXT
            );
            CREATE TABLE value_mention_rows (
                id          INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES document_rows(id) ON DELETE CASCADE,
                type        TEXT NOT NULL CHECK (type IN ('MONEY', 'PERCENT', 'DATE', 'QUANTITY')),
                text        TEXT, -- NULL: clean_text[start:end]
                start       INTEGER NOT NULL,
                "end"       INTEGER NOT NULL,
                normalized  TEXT NOT NULL,
                amount      REAL,
                currency    TEXT,
                date_value  TEXT
            );
            CREATE TABLE quote_rows (
                id                INTEGER PRIMARY KEY,
                document_id       INTEGER NOT NULL REFERENCES document_rows(id) ON DELETE CASCADE,
                speaker_entity_id INTEGER REFERENCES entities(id),
                speaker           TEXT,
                text              TEXT, -- NULL: clean_text[start:end]
                start             INTEGER NOT NULL,
                "end"             INTEGER NOT NULL
            );
            """)
        for table in SlicedTable.all {
            try db.execute(sql: table.copySQL)
            try db.execute(sql: "DROP TABLE \(table.view)")
            try db.execute(sql: table.viewSQL)
        }
        try db.execute(sql: """
            CREATE INDEX event_mentions_document ON event_mention_rows(document_id);
            CREATE INDEX event_mentions_event ON event_mention_rows(event_id, document_id);
            CREATE INDEX mentions_document ON mention_rows(document_id);
            CREATE INDEX mentions_entity ON mention_rows(entity_id);
            CREATE INDEX value_mentions_document ON value_mention_rows(document_id);
            CREATE INDEX value_mentions_type ON value_mention_rows(type, currency);
            CREATE INDEX quotes_document ON quote_rows(document_id);
            CREATE INDEX quotes_speaker ON quote_rows(speaker);
            \(GDELTView.create(mentions: "event_mention_rows", documents: "document_rows"))
            UPDATE schema_info SET value = '7' WHERE key = 'schema_version';
            PRAGMA user_version = 7;
            """)
    }

    /// Version 8: an event mention stores only what is its own (issue 15, the next step to
    /// a leaner file). `event_mention_rows` is rebuilt without the columns every mention
    /// shares with its distinct event, and with NULL for the values the `event_mentions`
    /// view can tell from the rest of the row:
    ///
    /// - `code`, `root`, `quad_class`, `goldstein`, `source`, `target` and `event_date` are
    ///   read through `events` (by `event_id`): the columns of its unique key, and the three
    ///   it takes from the code when it is made, none of which an update of the row touches.
    ///   A mention's `source` and `target` are the event's with `''` read as NULL (the key
    ///   stores a missing actor as `''`). A mention whose own values are not all its event's
    ///   (one with no event; its code's root or Goldstein score changed between the versions
    ///   that stored the event and the mention; a mention with no date of its own) keeps
    ///   all seven in `event_mention_differences`, by its id, and the view reads them there.
    /// - `polarity` is NULL for `asserted`, `quantities` NULL for `[]`, and `confidence` NULL
    ///   when it is what `BatchWriter.confidence` gives for the row's source, target and
    ///   polarity (0.4, + 0.25 with a source, + 0.25 with a target, + 0.1 when asserted,
    ///   added in that order in doubles, as the writer does).
    ///
    /// The view's columns keep the names, order, values and affinities (the shared columns
    /// are cast to their old types) they had. Ids, the two indexes and `gdelt_events` (made
    /// again, the same text) do not change. The columns an update of `events` changes
    /// (affiliations, location, actor codes) merge several mentions' values, so each
    /// mention keeps its own.
    private static func readEventColumnsThroughEvents(_ db: Database) throws {
        let formula = EventMentionColumns.confidence(source: "m.source", target: "m.target", polarity: "m.polarity")
        try db.execute(sql: """
            DROP VIEW gdelt_events;
            DROP VIEW event_mentions;
            \(EventMentionColumns.createTable(named: "event_mention_rows_v8"))
            INSERT INTO event_mention_rows_v8(id, document_id, event_id, confidence, source_entity_id, target_entity_id,
                location_entity_id, location, time, polarity, trigger, sentence, start, "end", trigger_start, trigger_end,
                source_affiliation, target_affiliation, time_normalized, quantities, source_code, source_country,
                source_type1, source_type2, target_code, target_country, target_type1, target_type2)
            SELECT m.id, m.document_id, m.event_id, nullif(m.confidence, \(formula)),
                   m.source_entity_id, m.target_entity_id, m.location_entity_id, m.location, m.time,
                   nullif(m.polarity, 'asserted'), m.trigger, m.sentence, m.start, m."end", m.trigger_start, m.trigger_end,
                   m.source_affiliation, m.target_affiliation, m.time_normalized, nullif(m.quantities, '[]'),
                   m.source_code, m.source_country, m.source_type1, m.source_type2,
                   m.target_code, m.target_country, m.target_type1, m.target_type2
            FROM event_mention_rows m ORDER BY m.id;
            ALTER TABLE event_mention_rows RENAME TO event_mention_rows_v7;
            ALTER TABLE event_mention_rows_v8 RENAME TO event_mention_rows;
            \(EventMentionColumns.createDifferences)
            INSERT INTO event_mention_differences(id, code, root, quad_class, goldstein, source, target, event_date)
            SELECT m.id, m.code, m.root, m.quad_class, m.goldstein, m.source, m.target, m.event_date
            FROM event_mention_rows_v7 m LEFT JOIN events e ON e.id = m.event_id
            WHERE e.id IS NULL OR m.code IS NOT e.code OR m.root IS NOT e.root OR m.quad_class IS NOT e.quad_class
               OR m.goldstein IS NOT e.goldstein OR m.source IS NOT nullif(e.source, '')
               OR m.target IS NOT nullif(e.target, '') OR m.event_date IS NOT e.event_date
            ORDER BY m.id;
            DROP TABLE event_mention_rows_v7;
            CREATE INDEX event_mentions_event ON event_mention_rows(event_id, document_id);
            CREATE INDEX event_mentions_document ON event_mention_rows(document_id);
            \(EventMentionColumns.createView)
            \(GDELTView.create(mentions: "event_mention_rows", documents: "document_rows"))
            UPDATE schema_info SET value = '8' WHERE key = 'schema_version';
            PRAGMA user_version = 8;
            """)
    }

    /// The tables and the view of event mentions since version 8 (`readEventColumnsThroughEvents`).
    /// Part of a released migration: a later version that changes them writes its own.
    enum EventMentionColumns {
        /// `event_mention_rows` as version 8 makes it, under `name`.
        static func createTable(named name: String) -> String {
            """
            CREATE TABLE \(name) (
                id                 INTEGER PRIMARY KEY,
                document_id        INTEGER NOT NULL REFERENCES document_rows(id) ON DELETE CASCADE,
                event_id           INTEGER REFERENCES events(id),
                confidence         REAL,    -- NULL: 0.4, + 0.25 with a source, + 0.25 with a target, + 0.1 asserted
                source_entity_id   INTEGER REFERENCES entities(id),
                target_entity_id   INTEGER REFERENCES entities(id),
                location_entity_id INTEGER REFERENCES entities(id),
                location           TEXT,
                time               TEXT,
                polarity           TEXT,    -- NULL: 'asserted'
                trigger            TEXT,    -- NULL: clean_text[trigger_start:trigger_end]
                sentence           TEXT,    -- NULL: clean_text[start:end]
                start              INTEGER NOT NULL,
                "end"              INTEGER NOT NULL,
                trigger_start      INTEGER NOT NULL,
                trigger_end        INTEGER NOT NULL,
                source_affiliation TEXT,
                target_affiliation TEXT,
                time_normalized    TEXT,
                quantities         TEXT,    -- NULL: '[]'
                source_code        TEXT,
                source_country     TEXT,
                source_type1       TEXT,
                source_type2       TEXT,
                target_code        TEXT,
                target_country     TEXT,
                target_type1       TEXT,
                target_type2       TEXT
            );
            """
        }

        /// The mentions whose shared columns are not all their event's, with all seven of
        /// their own (usually none).
        static let createDifferences = """
            CREATE TABLE event_mention_differences (
                id         INTEGER PRIMARY KEY REFERENCES event_mention_rows(id) ON DELETE CASCADE,
                code       TEXT,
                root       TEXT,
                quad_class INTEGER,
                goldstein  REAL,
                source     TEXT,
                target     TEXT,
                event_date TEXT
            );
            """

        /// The confidence the writer gives a mention with this source, target and polarity
        /// (SQL expressions): `BatchWriter.confidence`, the same additions in the same order.
        static func confidence(source: String, target: String, polarity: String) -> String {
            "0.4 + CASE WHEN \(source) IS NOT NULL THEN 0.25 ELSE 0.0 END"
                + " + CASE WHEN \(target) IS NOT NULL THEN 0.25 ELSE 0.0 END"
                + " + CASE WHEN \(polarity) = 'asserted' THEN 0.1 ELSE 0.0 END"
        }

        /// A shared column: the mention's own when it has a row of differences, else the
        /// event's (`event` is an SQL expression over `e`).
        private static func shared(_ column: String, event: String) -> String {
            "CASE WHEN x.id IS NULL THEN \(event) ELSE x.\(column) END"
        }

        /// The clean text between a mention's offsets, as version 7's view reads it.
        private static func slice(_ start: String, _ end: String) -> String {
            "(SELECT substr(d.clean_text, m.\(start) + 1, m.\(end) - m.\(start)) FROM document_rows d WHERE d.id = m.document_id)"
        }

        /// `event_mentions` with the columns, column order and values of version 7.
        static var createView: String {
            let source = shared("source", event: "nullif(e.source, '')")
            let target = shared("target", event: "nullif(e.target, '')")
            let polarity = "coalesce(m.polarity, 'asserted')"
            return """
                CREATE VIEW event_mentions AS
                SELECT m.id, m.document_id,
                       CAST(\(shared("code", event: "e.code")) AS TEXT) AS code,
                       CAST(\(shared("root", event: "e.root")) AS TEXT) AS root,
                       CAST(\(shared("quad_class", event: "e.quad_class")) AS INTEGER) AS quad_class,
                       CAST(\(shared("goldstein", event: "e.goldstein")) AS REAL) AS goldstein,
                       m.source_entity_id, CAST(\(source) AS TEXT) AS source,
                       m.target_entity_id, CAST(\(target) AS TEXT) AS target,
                       m.location_entity_id, m.location, m.time,
                       CAST(\(polarity) AS TEXT) AS polarity,
                       coalesce(m.trigger, \(slice("trigger_start", "trigger_end"))) AS trigger,
                       coalesce(m.sentence, \(slice("start", "\"end\""))) AS sentence,
                       m.start, m."end", m.trigger_start, m.trigger_end, m.source_affiliation, m.target_affiliation,
                       m.time_normalized, CAST(coalesce(m.quantities, '[]') AS TEXT) AS quantities, m.event_id,
                       CAST(coalesce(m.confidence, \(confidence(source: "(\(source))", target: "(\(target))", polarity: polarity))) AS REAL)
                           AS confidence,
                       m.source_code, m.source_country, m.source_type1, m.source_type2,
                       m.target_code, m.target_country, m.target_type1, m.target_type2,
                       CAST(\(shared("event_date", event: "e.event_date")) AS TEXT) AS event_date
                FROM event_mention_rows m
                LEFT JOIN events e ON e.id = m.event_id
                LEFT JOIN event_mention_differences x ON x.id = m.id;
                """
        }
    }

    /// A table whose text columns version 7 stores only when they are not the clean text
    /// between their offsets, and the view that shows it as it was.
    struct SlicedTable {
        /// The view's name: the table's name up to version 6.
        let view: String
        /// The table that holds the rows since version 7.
        let table: String
        /// Every column, in the order of version 6.
        let columns: [String]
        /// The text columns stored only when they differ from the slice, by their
        /// (start, end) offset columns.
        let sliced: [String: (start: String, end: String)]

        static let all = [
            SlicedTable(
                view: "event_mentions", table: "event_mention_rows",
                columns: ["id", "document_id", "code", "root", "quad_class", "goldstein", "source_entity_id", "source",
                          "target_entity_id", "target", "location_entity_id", "location", "time", "polarity", "trigger",
                          "sentence", "start", "\"end\"", "trigger_start", "trigger_end", "source_affiliation",
                          "target_affiliation", "time_normalized", "quantities", "event_id", "confidence",
                          "source_code", "source_country", "source_type1", "source_type2",
                          "target_code", "target_country", "target_type1", "target_type2", "event_date"],
                sliced: ["trigger": ("trigger_start", "trigger_end"), "sentence": ("start", "\"end\"")]),
            SlicedTable(
                view: "mentions", table: "mention_rows",
                columns: ["id", "document_id", "entity_id", "entity_ordinal", "text", "start", "\"end\"", "sentence",
                          "metonym_for"],
                sliced: ["text": ("start", "\"end\"")]),
            SlicedTable(
                view: "value_mentions", table: "value_mention_rows",
                columns: ["id", "document_id", "type", "text", "start", "\"end\"", "normalized", "amount", "currency",
                          "date_value"],
                sliced: ["text": ("start", "\"end\"")]),
            SlicedTable(
                view: "quotes", table: "quote_rows",
                columns: ["id", "document_id", "speaker_entity_id", "speaker", "text", "start", "\"end\""],
                sliced: ["text": ("start", "\"end\"")]),
        ]

        /// The clean text between a row's offsets (the row is `m`).
        private func slice(_ offsets: (start: String, end: String)) -> String {
            "(SELECT substr(d.clean_text, m.\(offsets.start) + 1, m.\(offsets.end) - m.\(offsets.start)) "
                + "FROM document_rows d WHERE d.id = m.document_id)"
        }

        /// Copies the version-6 table's rows, each sliced text that is its slice as NULL.
        var copySQL: String {
            let values = columns.map { column in
                sliced[column].map { "nullif(m.\(column), \(slice($0)))" } ?? "m.\(column)"
            }
            return "INSERT INTO \(table)(\(columns.joined(separator: ", "))) SELECT "
                + values.joined(separator: ", ") + " FROM \(view) m"
        }

        /// The view with the version-6 name and columns.
        var viewSQL: String {
            let values = columns.map { column in
                sliced[column].map { "coalesce(m.\(column), \(slice($0))) AS \(column)" } ?? "m.\(column)"
            }
            return "CREATE VIEW \(view) AS SELECT " + values.joined(separator: ", ") + " FROM \(table) m"
        }
    }
}
