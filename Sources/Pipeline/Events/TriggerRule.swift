/// One rule of the trigger lexicon (`data/lexicon/lexicon.tsv`: the project's
/// `triggers.tsv`, then the rules derived from CAMEO.2.0.txt): a word pattern and the CAMEO
/// code it signals, or "---" for a phrase that codes nothing.
///
/// `tokens` holds, per pattern position, the lower-cased words that may stand there
/// (inflections already expanded, ’ written as '), or `nil` for a gap of up to
/// `TriggerRule.maxGap` words. `verbOffset` is the position of the verb in a derived
/// pattern whose words stand before it (`KIDNAP - GUNMEN *`: 1), else 0.
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
        /// An event only with a source and a target of its own, as PETRARCH codes: no target
        /// is guessed from the story (every rule derived from CAMEO.2.0.txt).
        case dyadic
    }

    /// Longest gap `..` may bridge, in words.
    public static let maxGap = 4

    /// The rule's fields, behind one reference: a rule is copied into every match and
    /// candidate, and one retain is cheaper than four (two strings, an array, a set).
    /// Immutable and made of `Sendable` values, so the class is `Sendable` as it is.
    private final class Storage: Sendable {
        let pattern: String
        let tokens: [[String]?]
        let code: String
        let flags: Set<Flag>
        /// The rule's place in the lexicon: between matches of equal length the earlier rule wins.
        let order: Int
        /// One of the project's own rules (`triggers.tsv`): its matches outrank every
        /// overlapping match of a rule derived from CAMEO.2.0.txt.
        let isProject: Bool
        /// A `field` rule of `triggers.tsv` (origin `correction`): a correction of the field's
        /// dictionary, which outranks every overlapping rule derived from CAMEO.2.0.txt.
        let isCorrection: Bool
        /// `flags` as bits (`1 << index in Flag.allCases`): asked on every match, a bit
        /// test spares hashing into the set.
        let flagBits: UInt8
        /// Positions before the verb (words PETRARCH's pattern names before it).
        let verbOffset: Int

        init(pattern: String, tokens: [[String]?], code: String, flags: Set<Flag>, order: Int, isProject: Bool,
             isCorrection: Bool, verbOffset: Int) {
            self.isProject = isProject
            self.isCorrection = isCorrection
            self.verbOffset = verbOffset
            self.pattern = pattern
            self.tokens = tokens
            self.code = code
            self.flags = flags
            self.order = order
            flagBits = flags.reduce(0) { $0 | TriggerRule.bit(of: $1) }
        }
    }

    private let storage: Storage

    /// The pattern as written in the lexicon, for diagnostics.
    public var pattern: String { storage.pattern }
    public var tokens: [[String]?] { storage.tokens }
    public var code: String { storage.code }
    public var flags: Set<Flag> { storage.flags }
    public var order: Int { storage.order }
    public var isProject: Bool { storage.isProject }
    public var isCorrection: Bool { storage.isCorrection }
    public var verbOffset: Int { storage.verbOffset }

    public init(pattern: String, tokens: [[String]?], code: String, flags: Set<Flag>, order: Int = 0, isProject: Bool = true,
                isCorrection: Bool = false, verbOffset: Int = 0) {
        storage = Storage(pattern: pattern, tokens: tokens, code: code, flags: flags, order: order, isProject: isProject,
                          isCorrection: isCorrection, verbOffset: verbOffset)
    }

    /// Whether the rule carries `flag`: `flags.contains(flag)`, without the set.
    @inline(__always)
    public func has(_ flag: Flag) -> Bool {
        storage.flagBits & Self.bit(of: flag) != 0
    }

    private static func bit(of flag: Flag) -> UInt8 {
        switch flag {
        case .speech: 1
        case .addressee: 2
        case .sym: 4
        case .hyp: 8
        case .noun: 16
        case .light: 32
        case .dyadic: 64
        }
    }

    // Equal and hashed by value, as the synthesized conformance was; the identity test
    // answers the common case (a rule compared with itself) without reading the fields.
    public static func == (a: TriggerRule, b: TriggerRule) -> Bool {
        a.storage === b.storage || (a.pattern == b.pattern && a.tokens == b.tokens && a.code == b.code && a.flags == b.flags)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(tokens)
        hasher.combine(code)
        hasher.combine(flags)
    }
}
