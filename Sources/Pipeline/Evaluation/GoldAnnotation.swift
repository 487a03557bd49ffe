import Foundation

/// The answer key of one seed article, as written in `corpus/gold/<name>.json`.
///
/// Mirrors the fields that scoring needs (see `corpus/gold/README.md`); fields the scorer
/// never reads (notes, CAMEO names, roles) are left out. Positions are the gold's own:
/// a 1-based `line` and a 0-based Unicode-scalar `start` within that line of the raw file.
public struct GoldAnnotation: Sendable, Hashable, Decodable {
    /// The seed file's name, e.g. `002_c07e5aee2e7be1e9.txt`.
    public var file: String
    /// Number of lines, counting a final line without `\n`.
    public var lines: Int
    /// 1-based numbers of the non-blank lines that are not article text.
    public var boilerplateLines: [Int]
    /// Blank lines that go away with a boilerplate block (not scored: blank lines carry no text).
    public var boilerplateBlankLines: [Int]
    /// Boilerplate substrings inside kept lines.
    public var boilerplateFragments: [Fragment]
    public var entities: [GoldEntity]
    public var values: [GoldValue]
    public var events: [GoldEvent]

    enum CodingKeys: String, CodingKey {
        case file, lines, entities, values, events
        case boilerplateLines = "boilerplate_lines"
        case boilerplateBlankLines = "boilerplate_blank_lines"
        case boilerplateFragments = "boilerplate_fragments"
    }

    public init(file: String, lines: Int, boilerplateLines: [Int] = [], boilerplateBlankLines: [Int] = [],
                boilerplateFragments: [Fragment] = [], entities: [GoldEntity] = [],
                values: [GoldValue] = [], events: [GoldEvent] = []) {
        self.file = file
        self.lines = lines
        self.boilerplateLines = boilerplateLines
        self.boilerplateBlankLines = boilerplateBlankLines
        self.boilerplateFragments = boilerplateFragments
        self.entities = entities
        self.values = values
        self.events = events
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        lines = try c.decode(Int.self, forKey: .lines)
        boilerplateLines = try c.decodeIfPresent([Int].self, forKey: .boilerplateLines) ?? []
        boilerplateBlankLines = try c.decodeIfPresent([Int].self, forKey: .boilerplateBlankLines) ?? []
        boilerplateFragments = try c.decodeIfPresent([Fragment].self, forKey: .boilerplateFragments) ?? []
        entities = try c.decodeIfPresent([GoldEntity].self, forKey: .entities) ?? []
        values = try c.decodeIfPresent([GoldValue].self, forKey: .values) ?? []
        events = try c.decodeIfPresent([GoldEvent].self, forKey: .events) ?? []
    }

    /// Parses a gold file's bytes. A `malformedGold` error from here has an empty path;
    /// The caller that read the bytes fills in the file (`gleaner eval` does).
    public static func decode(_ bytes: [UInt8]) throws(GoldCorpusError) -> GoldAnnotation {
        do {
            return try JSONDecoder().decode(GoldAnnotation.self, from: Data(bytes))
        } catch {
            throw GoldCorpusError.malformedGold(path: "", reason: String(describing: error))
        }
    }

    /// A boilerplate substring inside a line that is otherwise article text.
    public struct Fragment: Sendable, Hashable, Decodable {
        public var line: Int
        public var start: Int
        public var text: String

        public init(line: Int, start: Int, text: String) {
            self.line = line
            self.start = start
            self.text = text
        }
    }
}

/// A gold entity: canonical name, type, distinct surface forms and every occurrence.
public struct GoldEntity: Sendable, Hashable, Decodable {
    public var canonical: String
    /// The contract's type name (`PERSON`, `ORGANIZATION`, `LOCATION`, `EVENT_NAME`).
    public var type: String
    /// Distinct surface forms, in order of first appearance.
    public var mentions: [String]
    /// Total number of occurrences.
    public var count: Int
    public var occurrences: [Occurrence]
    /// A second type the scorer accepts (Wall Street: LOCATION, or ORGANIZATION).
    public var acceptableAltType: String?

    enum CodingKeys: String, CodingKey {
        case canonical, type, mentions, count, occurrences
        case acceptableAltType = "acceptable_alt_type"
    }

    public init(canonical: String, type: String, mentions: [String], count: Int,
                occurrences: [Occurrence], acceptableAltType: String? = nil) {
        self.canonical = canonical
        self.type = type
        self.mentions = mentions
        self.count = count
        self.occurrences = occurrences
        self.acceptableAltType = acceptableAltType
    }

    /// Whether a predicted type counts as this entity's type.
    public func accepts(_ predicted: String) -> Bool {
        predicted == type || predicted == acceptableAltType
    }

    /// One mention of the entity, where it is in the raw file.
    public struct Occurrence: Sendable, Hashable, Decodable {
        public var line: Int
        public var start: Int
        public var text: String
        /// Set when a place stands for its government.
        public var metonymFor: String?

        enum CodingKeys: String, CodingKey {
            case line, start, text
            case metonymFor = "metonym_for"
        }

        public init(line: Int, start: Int, text: String, metonymFor: String? = nil) {
            self.line = line
            self.start = start
            self.text = text
            self.metonymFor = metonymFor
        }
    }
}

/// A gold typed value (MONEY, PERCENT, DATE, QUANTITY).
public struct GoldValue: Sendable, Hashable, Decodable {
    public var line: Int
    public var start: Int
    /// The minimal value expression.
    public var text: String
    public var type: String
    /// The gold normalisation, as JSON (a string, a number or an object).
    public var normalized: JSONValue
    /// The longer, OntoNotes-style span with its modifier ("more than $419 billion"),
    /// which the scorer accepts as well.
    public var textWithModifier: String?

