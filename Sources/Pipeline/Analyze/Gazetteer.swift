/// Name tables for entity and value recognition, parsed once from the tab-separated files of
/// `data/gazetteer/` embedded in the binary (`scripts/generate-gazetteers` writes the derived
/// ones, `scripts/generate-name-tables` the known people and organisations; `name-words.tsv`
/// is kept by hand).
///
/// Promises: lookups are exact and case-sensitive on the surface form (all-caps forms are
/// looked up as written and in title case by the recognizer); the tables are immutable and
/// shared by every thread.
package struct Gazetteer: Sendable {
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
    /// For every key of the single-word tables above, its `GazetteerBits` (place kind, first
    /// name, organisation, suffix, head, event word, location suffix) plus `startsLongerName`
    /// when a multi-word place or organisation begins with it: the tagger's features ask all
    /// of these about every capitalised word, and one lookup answers them together.
    let wordBits: [String: UInt32]
    /// In `wordBits`: some multi-word key of `places`, `organizations` or the known people and
    /// organisations has this first word.
    /// Not a feature bit, so `GazetteerBits` never sets it.
    static let startsLongerName: UInt32 = 1 << 31
    /// In `wordBits`: the word ends a competition's name rather than a body's ("American
    /// League": CoNLL-2003 reads it as MISC), from `name-words.tsv`'s `competition-suffix`.
    /// Not a feature bit either.
    static let competitionSuffix: UInt32 = 1 << 30
    /// The bits of `wordBits` that are no tagger feature.
    static let nonFeatureBits: UInt32 = startsLongerName | competitionSuffix
    /// `wordBits` for the hot lookups; see `WordTable`. Every key of `places` and of the
    /// sets above is in it with its bits, so a set's `contains` is a bit test here.
    let wordBitsTable: WordTable<UInt32>
    /// `places` for the hot lookups.
    let placeTable: WordTable<Place>

    package static let shared = Gazetteer()

    init() {
        var places: [String: Place] = [:]
        // Later tables do not overwrite earlier ones: capitals beat other cities of the same name.
        for row in Self.rows("capitals.tsv") where row.count >= 3 {
            places[row[0]] = Place(kind: .capital, canonical: row[1], country: row[2])
        }
        for row in Self.rows("countries.tsv") where row.count >= 2 && places[row[0]] == nil {
            places[row[0]] = Place(kind: .country, canonical: row[1])
        }
        for row in Self.rows("demonyms.tsv") where row.count >= 2 && places[row[0]] == nil {
            places[row[0]] = Place(kind: .demonym, canonical: row[1])
        }
        for row in Self.rows("places.tsv") where row.count >= 2 && places[row[0]] == nil {
            places[row[0]] = Place(kind: .place, canonical: row[1])
        }
        self.places = places
        firstNames = Set(Self.rows("first-names.txt").map { $0[0] })
        organizations = Set(Self.rows("organizations.txt").map { $0[0] })
        var words: [String: [[String]]] = [:]
        for row in Self.rows("name-words.tsv") where row.count >= 2 { words[row[0], default: []].append(Array(row.dropFirst())) }
        organizationSuffixes = Set((words["organization-suffix"] ?? []).map { $0[0] })
        organizationHeads = Set((words["organization-head"] ?? []).map { $0[0] })
        eventWords = Set((words["event-word"] ?? []).map { $0[0] })
        locationSuffixes = Set((words["location-suffix"] ?? []).map { $0[0] })
        currencyPrefixes = Dictionary((words["currency-prefix"] ?? []).filter { $0.count >= 2 }.map { ($0[0], $0[1]) },
                                      uniquingKeysWith: { a, _ in a })
        currencySymbols = Dictionary((words["currency-symbol"] ?? []).filter { $0.count >= 2 }.map { ($0[0], $0[1]) },
                                     uniquingKeysWith: { a, _ in a })
        var longest = 1
        for key in places.keys { longest = max(longest, key.split(separator: " ").count) }
        for key in organizations { longest = max(longest, key.split(separator: " ").count) }
        longestName = min(longest, 6)

        var bits: [String: UInt32] = [:]
        for (key, place) in places {
            switch place.kind {
            case .country: bits[key, default: 0] |= GazetteerBits.country
            case .demonym: bits[key, default: 0] |= GazetteerBits.demonym
            case .capital: bits[key, default: 0] |= GazetteerBits.capital
            case .place: bits[key, default: 0] |= GazetteerBits.place
            }
        }
        for key in firstNames { bits[key, default: 0] |= GazetteerBits.firstName }
        for key in organizations { bits[key, default: 0] |= GazetteerBits.organization }
        for key in organizationSuffixes { bits[key, default: 0] |= GazetteerBits.organizationSuffix }
        for key in organizationHeads { bits[key, default: 0] |= GazetteerBits.organizationHead }
        for key in eventWords { bits[key, default: 0] |= GazetteerBits.eventWord }
        for key in locationSuffixes { bits[key, default: 0] |= GazetteerBits.locationSuffix }
        for row in words["competition-suffix"] ?? [] { bits[row[0], default: 0] |= Self.competitionSuffix }
        var knownNames: [String] = []
        for (file, bit) in [("people.txt", GazetteerBits.knownPerson), ("known-organizations.txt", GazetteerBits.knownOrganization)] {
            for row in Self.rows(file) {
                for key in Self.surfaceForms(row[0]) {
                    bits[key, default: 0] |= bit
                    knownNames.append(key)
                }
            }
        }
        for key in Array(places.keys) + Array(organizations) + knownNames {
            guard let space = key.utf8.firstIndex(of: 0x20) else { continue }
            bits[String(key[..<space]), default: 0] |= Self.startsLongerName
        }
        wordBits = bits
        wordBitsTable = WordTable(bits)
        placeTable = WordTable(places)
    }

    /// Words that stay in lower case inside a title-cased name ("Bank of England").
    private static let lowerCaseNameWords: Set<String> = ["of", "and", "the", "for", "de", "del", "la", "le", "du", "da",
                                                          "von", "van", "der", "den", "in", "on", "at", "to"]

    /// The spellings a lower-case table name is looked up by: title case ("al-jazeera" as
    /// "Al-Jazeera", "o'brien" as "O'Brien", "bank of england" as "Bank of England") and all
    /// capitals ("AFP", "XI JINPING"), as news and its headlines write names.
    static func surfaceForms(_ name: String) -> [String] {
        // 43k names are read at start-up; an ASCII name (nearly all) is cased byte by byte,
        // which gives the same spellings as `Character` casing at a fraction of its cost
        // (0.8G instructions per process before).
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return surfaceFormsOfAnyText(name) }
        let upper = { (b: UInt8) -> UInt8 in b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
        var titled: [UInt8] = []
        titled.reserveCapacity(name.utf8.count)
        for (index, word) in name.utf8.split(separator: 0x20).enumerated() {
            if index > 0 { titled.append(0x20) }
            if index > 0, let text = String(word), lowerCaseNameWords.contains(text) {
                titled.append(contentsOf: word)
                continue
            }
            var opens = true
            for b in word {
                titled.append(opens ? upper(b) : b)
                opens = b == UInt8(ascii: "-") || b == UInt8(ascii: "'")
            }
        }
        let capitals = String(decoding: name.utf8.map(upper), as: UTF8.self)
        let title = String(decoding: titled, as: UTF8.self)
        return capitals == title ? [title] : [title, capitals]
    }

    /// `surfaceForms` for any text, cased by `Character`.
    static func surfaceFormsOfAnyText(_ name: String) -> [String] {
        let titled = name.split(separator: " ").enumerated().map { index, word -> String in
            if index > 0 && lowerCaseNameWords.contains(String(word)) { return String(word) }
            var out = ""
            var opens = true
            for c in word {
                out += opens ? c.uppercased() : String(c)
                opens = c == "-" || c == "'"
            }
            return out
        }.joined(separator: " ")
        let capitals = name.uppercased()
        return capitals == titled ? [titled] : [titled, capitals]
    }

    /// The rows of the embedded file `data/gazetteer/<name>`, split at tabs. The files are
    /// part of the build: a binary without them is broken, so their absence stops it.
    private static func rows(_ name: String) -> [[String]] {
        guard let table = EmbeddedData.text(named: "data/gazetteer/" + name) else {
            preconditionFailure("data/gazetteer/\(name) is not embedded (Sources/CEmbeddedData/blobs.def)")
        }
        // Empty fields are dropped: a row is its non-empty cells.
        return TabSeparatedRows(table, comments: false).map { $0.filter { !$0.isEmpty } }
    }

    /// The type a mention of an entity of `entityType` has of its own (`Mention.type`):
    /// `NORP` for a demonym ("Chinese", "AMERICANS") of a place entity, else nil. The resolver
    /// sets it this way, and the store's reader, which does not keep it, derives it the same
    /// way, so an exported document reads as it was extracted.
    func mentionType(_ text: String, of entityType: EntityType) -> EntityType? {
        guard entityType == .location else { return nil }
        if let place = placeTable[text] { return place.kind == .demonym ? .norp : nil }
        guard text.count > 3, text.unicodeScalars.allSatisfy({ !$0.properties.isLowercase }) else { return nil }
        let titled = text.split(separator: " ").map { SentenceForms.titleCased(String($0)) }.joined(separator: " ")
        return placeTable[titled]?.kind == .demonym ? .norp : nil
    }

    /// The ISO 4217 code of a currency token ("$", "US$", "S$", "₹"), if known.
    func currency(of token: String) -> String? {
        if let code = currencySymbols[token] { return code }
        if token.hasSuffix("$") { return currencyPrefixes[String(token.dropLast())] }
        return nil
    }
}
