/// Closed-class English words and the small vocabularies of site furniture that the line
/// features look words up in. Every entry is general English or general web-publishing
/// vocabulary, never a phrase taken from a particular article or site.
enum BoilerplateLexicon {
    /// Function words: determiners, pronouns, prepositions, conjunctions, auxiliaries.
    /// Running prose is about 40% function words; menus, price lists and plan names are not.
    static let stopwords: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every",
        "no", "all", "both", "either", "neither", "such", "what", "which", "who", "whom",
        "whose", "whether", "i", "me", "my", "we", "us", "our", "you", "your", "he", "him",
        "his", "she", "her", "it", "its", "they", "them", "their", "there", "here",
        "of", "in", "on", "at", "by", "for", "with", "about", "against", "between", "into",
        "through", "during", "before", "after", "above", "below", "to", "from", "up", "down",
        "out", "off", "over", "under", "again", "further", "then", "once", "than", "as",
        "until", "while", "since", "because", "although", "though", "if", "so", "and", "but",
        "or", "nor", "not", "also", "only", "very", "too", "just", "more", "most", "other",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
        "having", "do", "does", "did", "doing", "will", "would", "shall", "should", "can",
        "could", "may", "might", "must", "said", "says", "say", "when", "where", "why", "how",
        "it's", "that's", "there's", "he's", "she's", "they're", "we're", "won't", "don't",
        "didn't", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "can't",
        "per", "via", "upon", "within", "without", "across", "among", "amid", "toward",
        "towards", "around", "near", "like", "yet", "still", "even", "already",
    ]

    /// Words a site uses to address its reader directly ("you", "our"). Article prose
    /// outside quotations rarely does.
    static let readerAddress: Set<String> = [
        "you", "your", "you're", "you've", "you'll", "yours", "we", "our", "us", "we're", "we've",
    ]

    enum FunctionWordRole: Sendable { case plain, readerAddress }

    /// `stopwords` and `readerAddress` in one table, so a word costs one hash lookup.
    /// Every reader-address word counts as a function word too.
    static let functionWords: [String: FunctionWordRole] = {
        var table: [String: FunctionWordRole] = [:]
        for word in stopwords { table[word] = .plain }
        for word in readerAddress { table[word] = .readerAddress }
        return table
    }()

    /// `functionWords` of up to eight bytes (all of them today), found without hashing
    /// a String: the line scan looks up every word of the document.
    static let packedFunctionWords = PackedWordTable(functionWords)

    /// The longest function word, in UTF-8 bytes: longer words need no lookup at all.
    static let longestFunctionWord = functionWords.keys.map(\.utf8.count).max() ?? 0

    /// The role of `word` (its UTF-8) in `functionWords`, if it is one.
    static func functionWordRole(_ word: UnsafeBufferPointer<UInt8>) -> FunctionWordRole? {
        if word.count <= 8 { return packedFunctionWords.value(for: word) }
        guard word.count <= longestFunctionWord else { return nil }
        return functionWords[String(decoding: word, as: UTF8.self)]
    }

    /// Imperative verbs that open calls to action, with the reason such a line is removed.
    static let callToActionVerbs: [String: BoilerplateReason] = [
        "subscribe": .subscription, "upgrade": .subscription, "unlock": .subscription,
        "register": .subscription, "join": .subscription, "buy": .subscription,
        "choose": .subscription, "select": .subscription, "try": .subscription,
        "renew": .subscription, "activate": .subscription, "login": .subscription,
        "share": .share, "tweet": .share, "email": .share, "print": .share,
        "follow": .share, "like": .share, "comment": .share, "pin": .share,
        "read": .crossReference, "see": .crossReference, "view": .crossReference,
        "watch": .crossReference, "listen": .crossReference, "explore": .crossReference,
        "discover": .crossReference, "continue": .crossReference, "click": .navigation,
        "tap": .navigation, "download": .navigation, "skip": .navigation,
        "sign": .subscription, "log": .subscription,
    ]

    /// Words that turn a short imperative line into a call to action rather than a heading.
    static let callToActionMarkers: Set<String> = [
        "now", "here", "more", "today", "free", "full", "us", "our", "your", "app",
        "also", "latest", "updates", "story", "article", "stories", "articles", "access",
        "newsletter", "newsletters", "in", "up", "online", "link", "page", "subscription",
    ]

    /// Words that mark a line as paywall or subscription furniture when the line is not
    /// running prose.
    static let subscriptionWords: Set<String> = [
        "subscribe", "subscribed", "subscribing", "subscription", "subscriptions",
        "subscriber", "subscribers", "paywall", "login", "log-in", "sign-in", "sign-up",
        "ad-free", "epaper", "e-paper", "unlimited", "premium",
    ]

    static let newsletterWords: Set<String> = ["newsletter", "newsletters", "inbox", "unsubscribe"]

    static let cookieWords: Set<String> = ["cookie", "cookies", "consent", "gdpr"]

    /// The union of `cookieWords`, `newsletterWords` and `subscriptionWords`: a line's
    /// words are sifted through it once, so the three sets only see the few that pass.
    static let noticeVocabulary = WordFilter(cookieWords.union(newsletterWords).union(subscriptionWords))

    /// Social platforms and sharing verbs: a line made only of these is a share bar.
    static let shareWords: Set<String> = [
        "share", "shares", "sharing", "facebook", "twitter", "x", "whatsapp", "linkedin",
        "email", "e-mail", "print", "copy", "link", "tweet", "pinterest", "reddit", "telegram",
        "messenger", "instagram", "youtube", "tiktok", "threads", "bluesky", "mastodon",
        "on", "this", "article", "story", "via", "us", "follow", "comments", "comment",
    ]

    /// Words that open a pointer to other content ("Related:", "SEE OPINION", "Also read").
    static let crossReferenceOpeners: Set<String> = [
        "related", "see", "read", "also", "more", "recommended", "trending", "popular",
        "latest", "watch", "listen", "previously", "opinion",
    ]

    /// Labels that open a disclaimer or note that is not part of the story.
    static let disclaimerLabels: Set<String> = ["disclaimer", "disclosure", "note", "editor's"]

    /// Units of a subscription term ("3 Months", "1 Year").
    static let durationUnits: Set<String> = [
        "day", "days", "week", "weeks", "month", "months", "year", "years", "yr", "yrs",
        "mo", "mos", "quarter", "quarters",
    ]

    /// Period words that follow a price as "/Month", "per year", "a month".
    static let billingPeriods: Set<String> = [
        "month", "year", "week", "day", "mo", "yr", "monthly", "yearly", "annually", "annual",
        "quarter", "quarterly",
    ]

    /// Word sequences that only a paywall or metering notice uses.
    static let paywallPhrases: [[String]] = [
        ["reached", "your", "limit"], ["free", "articles"], ["free", "article"],
        ["continue", "reading"], ["subscribers", "only"], ["already", "a", "subscriber"],
        ["already", "subscribed"], ["already", "have", "an", "account"],
        ["create", "a", "free", "account"], ["to", "read", "the", "full"],
        ["unlimited", "access"], ["cancel", "anytime"], ["renews", "automatically"],
    ]

    /// One-word lines that mark an ad slot left in pasted text.
    static let adMarkers: Set<String> = ["advertisement", "advertisements", "advert", "sponsored", "ad", "promoted"]

    /// Openings of the production credits wire copy ends with ("Reporting by ...").
    static let creditOpenings: [[String]] = [
        ["reporting", "by"], ["additional", "reporting", "by"], ["editing", "by"], ["writing", "by"],
        ["compiled", "by"], ["with", "inputs", "from"], ["source"],
    ]
}
