/// The PostgreSQL schema as a list of named migrations, oldest first: the same tables,
/// columns, keys and checks as the SQLite schema (`StoreSchema`), in PostgreSQL's types.
///
/// Promises: `migrate` applies, in one transaction under an advisory lock (so daemons
/// that start together migrate once), every migration not yet recorded in
/// `schema_migrations`, and leaves `schema_info.schema_version` at `StoreSchema.version`;
/// a database recording a migration this list does not know was migrated by a newer
/// Gleaner and is refused. The PostgreSQL store began at schema version 6, so its first
/// migration creates version 6 whole; later versions append a migration to both lists.
/// Migrations are never edited once released.
enum PostgresSchema {
    /// `pg_advisory_xact_lock` key held while migrating: "GLNR".
    static let migrationLock: Int64 = 0x474C_4E52

    /// Every migration, in order: (identifier, SQL).
    static let migrations: [(identifier: String, sql: String)] = [
        ("pg v6 the schema of version 6, with a tsvector full-text index", version6),
        ("pg v7 the version number of SQLite's leaner file", version7),
        ("pg v8 the version number of SQLite's event mentions read through events", version8),
    ]

    /// Applies the migrations `connection`'s database lacks.
    static func migrate(_ connection: PostgresConnection, location: String) throws {
        try connection.run("BEGIN")
        do {
            try connection.run("SELECT pg_advisory_xact_lock($1)", [String(migrationLock)])
            // Checked before creating: the daemon's role may lack CREATE once an owner has
            // migrated (deploy/postgresql-roles.sql), and then nothing here needs it.
            if try connection.run("SELECT to_regclass('schema_migrations') IS NULL").all.first?.text(0) == "t" {
                try connection.run("""
                    CREATE TABLE schema_migrations (
                        identifier TEXT PRIMARY KEY,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )
                    """)
            }
            let applied = try appliedMigrations(connection)
            try refuseUnknown(applied, location: location)
            for migration in migrations where !applied.contains(migration.identifier) {
                try connection.run(migration.sql)
                try connection.run("INSERT INTO schema_migrations(identifier) VALUES ($1)", [migration.identifier])
            }
            try connection.run("COMMIT")
        } catch {
            _ = try? connection.run("ROLLBACK")
            throw error
        }
    }

    /// Checks, without writing, that the database is at exactly this Gleaner's schema.
    static func checkCurrent(_ connection: PostgresConnection, location: String) throws {
        let exists = try connection.run("SELECT to_regclass('schema_migrations') IS NOT NULL")
        guard exists.count == 1, exists[0].text(0) == "t" else { throw StoreError.olderSchema(path: location) }
        let applied = try appliedMigrations(connection)
        try refuseUnknown(applied, location: location)
        guard migrations.allSatisfy({ applied.contains($0.identifier) }) else {
            throw StoreError.olderSchema(path: location)
        }
    }

    private static func appliedMigrations(_ connection: PostgresConnection) throws -> Set<String> {
        Set(try connection.run("SELECT identifier FROM schema_migrations").all.compactMap { $0.text(0) })
    }

    private static func refuseUnknown(_ applied: Set<String>, location: String) throws {
        let known = Set(migrations.map(\.identifier))
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty { throw StoreError.newerSchema(path: location, unknownMigrations: unknown) }
    }

    /// Version 7 changed only how an SQLite file stores text (views over `_rows` tables
    /// that keep each text once); a PostgreSQL database keeps its tables and columns as
    /// they were, which already read as those views do, and only takes the number.
    private static let version7 = """
        UPDATE schema_info SET value = '7' WHERE key = 'schema_version';
        """

    /// Version 8, too, changed only how an SQLite file stores event mentions (the columns a
    /// mention shares with its event read through `events`); PostgreSQL's `event_mentions`
    /// stays a table with every column, and takes the number.
    private static let version8 = """
        UPDATE schema_info SET value = '8' WHERE key = 'schema_version';
        """

