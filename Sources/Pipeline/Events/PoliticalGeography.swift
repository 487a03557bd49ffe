/// Which place names are states that can act, and which country a capital or a country
/// name stands for: read once from the analyzer's gazetteer (`data/gazetteer/`).
///
/// Promises: `country(of:)` answers for canonical country names and capitals only, so a
/// city, a street ("Wall Street") or a region never becomes an event's actor or host.
enum PoliticalGeography {
    private static let countryOfPlace: [String: String] = {
        var table: [String: String] = [:]
        for place in Gazetteer.shared.places.values {
            switch place.kind {
            case .country, .demonym:
                table[place.canonical] = place.canonical
            case .capital:
                if let country = place.country { table[place.canonical] = country }
            case .place:
                break
            }
        }
        return table
    }()

    /// The country a canonical place name is, or whose capital it is.
    static func country(of place: String) -> String? {
        countryOfPlace[place]
    }

    /// Whether the canonical name is a country (not a capital, not a city).
    static func isCountry(_ name: String) -> Bool {
        countryOfPlace[name] == name
    }
}
