/// Which place names are states that can act, and which country a capital or a country
/// name stands for: read once from the analyzer's gazetteer (`data/gazetteer/`).
///
/// Promises: `country(of:)` answers for canonical country names and capitals, and for names
/// the gazetteer does not know that the actor dictionaries code as a bare country
/// ("Britain"), so a city, a street ("Wall Street") or a region the gazetteer knows never
/// becomes an event's actor or host.
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
        if let country = countryOfPlace[place] { return country }
        return isDictionaryCountry(place) ? place : nil
    }

    /// Whether the canonical name is a country (not a capital, not a city).
    static func isCountry(_ name: String) -> Bool {
        countryOfPlace[name] == name || isDictionaryCountry(name)
    }

    /// A name the gazetteer does not know at all ("Britain", "Zaire", "Burma") that the
    /// actor dictionaries code as a bare country: a country's other name. Names the
    /// gazetteer knows as cities or regions stay settings, though Phoenix codes many cities
    /// as their country ("Leeds" is GBR there).
    private static func isDictionaryCountry(_ name: String) -> Bool {
        guard Gazetteer.shared.places[name] == nil,
              let code = ActorDictionary.standard.actorCode(for: ActorCoder.fold(name).joined(separator: " "), on: nil)
        else { return false }
        return code.utf8.count == 3 && ActorDictionary.standard.isCountry(Substring(code))
    }
}
