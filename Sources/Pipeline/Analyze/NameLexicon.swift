/// Closed word classes the entity recognizer needs: function words, titles, role nouns and
/// calendar words. These are English grammar, not names, so they live in code.
///
/// Whether a word is in one of the classes `LexiconClasses` covers (function words,
/// pronouns, months, weekdays, title heads and modifiers, honorifics) is asked through
/// `LexiconClasses.of(_:)`, one lookup for all of them; `months` and `weekdays` are read
/// here only for their values. The other sets, which it does not cover (person, employer,
/// reporting, locative, subject verbs) are asked directly, a few times per candidate name.
enum NameLexicon {
    static let functionWords: Set<String> = [
        "the", "a", "an", "and", "but", "or", "nor", "in", "on", "at", "of", "for", "to", "from", "with",
        "by", "as", "if", "when", "while", "after", "before", "since", "even", "still", "however", "now",
        "then", "this", "that", "these", "those", "there", "here", "what", "how", "why", "who", "which",
        "where", "other", "some", "many", "most", "both", "neither", "either", "all", "any", "each",
        "no", "not", "yes", "so", "yet", "also", "only", "just", "asked", "speaking", "according",
        "elsewhere", "meanwhile", "still", "clearly", "later", "earlier", "early", "late", "last",
        "next", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "disclaimer", "subscribe", "already", "whether", "although", "though", "because", "until",
    ]
    static let pronouns: Set<String> = [
        "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your",
        "us", "them", "him", "me", "it’s", "we’ve", "we’re", "i’m", "i’d", "it’ll", "they’re",
    ]
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
        "jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9,
        "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
    ]
    static let weekdays: [String: String] = [
        "monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
        "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
    ]
    /// Capitalised words that open a title: "Vice", "Trade", "Treasury" ...
    static let titleModifiers: Set<String> = [
        "vice", "deputy", "prime", "foreign", "trade", "treasury", "agriculture", "commerce", "defense",
        "defence", "finance", "economy", "economic", "home", "interior", "energy", "labor", "labour",
        "health", "education", "justice", "chief", "senior", "former", "executive", "attorney",
        "special", "assistant", "under", "first", "crown", "supreme", "national", "security",
        "transport", "environment", "industry", "state", "press",
    ]
    /// Words that end a title: "President", "Secretary", "Representative" ...
    static let titleHeads: Set<String> = [
        "president", "premier", "minister", "secretary", "representative", "chancellor", "governor",
        "senator", "ambassador", "envoy", "spokesman", "spokeswoman", "director", "chairman",
        "chairwoman", "adviser", "advisor", "mayor", "king", "queen", "prince", "princess", "general",
        "admiral", "judge", "pope", "commissioner", "leader", "officer", "lawmaker", "congressman",
        "congresswoman", "speaker", "treasurer", "ceo", "chair",
    ]
    /// Honorifics written before a name, with or without a point.
    static let honorifics: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "mr.", "mrs.", "ms.", "dr.", "prof.",
        "sen.", "rep.", "gov.", "sir", "dame", "lord", "lady",
    ]
    /// Lower-case nouns after which a capitalised name is a person: "spokesman Zhou Lan".
    static let personCues: Set<String> = [
        "spokesman", "spokeswoman", "spokesperson", "envoy", "adviser", "advisor", "negotiator",
        "counterpart", "official", "economist", "analyst", "minister", "secretary", "chief",
        "director", "chairman", "ambassador", "representative", "leader", "expert", "executive",
        "correspondent", "president", "premier", "aide", "lawyer", "founder", "professor", "wife",
        "husband", "son", "daughter", "colleague", "rival",
    ]
    /// Lower-case nouns after which a capitalised name is an employer: "White House trade adviser".
    static let employerCues: Set<String> = [
        "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "official", "officials",
        "aide", "aides", "staff", "economist", "economists", "analyst", "analysts", "chief", "executive",
        "executives", "employees", "director", "researcher", "fellow",
    ]
    /// Verbs whose subject, when an unknown name, is a news outlet: "Bloomberg reported".
    static let reportingVerbs: Set<String> = ["reported", "reports", "reporting", "quoted", "cited"]
    /// Words after which a place is where something happens, not who acts.
    static let locativeWords: Set<String> = [
        "in", "at", "from", "into", "near", "visit", "visits", "visited", "visiting", "outside",
        "across", "throughout", "around", "inside", "to", "via", "toward", "towards",
    ]
    /// Auxiliaries and frequent verbs that mark a preceding name as an acting subject.
    static let subjectVerbs: Set<String> = [
        "is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "can", "should",
        "may", "might", "must", "did", "does", "do", "said", "says", "say", "wants", "want", "appear",
        "appears", "agreed", "agree", "refused", "insisted", "argued", "believes", "hopes", "needs",
    ]

    static func isMonth(_ word: String) -> Bool { months[word.lowercased()] != nil }
    static func isWeekday(_ word: String) -> Bool { weekdays[word.lowercased()] != nil }
}
