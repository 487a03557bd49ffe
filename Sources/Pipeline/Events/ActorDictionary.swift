/// The field's actor dictionaries, derived from PETRARCH2's Phoenix files by
/// `scripts/generate-actor-tables` and embedded (`data/actors/actors.tsv`,
/// `data/actors/agents.tsv`; formats in `data/actors/README.md`).
///
/// Promises: `actorCode(for:on:)` answers the code a phrase (lower-case words joined by
/// single spaces) held on a day (YYYYMMDD): a dated code whose range holds the day first
/// (a closed range before an open one), else the phrase's undated code; `formerCode(for:on:)` what a person held no role then
/// is (a former office holder, `USAELI`); `agentCode(for:)` answers an agent noun's Phoenix code
/// ("~COP": types added after a country; "IGO~": a prefix). Immutable once built.
struct ActorDictionary: Sendable {
    struct Held: Sendable, Hashable {
        var code: String
        /// YYYYMMDD; 0 when open.
        var from: Int
        var to: Int
    }

    /// The dictionaries compiled into the binary.
    /// The project's additions (`data/actors/additions.tsv`, `agent-additions.tsv`)
    /// override the derived tables phrase by phrase.
    static let standard = ActorDictionary(
        actors: EmbeddedData.text(named: "data/actors/actors.tsv") ?? "",
        agents: EmbeddedData.text(named: "data/actors/agents.tsv") ?? "",
        actorAdditions: EmbeddedData.text(named: "data/actors/additions.tsv") ?? "",
        agentAdditions: EmbeddedData.text(named: "data/actors/agent-additions.tsv") ?? "")

    private let actors: [String: [Held]]
    private let agents: [String: String]
    /// Three-letter codes that name countries (every bare three-letter code of the actor
    /// table, dated or not, that is not a role or organisation prefix).
    let countries: Set<String>
    /// Longest phrase of either table, in words.
    let longestPhrase: Int
    /// The longest phrase of either table by its first word.
    let phraseStarts: ActorPhraseStarts
    /// Every phrase of either table, as a Bloom filter.
    let phraseFilter: ActorPhraseFilter

    init(actors actorText: String, agents agentText: String, actorAdditions: String = "", agentAdditions: String = "") {
        var actors: [String: [Held]] = [:]
        var agents: [String: String] = [:]
        var longest = 1
        var roles: Set<String> = ["IGO", "NGO", "IMG", "MNC", "UIS", "ELI", "REB", "SPY", "INS", "OPP", "GOV",
                                  "MIL", "COP", "JUD", "BUS", "MED", "CVL", "EDU", "LAB", "LEG", "HLH", "AGR",
                                  "REF", "SEP", "RAD", "MOD", "CRM", "UAF", "PTY", "HRI", "ENV", "DEV", "NGM"]
        for cols in TabSeparatedRows(agentAdditions + "\n" + agentText) {
            guard cols.count == 2 else { continue }
            let phrase = String(cols[0]), code = String(cols[1])
            if agents[phrase] == nil { agents[phrase] = code }
            longest = max(longest, Self.words(in: cols[0]))
            let bare = String(decoding: code.utf8.filter { $0 != UInt8(ascii: "~") }, as: UTF8.self)
            if bare.utf8.count >= 3 { roles.insert(String(bare.prefix(3))) }
        }
        var countries: Set<String> = []
        var added: Set<String> = []
        for cols in TabSeparatedRows(actorAdditions) {
            guard cols.count == 4 else { continue }
            actors[String(cols[0]), default: []].append(Held(code: String(cols[1]), from: Int(cols[2]) ?? 0, to: Int(cols[3]) ?? 0))
            added.insert(String(cols[0]))
        }
        for cols in TabSeparatedRows(actorText) {
            guard cols.count == 4 else { continue }
            let held = Held(code: String(cols[1]), from: Int(cols[2]) ?? 0, to: Int(cols[3]) ?? 0)
            let phrase = String(cols[0])
            if !added.contains(phrase) { actors[phrase, default: []].append(held) }
            // Dated or not: Phoenix codes a country that came into being (BLR, UKR, IRQ's
            // codes by period) only with dates.
            if held.code.utf8.count == 3 { countries.insert(held.code) }
            longest = max(longest, Self.words(in: cols[0]))
        }
        self.actors = actors
        self.agents = agents
        self.countries = countries.subtracting(roles).subtracting(["---"])
        longestPhrase = min(longest, 8)
        let phrases = Array(actors.keys) + Array(agents.keys)
        phraseStarts = ActorPhraseStarts(phrases: phrases)
        phraseFilter = ActorPhraseFilter(phrases: phrases)
    }

    /// Words of a phrase written with single spaces.
    private static func words(in phrase: String) -> Int {
        phrase.utf8.reduce(phrase.isEmpty ? 0 : 1) { $1 == UInt8(ascii: " ") ? $0 + 1 : $0 }
    }

    /// The code `phrase` held on `day` (YYYYMMDD, or nil for "any"), per the rule above.
    func actorCode(for phrase: String, on day: Int?) -> String? {
        guard let list = actors[phrase] else { return nil }
        if let day {
            // Of the dated codes whose range holds the day, a closed range (an office's term)
            // over an open one (Phoenix's "[USAELI >640101]" beside "[USAGOV
            // 19940223-20010119]": in 1996 Strobe Talbott is USAGOV), else the first.
            var open: String?
            for h in list where h.from != 0 || h.to != 0 {
                guard (h.from == 0 || h.from <= day) && (h.to == 0 || day <= h.to) else { continue }
                if h.from != 0 && h.to != 0 { return h.code }
                if open == nil { open = h.code }
            }
            if let open { return open }
        }
        if let undated = list.first(where: { $0.from == 0 && $0.to == 0 }) { return undated.code }
        // A person known only by dated roles, none of which held then: the latest role.
        return day == nil ? list.last?.code : nil
    }

    /// For a person known only by dated roles, none of which held on `day`: after a role
    /// ended, a former office holder, one of the country's elites (CAMEO's ELI, "former
    /// government officials": `USAELI`); before any began, the country alone. Nil for a
    /// phrase with a code on that day, or with no role in a country.
    func formerCode(for phrase: String, on day: Int) -> String? {
        guard let list = actors[phrase], actorCode(for: phrase, on: day) == nil else { return nil }
        if let ended = list.filter({ $0.to != 0 && $0.to < day }).max(by: { $0.to < $1.to }) {
            return parts(of: ended.code).country.map { $0 + "ELI" }
        }
        return list.lazy.compactMap { self.parts(of: $0.code).country }.first
    }

    func agentCode(for phrase: String) -> String? { agents[phrase] }

    func isCountry(_ code: Substring) -> Bool { countries.contains(String(code)) }

    /// `code` split into its country and role parts.
    func parts(of code: String) -> ActorCode { ActorCode(code: code, isCountry: isCountry) }
}
