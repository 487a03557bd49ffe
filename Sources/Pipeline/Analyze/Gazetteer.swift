/// Name tables for entity and value recognition, parsed once from `GazetteerData`.
///
/// Promises: lookups are exact and case-sensitive on the surface form (all-caps forms are
/// looked up as written and in title case by the recognizer); the tables are immutable and
/// shared by every thread.
struct Gazetteer: Sendable {
    /// What a place-like name stands for.
    struct Place: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case country, demonym, capital, place }
        var kind: Kind
        /// The canonical name of the entity this surface form names.
        var canonical: String
        /// For a capital, the country its government is.
        var country: String?
    }

    let places: [String: Place]
    let firstNames: Set<String>
    let organizations: Set<String>
    let organizationSuffixes: Set<String>
    let organizationHeads: Set<String>
    let eventWords: Set<String>
    let locationSuffixes: Set<String>
    let currencyPrefixes: [String: String]
    let currencySymbols: [String: String]
    /// The longest multi-word name in `places` or `organizations`, in words.
    let longestName: Int

    static let shared = Gazetteer()

    init() {
        var places: [String: Place] = [:]
        // Later tables do not overwrite earlier ones: capitals beat other cities of the same name.
        for row in Self.rows(GazetteerData.capitals) where row.count >= 3 {
            places[row[0]] = Place(kind: .capital, canonical: row[1], country: row[2])
        }
        for row in Self.rows(GazetteerData.countries) where row.count >= 2 && places[row[0]] == nil {
            places[row[0]] = Place(kind: .country, canonical: row[1])
        }
        for row in Self.rows(GazetteerData.demonyms) where row.count >= 2 && places[row[0]] == nil {
            places[row[0]] = Place(kind: .demonym, canonical: row[1])
        }
        for row in Self.rows(GazetteerData.places) where row.count >= 2 && places[row[0]] == nil {
            places[row[0]] = Place(kind: .place, canonical: row[1])
        }
        self.places = places
        firstNames = Set(Self.rows(GazetteerData.firstNames).map { $0[0] })
        organizations = Set(Self.rows(GazetteerData.organizations).map { $0[0] })
        organizationSuffixes = Set(Self.rows(GazetteerData.organizationSuffixes).map { $0[0] })
        organizationHeads = Set(Self.rows(GazetteerData.organizationHeads).map { $0[0] })
        eventWords = Set(Self.rows(GazetteerData.eventWords).map { $0[0] })
        locationSuffixes = Set(Self.rows(GazetteerData.locationSuffixes).map { $0[0] })
        currencyPrefixes = Dictionary(Self.rows(GazetteerData.currencyPrefixes).map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        currencySymbols = Dictionary(Self.rows(GazetteerData.currencySymbols).map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        var longest = 1
        for key in places.keys { longest = max(longest, key.split(separator: " ").count) }
        for key in organizations { longest = max(longest, key.split(separator: " ").count) }
        longestName = min(longest, 6)
    }

    private static func rows(_ table: String) -> [[String]] {
        table.split(separator: "\n").map { line in line.split(separator: "\t").map(String.init) }
    }

    /// The ISO 4217 code of a currency token ("$", "US$", "S$", "₹"), if known.
    func currency(of token: String) -> String? {
        if let code = currencySymbols[token] { return code }
        if token.hasSuffix("$") { return currencyPrefixes[String(token.dropLast())] }
        return nil
    }
}
