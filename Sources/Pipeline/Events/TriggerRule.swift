/// One rule of the trigger lexicon (`data/lexicon/triggers.tsv`): a word pattern and the
/// CAMEO code it signals.
///
/// `tokens` holds, per pattern position, the lower-cased words that may stand there
/// (inflections already expanded, ’ written as '), or `nil` for a gap of up to
/// `TriggerRule.maxGap` words.
public struct TriggerRule: Sendable, Hashable {
    /// How the event's arguments are read around the trigger.
    public enum Flag: String, Sendable, Hashable, CaseIterable {
        /// A speech act: the speaker is the source; "said Dr X" (speaker after the verb) is accepted.
        case speech
        /// The first actor right after the verb is the target ("told Reuters").
        case addressee
        /// A joint action: "X and Y met", "talks between X and Y" give source X, target Y.
        case sym
        /// Always hypothetical (threats, ultimatums).
        case hyp
        /// A noun ("talks", "threat"): inside a prepositional phrase ("familiar with the
        /// talks") it names a topic, not an event, unless an actor modifies it directly.
        case noun
        /// A control verb ("agree", "plan"): when the next trigger of the clause shares its
        /// actor ("agreed to suspend tariffs"), that trigger carries the code instead.
        case light
    }

    /// Longest gap `..` may bridge, in words.
    public static let maxGap = 4

    /// The pattern as written in the lexicon, for diagnostics.
    public let pattern: String
    public let tokens: [[String]?]
    public let code: String
    public let flags: Set<Flag>

    public init(pattern: String, tokens: [[String]?], code: String, flags: Set<Flag>) {
        self.pattern = pattern
        self.tokens = tokens
        self.code = code
        self.flags = flags
    }
}
