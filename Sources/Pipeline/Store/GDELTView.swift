/// The `gdelt_events` view: GDELT 2.0's column names over the distinct `events` and the
/// mentions and documents that report them. One text for both stores (the SQL is the same
/// in SQLite and PostgreSQL) and for every schema version from 6 on (version 3 made an
/// earlier view of its own, kept as it was).
enum GDELTView {
    /// `CREATE VIEW gdelt_events` reading mentions from `mentions` and documents from
    /// `documents`: `event_mentions` and `documents` as version 6 made them (and PostgreSQL
    /// keeps them), `event_mention_rows` and `document_rows` in SQLite since version 7.
    static func create(mentions: String, documents: String) -> String {
        """
        CREATE VIEW gdelt_events AS
        SELECT e.id                                   AS GLOBALEVENTID,
               replace(e.event_date, '-', '')         AS SQLDATE,
               coalesce(e.source_code, '')            AS Actor1Code,
               e.source                               AS Actor1Name,
               coalesce(e.source_country, '')         AS Actor1CountryCode,
               coalesce(e.source_affiliation, '')     AS Actor1CountryName,
               coalesce(e.source_type1, '')           AS Actor1Type1Code,
               coalesce(e.source_type2, '')           AS Actor1Type2Code,
               coalesce(e.target_code, '')            AS Actor2Code,
               e.target                               AS Actor2Name,
               coalesce(e.target_country, '')         AS Actor2CountryCode,
               coalesce(e.target_affiliation, '')     AS Actor2CountryName,
               coalesce(e.target_type1, '')           AS Actor2Type1Code,
               coalesce(e.target_type2, '')           AS Actor2Type2Code,
               CASE WHEN EXISTS (SELECT 1 FROM \(mentions) r
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
               (SELECT coalesce(d.url, d.source_path) FROM \(mentions) m JOIN \(documents) d ON d.id = m.document_id
                 WHERE m.event_id = e.id ORDER BY m.id LIMIT 1) AS SOURCEURL
        FROM events e;
        """
    }
}
