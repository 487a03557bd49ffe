/// A phrase that can fill an event's source or target: an entity mention with the title
/// and modifier mentions it absorbed ("US Trade Representative Maria Santos"), or a
/// pronoun or nominal resolved to an entity.
struct ActorUnit: Sendable, Hashable {
    /// First token of the whole phrase, absorbed modifiers included.
    var firstToken: Int
    /// First and one-past-last token of the head mention (or pronoun).
    var headFirst: Int
    var endToken: Int
    /// Canonical name of the actor (a metonym's country, a pronoun's antecedent).
    var name: String
    var type: EntityType?
    /// A place named as a setting ("in Beijing"), not as an actor.
    var isSetting: Bool
    /// Followed by a possessive 's.
    var isPossessive: Bool
    /// For "both sides" and the like: the second actor of the pair.
    var partner: String?
    /// For a person: the country the text ties them to ("US Trade Representative X",
    /// "China's Vice Premier Y"), so events roll up to country pairs.
    var affiliation: String? = nil
    /// Whether the phrase can be an actor at all: people, organisations, countries and
    /// their metonyms can; a city, a street ("Wall Street") or an event name cannot.
    var canAct: Bool = true
    /// "X and his counterpart Y <verb>": the subject is a pair.
    var isCoordinated: Bool = false

    /// The country side the actor stands for: itself for a country, else its affiliation.
    var side: String? {
        if type == .location { return PoliticalGeography.country(of: name) ?? name }
        return affiliation
    }
}
