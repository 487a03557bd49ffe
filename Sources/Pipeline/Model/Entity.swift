/// The kinds of named entity Gleaner extracts. Raw values are the contract's `type`.
public enum EntityType: String, Sendable, Hashable, CaseIterable, Codable {
    case person = "PERSON"
    case organization = "ORGANIZATION"
    case location = "LOCATION"
    case eventName = "EVENT_NAME"
    /// Nationalities, religious and political groups: "Chinese", "Swiss", "Republicans".
    case norp = "NORP"
    /// Other named things: products, works, laws, competitions, named events that are not
    /// `EVENT_NAME`.
    case misc = "MISC"
}

/// One occurrence of an entity in the clean text.
public struct Mention: Sendable, Hashable {
    /// The surface form exactly as written (`text[start..<end]`), without a possessive 's.
    public var text: String
    /// Unicode-scalar offsets into the clean text, end exclusive.
    public var start: Int
    public var end: Int
    /// Index into `AnalyzedDocument.sentences`.
    public var sentence: Int
    /// Set when a place stands for its government ("Beijing said"): the country's name.
    public var metonymFor: String?
    /// Set when this mention names a different kind of thing than its entity: `NORP` for a
    /// nationality written as its demonym ("Chinese", "Americans"), which is a mention of its
    /// country's `LOCATION` entity ("China") so that the country's entity gathers every
    /// mention of it, while the mention itself keeps the type the words have. Nil otherwise.
    public var type: EntityType?

    public init(text: String, start: Int, end: Int, sentence: Int, metonymFor: String? = nil, type: EntityType? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.sentence = sentence
        self.metonymFor = metonymFor
        self.type = type
    }
}

/// A named entity of one document: its canonical name, type, and every mention.
public struct Entity: Sendable, Hashable {
    /// The fullest name the document gives ("Maria Santos"), or the country's
    /// name for a demonym ("American" -> "United States").
    public var name: String
    public var type: EntityType
    /// A person's role as the text words it ("Treasury Secretary"), titles stripped from names.
    public var role: String?
    public var mentions: [Mention]

    public init(name: String, type: EntityType, role: String? = nil, mentions: [Mention]) {
        self.name = name
        self.type = type
        self.role = role
        self.mentions = mentions
    }
}

/// The kinds of typed value. Raw values are the contract's `values[].type`.
public enum ValueType: String, Sendable, Hashable, CaseIterable, Codable {
    case money = "MONEY"
    case percent = "PERCENT"
    case date = "DATE"
    case quantity = "QUANTITY"
}

/// A money amount, percentage, date or quantity, with a normalised form.
public struct ValueMention: Sendable, Hashable {
    public var type: ValueType
    public var text: String
    public var start: Int
    public var end: Int
    /// MONEY: `{"amount": 5e10, "currency": "USD"}`; PERCENT: `{"value": 25}`;
    /// DATE: `{"value": "XXXX-05-08"}` (plus `"resolved"` when a published time anchors it);
    /// QUANTITY: `{"value": 3}`.
    public var normalized: JSONValue

    public init(type: ValueType, text: String, start: Int, end: Int, normalized: JSONValue) {
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.normalized = normalized
    }
}
