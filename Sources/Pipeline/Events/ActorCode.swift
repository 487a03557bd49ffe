/// A CAMEO actor code and its parts, as GDELT's `Actor1Code`, `Actor1CountryCode`,
/// `Actor1Type1Code` and `Actor1Type2Code` carry them.
///
/// Promises: `code` is the whole code ("USAGOVJUD"); `country` is its leading three letters
/// when they name a country ("USA"), else nil ("IGOUNO", "---REB"); `type1` and `type2` are
/// the next three-letter role codes ("GOV", "JUD"). A code that starts with an organisation
/// prefix (IGO, NGO, IMG, MNC, …) has that prefix as `type1` and no country.
public struct ActorCode: Sendable, Hashable {
    public var code: String
    public var country: String?
    public var type1: String?
    public var type2: String?

    /// A code with its parts as stored.
    public init(code: String, country: String?, type1: String?, type2: String?) {
        self.code = code
        self.country = country
        self.type1 = type1
        self.type2 = type2
    }

    /// Splits `code` into its parts; `isCountry` says whether three letters name a country.
    init(code: String, isCountry: (Substring) -> Bool) {
        self.code = code
        let chunks = Self.chunks(of: code)
        guard let first = chunks.first else { return }
        if first == "---" {
            type1 = chunks.count > 1 ? String(chunks[1]) : nil
            type2 = chunks.count > 2 ? String(chunks[2]) : nil
        } else if isCountry(first) {
            country = String(first)
            type1 = chunks.count > 1 ? String(chunks[1]) : nil
            type2 = chunks.count > 2 ? String(chunks[2]) : nil
        } else {
            type1 = String(first)
        }
    }

    /// The code in three-character pieces (a trailing shorter piece kept as it is).
    private static func chunks(of code: String) -> [Substring] {
        var out: [Substring] = []
        var i = code.startIndex
        while i < code.endIndex {
            let j = code.index(i, offsetBy: 3, limitedBy: code.endIndex) ?? code.endIndex
            out.append(code[i..<j])
            i = j
        }
        return out
    }
}
