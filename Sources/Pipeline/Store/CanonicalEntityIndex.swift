import GRDB

/// Finds or creates the canonical `entities` row for a document's entity, so the same
/// person or place is one row across every document.
///
/// Promises: an entity whose (name, type) is stored resolves to that row; otherwise a
/// name whose normalized form (`AliasKey`) is an alias of exactly one entity of the same
/// type resolves to it ("Santos" -> "Maria Santos" once a document mentioned him
/// so); otherwise a new row is created. An ambiguous alias never merges two people.
/// Every name and mention surface form is recorded as an alias of the row it resolved to.
///
/// Its memo outlives a batch (names repeat across news articles, so most lookups never
/// reach the database); whoever rolls back a transaction that used it must call `forget()`,
/// because the memo may then hold ids the rollback undid.
struct CanonicalEntityIndex {
    private var memo: [EntityKey: Int64] = [:]
    /// Aliases known to be stored, keyed by the surface form as written, so a repeated
    /// mention costs one hash lookup and no normalization.
    private var knownAliases: Set<AliasRow> = []

    /// Past this many memo entries the memo starts over, bounding the writer's memory.
    private static let capacity = 500_000

    private struct EntityKey: Hashable {
        var name: String
        var type: EntityType
    }

    private struct AliasRow: Hashable {
        var entityID: Int64
        var alias: String
    }

    /// Drops everything remembered; the next lookups ask the database.
    mutating func forget() {
        memo.removeAll()
        knownAliases.removeAll()
    }

    /// The canonical id of `entity`, recording its names as aliases.
    mutating func resolve(_ entity: Entity, in db: some EntityRows) throws -> Int64 {
        let id = try canonicalID(name: entity.name, type: entity.type, in: db)
        try recordAlias(entity.name, of: id, in: db)
        for mention in entity.mentions {
            try recordAlias(mention.text, of: id, in: db)
        }
        return id
    }

    /// The id of an entity named exactly `name`, preferring `type`, or nil; for events
    /// and quotes whose actors are not among the document's own entities.
    func lookup(name: String, preferring type: EntityType, in db: some EntityRows) throws -> Int64? {
        try db.lookup(name: name, preferring: type)
    }

    private mutating func canonicalID(name: String, type: EntityType, in db: some EntityRows) throws -> Int64 {
        let key = EntityKey(name: name, type: type)
        if let id = memo[key] { return id }
        let id = try db.storedID(name: name, type: type)
            ?? aliasID(of: name, type: type, in: db)
            ?? db.insert(name: name, type: type)
        memo[key] = id
        return id
    }

    private func aliasID(of name: String, type: EntityType, in db: some EntityRows) throws -> Int64? {
        let ids = try db.aliasIDs(normalized: AliasKey.normalize(name), type: type)
        return ids.count == 1 ? ids[0] : nil
    }

    private mutating func recordAlias(_ alias: String, of id: Int64, in db: some EntityRows) throws {
        if knownAliases.count > Self.capacity || memo.count > Self.capacity { forget() }
        guard knownAliases.insert(AliasRow(entityID: id, alias: alias)).inserted else { return }
        let normalized = AliasKey.normalize(alias)
        guard !normalized.isEmpty else { return }
        try db.insertAlias(entityID: id, alias: alias, normalized: normalized)
    }
}

/// The entity rows `CanonicalEntityIndex` reads and writes, in one store's transaction.
///
/// Promises of a conformer: `insert` returns the id of the (name, type) row, creating it
/// if no transaction has (a concurrent writer's committed row is returned, not doubled);
/// `insertAlias` leaves an existing (entity, normalized) alias alone; `aliasIDs` returns
/// at most two distinct ids, enough to tell one from several.
protocol EntityRows {
    func storedID(name: String, type: EntityType) throws -> Int64?
    func aliasIDs(normalized: String, type: EntityType) throws -> [Int64]
    func insert(name: String, type: EntityType) throws -> Int64
    func insertAlias(entityID: Int64, alias: String, normalized: String) throws
    func lookup(name: String, preferring type: EntityType) throws -> Int64?
}

/// `EntityRows` in an SQLite write transaction, through statements cached on the connection.
struct SQLiteEntityRows: EntityRows {
    let db: Database

    func storedID(name: String, type: EntityType) throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT id FROM entities WHERE name = ? AND type = ?")
        return try Int64.fetchOne(statement, arguments: [name, type.rawValue])
    }

    func aliasIDs(normalized: String, type: EntityType) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: """
            SELECT DISTINCT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
            WHERE a.normalized = ? AND e.type = ? LIMIT 2
            """)
        return try Int64.fetchAll(statement, arguments: [normalized, type.rawValue])
    }

    /// One writer per SQLite file: the (name, type) was just looked up in this
    /// transaction and is absent, so a plain insert creates it.
    func insert(name: String, type: EntityType) throws -> Int64 {
        let statement = try db.cachedStatement(sql: "INSERT INTO entities(name, type) VALUES (?, ?)")
        try statement.execute(arguments: [name, type.rawValue])
        return db.lastInsertedRowID
    }

    func insertAlias(entityID: Int64, alias: String, normalized: String) throws {
        let statement = try RowStatement(db, sql: """
            INSERT INTO entity_aliases(entity_id, alias, normalized) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        try statement.execute { row in
            row.bind(entityID); row.bind(alias); row.bind(normalized)
        }
    }

    func lookup(name: String, preferring type: EntityType) throws -> Int64? {
        let statement = try db.cachedStatement(sql: """
            SELECT id FROM entities WHERE name = ? ORDER BY type <> ?, id LIMIT 1
            """)
        return try Int64.fetchOne(statement, arguments: [name, type.rawValue])
    }
}