    enum CodingKeys: String, CodingKey {
        case line, start, text, type, normalized
        case textWithModifier = "text_with_modifier"
    }

    public init(line: Int, start: Int, text: String, type: String, normalized: JSONValue = .null,
                textWithModifier: String? = nil) {
        self.line = line
        self.start = start
        self.text = text
        self.type = type
        self.normalized = normalized
        self.textWithModifier = textWithModifier
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = try c.decode(Int.self, forKey: .line)
        start = try c.decode(Int.self, forKey: .start)
        text = try c.decode(String.self, forKey: .text)
        type = try c.decode(String.self, forKey: .type)
        normalized = try c.decodeIfPresent(DecodedJSON.self, forKey: .normalized)?.value ?? .null
        textWithModifier = try c.decodeIfPresent(String.self, forKey: .textWithModifier)
    }
}

/// A gold CAMEO event.
public struct GoldEvent: Sendable, Hashable, Decodable {
    public var id: String?
    public var cameoCode: String
    public var cameoRoot: String
    /// Other defensible codes; their roots are accepted too.
    public var altCameoCodes: [String]
    /// Canonical entity names.
    public var source: String?
    public var target: String?
    /// Co-actors (Olsen alongside Santos); accepted in place of the main actor.
    public var sourceAdditional: [String]
    public var targetAdditional: [String]
    /// Joint or reciprocal actions: source and target may be swapped.
    public var symmetric: Bool
    /// Whether a minimal annotation must contain it; recall counts core events only.
    public var core: Bool
    /// The quoted words, when the event is a quotation.
    public var quote: String?
    /// Further quoted segments of the same speaker turn.
    public var quoteContinuation: [String]
    public var polarity: String
    public var line: Int
    public var trigger: String
    /// Offset of the event's sentence within `line`.
    public var sentenceStart: Int

    enum CodingKeys: String, CodingKey {
        case id, source, target, symmetric, core, quote, polarity, line, trigger
        case cameoCode = "cameo_code"
        case cameoRoot = "cameo_root"
        case altCameoCodes = "alt_cameo_codes"
        case sourceAdditional = "source_additional"
        case targetAdditional = "target_additional"
        case quoteContinuation = "quote_continuation"
        case sentenceStart = "sentence_start"
    }

    public init(id: String? = nil, cameoCode: String, cameoRoot: String? = nil, altCameoCodes: [String] = [],
                source: String?, target: String?, sourceAdditional: [String] = [], targetAdditional: [String] = [],
                symmetric: Bool = false, core: Bool = true, quote: String? = nil, quoteContinuation: [String] = [],
                polarity: String = "asserted", line: Int = 1, trigger: String = "", sentenceStart: Int = 0) {
        self.id = id
        self.cameoCode = cameoCode
        self.cameoRoot = cameoRoot ?? String(cameoCode.prefix(2))
        self.altCameoCodes = altCameoCodes
        self.source = source
        self.target = target
        self.sourceAdditional = sourceAdditional
        self.targetAdditional = targetAdditional
        self.symmetric = symmetric
        self.core = core
        self.quote = quote
        self.quoteContinuation = quoteContinuation
        self.polarity = polarity
        self.line = line
        self.trigger = trigger
        self.sentenceStart = sentenceStart
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        cameoCode = try c.decode(String.self, forKey: .cameoCode)
        cameoRoot = try c.decodeIfPresent(String.self, forKey: .cameoRoot) ?? String(cameoCode.prefix(2))
        altCameoCodes = try c.decodeIfPresent([String].self, forKey: .altCameoCodes) ?? []
        source = try c.decodeIfPresent(String.self, forKey: .source)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        sourceAdditional = try c.decodeIfPresent([String].self, forKey: .sourceAdditional) ?? []
        targetAdditional = try c.decodeIfPresent([String].self, forKey: .targetAdditional) ?? []
        symmetric = try c.decodeIfPresent(Bool.self, forKey: .symmetric) ?? false
        core = try c.decodeIfPresent(Bool.self, forKey: .core) ?? true
        quote = try c.decodeIfPresent(String.self, forKey: .quote)
        quoteContinuation = try c.decodeIfPresent([String].self, forKey: .quoteContinuation) ?? []
        polarity = try c.decodeIfPresent(String.self, forKey: .polarity) ?? "asserted"
        line = try c.decode(Int.self, forKey: .line)
        trigger = try c.decodeIfPresent(String.self, forKey: .trigger) ?? ""
        sentenceStart = try c.decodeIfPresent(Int.self, forKey: .sentenceStart) ?? 0
    }

    /// The CAMEO roots this event accepts: its own and those of its alternative codes.
    public var acceptedRoots: Set<String> {
        var roots: Set<String> = [cameoRoot]
        for code in altCameoCodes { roots.insert(String(code.prefix(2))) }
        return roots
    }
}

/// Any JSON value read through `Decodable`, for the gold's free-form `normalized` field.
struct DecodedJSON: Decodable {
    var value: JSONValue

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            // Keyed containers do not promise the file's key order; sort for a stable value.
            let keys = object.allKeys.sorted { $0.stringValue < $1.stringValue }
            value = .object(try keys.map { ($0.stringValue, try object.decode(DecodedJSON.self, forKey: $0).value) })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(DecodedJSON.self).value) }
            value = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let b = try? single.decode(Bool.self) {
            value = .bool(b)
        } else if let i = try? single.decode(Int.self) {
            value = .int(i)
        } else if let d = try? single.decode(Double.self) {
            value = .double(d)
        } else {
            value = .string(try single.decode(String.self))
        }
    }
}