    /// Version 6, as `StoreSchema` leaves an SQLite file: integers are BIGINT (SQLite's
    /// are 64-bit), REAL is DOUBLE PRECISION, ids are identity columns. The full-text
    /// index is a generated `tsvector` over title (weight A) and clean text (weight B) with
    /// the `simple` configuration (no stemming and no stop words: the corpus is in many
    /// languages, as FTS5's unicode61 tokenizer treats it) and a GIN index on it.
    private static let version6 = """
        CREATE TABLE schema_info (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        INSERT INTO schema_info(key, value) VALUES ('schema_version', '6'), ('application', 'gleaner');

        CREATE TABLE documents (
            id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
            byte_count  BIGINT NOT NULL,
            raw_text    TEXT NOT NULL,
            clean_text  TEXT NOT NULL,
            word_count  BIGINT NOT NULL,
            warnings    TEXT NOT NULL DEFAULT '[]',
            search      tsvector GENERATED ALWAYS AS (
                            setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
                            setweight(to_tsvector('simple', clean_text), 'B')) STORED
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_ingested_at ON documents(ingested_at);
        CREATE INDEX documents_search ON documents USING GIN (search);

        CREATE TABLE removed_spans (
            id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start       BIGINT NOT NULL,
            "end"       BIGINT NOT NULL,
            reason      TEXT NOT NULL,
            text        TEXT NOT NULL
        );
        CREATE INDEX removed_spans_document ON removed_spans(document_id);
        CREATE INDEX removed_spans_reason ON removed_spans(reason);

        CREATE TABLE sentences (
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal     BIGINT NOT NULL,
            start       BIGINT NOT NULL,
            "end"       BIGINT NOT NULL,
            PRIMARY KEY (document_id, ordinal)
        );

        CREATE TABLE stage_timings (
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            stage       TEXT NOT NULL,
            nanoseconds BIGINT NOT NULL,
            PRIMARY KEY (document_id, stage)
        );
        CREATE INDEX stage_timings_stage ON stage_timings(stage);

        CREATE TABLE files (
            id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            path          TEXT NOT NULL,
            sha256        TEXT,
            size          BIGINT NOT NULL,
            state         TEXT NOT NULL CHECK (state IN ('stored', 'duplicate', 'failed')),
            error_kind    TEXT,
            error_stage   TEXT,
            error         TEXT,
            document_id   BIGINT REFERENCES documents(id) ON DELETE SET NULL,
            first_seen_at TEXT NOT NULL,
            last_seen_at  TEXT NOT NULL
        );
        CREATE UNIQUE INDEX files_path_sha256 ON files(path, (coalesce(sha256, '')));
        CREATE INDEX files_sha256 ON files(sha256);
        CREATE INDEX files_state ON files(state);
        CREATE INDEX files_document ON files(document_id);

        CREATE TABLE entities (
            id   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('PERSON', 'ORGANIZATION', 'LOCATION', 'EVENT_NAME', 'NORP', 'MISC')),
            UNIQUE (name, type)
        );

        CREATE TABLE entity_aliases (
            entity_id  BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias      TEXT NOT NULL,
            normalized TEXT NOT NULL,
            PRIMARY KEY (entity_id, normalized)
        );
        CREATE INDEX entity_aliases_normalized ON entity_aliases(normalized);

        CREATE TABLE document_entities (
            document_id   BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal       BIGINT NOT NULL,
            entity_id     BIGINT NOT NULL REFERENCES entities(id),
            name          TEXT NOT NULL,
            role          TEXT,
            mention_count BIGINT NOT NULL,
            PRIMARY KEY (document_id, ordinal)
        );
        CREATE INDEX document_entities_entity ON document_entities(entity_id);

        CREATE TABLE mentions (
            id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            document_id    BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            entity_id      BIGINT NOT NULL REFERENCES entities(id),
            entity_ordinal BIGINT NOT NULL,
            text           TEXT NOT NULL,
            start          BIGINT NOT NULL,
            "end"          BIGINT NOT NULL,
            sentence       BIGINT NOT NULL,
            metonym_for    TEXT
        );
        CREATE INDEX mentions_document ON mentions(document_id);
        CREATE INDEX mentions_entity ON mentions(entity_id);

        CREATE TABLE value_mentions (
            id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            type        TEXT NOT NULL CHECK (type IN ('MONEY', 'PERCENT', 'DATE', 'QUANTITY')),
            text        TEXT NOT NULL,
            start       BIGINT NOT NULL,
            "end"       BIGINT NOT NULL,
            normalized  TEXT NOT NULL,
            amount      DOUBLE PRECISION,
            currency    TEXT,
            date_value  TEXT
        );
        CREATE INDEX value_mentions_document ON value_mentions(document_id);
        CREATE INDEX value_mentions_type ON value_mentions(type, currency);

        CREATE TABLE events (
            id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            code               TEXT NOT NULL,
            root               TEXT NOT NULL,
            quad_class         BIGINT NOT NULL,
            goldstein          DOUBLE PRECISION NOT NULL,
            source             TEXT NOT NULL DEFAULT '',
            target             TEXT NOT NULL DEFAULT '',
            source_affiliation TEXT,
            target_affiliation TEXT,
            event_date         TEXT NOT NULL DEFAULT '',
            location           TEXT,
            num_mentions       BIGINT NOT NULL DEFAULT 0,
            num_documents      BIGINT NOT NULL DEFAULT 0,
            first_seen_at      TEXT NOT NULL,
            last_seen_at       TEXT NOT NULL,
            source_code        TEXT,
            source_country     TEXT,
            source_type1       TEXT,
            source_type2       TEXT,
            target_code        TEXT,
            target_country     TEXT,
            target_type1       TEXT,
            target_type2       TEXT,
            UNIQUE (code, source, target, event_date)
        );
        CREATE INDEX events_root ON events(root, quad_class);
        CREATE INDEX events_date ON events(event_date);
        CREATE INDEX events_pair ON events(source_affiliation, target_affiliation);
        CREATE INDEX events_actor_codes ON events(source_code, target_code);
        CREATE INDEX events_code ON events(code text_pattern_ops);

        CREATE TABLE event_mentions (
            id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            document_id        BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            event_id           BIGINT REFERENCES events(id),
            confidence         DOUBLE PRECISION NOT NULL DEFAULT 0.5,
            code               TEXT NOT NULL,
            root               TEXT NOT NULL,
            quad_class         BIGINT NOT NULL,
            goldstein          DOUBLE PRECISION NOT NULL,
            source_entity_id   BIGINT REFERENCES entities(id),
            source             TEXT,
            target_entity_id   BIGINT REFERENCES entities(id),
            target             TEXT,
            location_entity_id BIGINT REFERENCES entities(id),
            location           TEXT,
            time               TEXT,
            polarity           TEXT NOT NULL,
            trigger            TEXT NOT NULL,
            sentence           TEXT NOT NULL,
            start              BIGINT NOT NULL,
            "end"              BIGINT NOT NULL,
            trigger_start      BIGINT NOT NULL,
            trigger_end        BIGINT NOT NULL,
            source_affiliation TEXT,
            target_affiliation TEXT,
            time_normalized    TEXT,
            quantities         TEXT NOT NULL DEFAULT '[]',
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
        CREATE INDEX event_mentions_document ON event_mentions(document_id);
        CREATE INDEX event_mentions_event ON event_mentions(event_id, document_id);

        CREATE TABLE quotes (
            id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            document_id       BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            speaker_entity_id BIGINT REFERENCES entities(id),
            speaker           TEXT,
            text              TEXT NOT NULL,
            start             BIGINT NOT NULL,
            "end"             BIGINT NOT NULL
        );
        CREATE INDEX quotes_document ON quotes(document_id);
        CREATE INDEX quotes_speaker ON quotes(speaker);

        CREATE TABLE furniture_fingerprints (
            site          TEXT NOT NULL,
            fingerprint   BIGINT NOT NULL,
            documents     BIGINT NOT NULL DEFAULT 0,
            first_seen_at TEXT NOT NULL,
            last_seen_at  TEXT NOT NULL,
            PRIMARY KEY (site, fingerprint)
        );

        \(GDELTView.create(mentions: "event_mentions", documents: "documents"))
        """
}
