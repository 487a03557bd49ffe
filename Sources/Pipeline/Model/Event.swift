/// Whether the text reports an event as happening, as not happening, or as possible.
public enum EventPolarity: String, Sendable, Hashable, CaseIterable, Codable {
    case asserted
    case negated
    case hypothetical
}

/// One coded interaction: who did what to whom, CAMEO-coded.
public struct Event: Sendable, Hashable {
    /// The CAMEO code as a string: "010" is not "10".
    public var code: String
    /// The two-digit CAMEO root.
    public var root: String
    /// GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    public var quadClass: Int
    public var goldstein: Double
    /// Canonical entity names.
    public var source: String?
    public var target: String?
    public var location: String?
    /// The DATE value attached to the event, as written.
    public var time: String?
    public var polarity: EventPolarity
    /// The words that signal the event ("slapped tariffs").
    public var trigger: String
    public var sentence: String
    /// The sentence's Unicode-scalar offsets in the clean text, end exclusive.
    public var start: Int
    public var end: Int
    /// The trigger's offsets in the clean text.
    public var triggerStart: Int
    public var triggerEnd: Int
    /// The country the source acts for: itself for a country, a person's country when the
    /// text gives it ("US Trade Representative Maria Santos" -> United States).
    public var sourceAffiliation: String?
    /// The country the target stands for, likewise.
    public var targetAffiliation: String?
    /// The normalised value of `time` (the DATE value's `normalized.value`, e.g. "XXXX-05-08").
    public var timeNormalized: String?
    /// MONEY and PERCENT values of the event's clause, as written ("$50 billion", "25 percent").
    public var quantities: [String]
    /// The source's and target's CAMEO actor codes with their parts ("USAGOV": USA, GOV),
    /// as GDELT's Actor1 and Actor2 codes; nil when the actor could not be coded.
    public var sourceActor: ActorCode? = nil
    public var targetActor: ActorCode? = nil
    /// The day the event happened, YYYY-MM-DD: the sentence's date resolved against the
    /// document's published date, else the published day; nil when neither is known.
    public var date: String? = nil

    public init(code: String, root: String, quadClass: Int, goldstein: Double,
                source: String?, target: String?, location: String?, time: String?,
                polarity: EventPolarity, trigger: String, sentence: String,
                start: Int, end: Int, triggerStart: Int, triggerEnd: Int,
                sourceAffiliation: String? = nil, targetAffiliation: String? = nil,
                timeNormalized: String? = nil, quantities: [String] = []) {
        self.code = code
        self.root = root
        self.quadClass = quadClass
        self.goldstein = goldstein
        self.source = source
        self.target = target
        self.location = location
        self.time = time
        self.polarity = polarity
        self.trigger = trigger
        self.sentence = sentence
        self.start = start
        self.end = end
        self.triggerStart = triggerStart
        self.triggerEnd = triggerEnd
        self.sourceAffiliation = sourceAffiliation
        self.targetAffiliation = targetAffiliation
        self.timeNormalized = timeNormalized
        self.quantities = quantities
    }
}

/// A direct quotation and who said it.
public struct Quote: Sendable, Hashable {
    /// Canonical entity name of the speaker, when one can be attributed.
    public var speaker: String?
    /// The characters between the quotation marks, nothing trimmed.
    public var text: String
    /// Offsets of `text` in the clean text, end exclusive.
    public var start: Int
    public var end: Int

    public init(speaker: String?, text: String, start: Int, end: Int) {
        self.speaker = speaker
        self.text = text
        self.start = start
        self.end = end
    }
}
