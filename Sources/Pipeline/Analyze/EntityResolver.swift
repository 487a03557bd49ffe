/// Groups candidate names into the document's entities.
///
/// Promises: every returned mention comes from a candidate span (or a word of one); a mention
/// belongs to at most one entity; gazetteer places are named canonically ("US" -> "United
/// States"); other entities are named by their fullest form in the document; surnames,
/// first words of organisations, honorific forms and near-misspellings join the entity
/// they shorten; capitals acting as subjects get `metonymFor`; a demonym is a `NORP` mention
/// (`Mention.type`) of its country's or continent's entity. Entities come in order of
/// their first mention.
struct EntityResolver: Sendable {
    let gazetteer: Gazetteer

    init(gazetteer: Gazetteer = .shared) {
        self.gazetteer = gazetteer
    }

    private struct Cluster {
        let type: EntityType
        let fixedName: String?
        var role: String?
        private(set) var mentions: [EntityCandidate] = []
        /// The distinct words of the mentions. Clusters hold a handful, so a list compared
        /// word by word answers `contains` faster than hashing the question.
        private(set) var words: [String] = []
        /// The last words of the cluster's multi-word mentions: a person's surnames.
        private(set) var lastWords: [String] = []
        /// The fullest mention so far: most words, then most letters; the first such wins.
        private var fullest: (words: Int, scalars: Int, text: String)? = nil
        /// `name` without spaces, lower-cased, for near-miss matching, and its length in characters.
        private(set) var compactName: String
        private(set) var compactCount: Int

        init(type: EntityType, fixedName: String?) {
            self.type = type
            self.fixedName = fixedName
            compactName = Self.compact(fixedName ?? "")
            compactCount = compactName.count
        }

        var name: String { fixedName ?? fullest?.text ?? "" }

        mutating func append(_ candidate: EntityCandidate) {
            mentions.append(candidate)
            let words = candidate.tokens.count, scalars = Self.scalarCount(candidate.text)
            if let best = fullest, best.words != words ? best.words >= words : best.scalars >= scalars { return }
            fullest = (words, scalars, candidate.text)
            if fixedName == nil { compactName = Self.compact(candidate.text); compactCount = compactName.count }
        }

        /// `text.unicodeScalars.count`, from its UTF-8: every scalar has exactly one byte that
        /// is not a continuation byte (`10xxxxxx`).
        private static func scalarCount(_ text: String) -> Int {
            var text = text
            return text.withUTF8 { bytes in
                var count = 0
                for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
                return count
            }
        }

        mutating func insertWord(_ word: String) {
            if !words.contains(word) { words.append(word) }
        }

        mutating func insertLastWord(_ word: String) {
            if !lastWords.contains(word) { lastWords.append(word) }
        }

        private static func compact(_ name: String) -> String {
            // ASCII without carriage returns: one byte per character, so bytes do it faster.
            if name.utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) {
                return String(unsafeUninitializedCapacity: name.utf8.count) { buffer in
                    var k = 0
                    for byte in name.utf8 where byte != 32 { buffer[k] = byte >= 65 && byte <= 90 ? byte + 32 : byte; k += 1 }
                    return k
                }
            }
            return name.filter { $0 != " " }.lowercased()
        }
    }

    func resolve(_ candidates: [EntityCandidate], tokens: [Token], sentences: [Range<Int>]) -> [Entity] {
        var work = 0
        return resolve(candidates, tokens: tokens, sentences: sentences, work: &work)
    }

    /// `resolve`, adding to `work` the clusters it looked at: every lookup goes through an
    /// index, so the work grows with the number of candidates, not with its square.
    func resolve(_ candidates: [EntityCandidate], tokens: [Token], sentences: [Range<Int>], work: inout Int) -> [Entity] {
        var clusters: [Cluster] = []
        var byKey: [String: Int] = [:]
        // Indexes over the clusters, each list in cluster order.
        var bySignature: [String: [Int]] = [:]   // organisation and event signatures
        var byMentionText: [String: [Int]] = [:] // one-word mention texts
        var byWord: [String: [Int]] = [:]        // words of organisations and events
        var byLastWord: [String: [Int]] = [:]    // last words of people's multi-word mentions
        var byPersonWord: [String: [Int]] = [:]  // every word of people's multi-word mentions
        var byStart: [Int: Int] = [:]            // mention start offsets

        // Each list names a cluster once, so a list is never longer than the clusters that
        // share its key: checking the list costs less than hashing (table, key, cluster) into
        // a set of its own, and the key is hashed once, to reach the list in place.
        func register(_ key: String, _ cluster: Int, in table: inout [String: [Int]]) {
            Self.appendOnce(cluster, to: &table[key, default: []])
        }

        func add(_ candidate: EntityCandidate, to index: Int) {
            clusters[index].append(candidate)
            byStart[candidate.start] = byStart[candidate.start] ?? index
            let type = clusters[index].type
            if type == .eventName || type == .organization {
                let signature = Self.signature(candidate.text)
                if signature.count >= 3 { register(signature, index, in: &bySignature) }
            }
            if !candidate.text.utf8.contains(UInt8(ascii: " ")) {
                register(candidate.text, index, in: &byMentionText)
                // One word, the common case: no split needed.
                if candidate.text.count > 1 {
                    clusters[index].insertWord(candidate.text)
                    if type == .eventName || type == .organization { register(candidate.text, index, in: &byWord) }
                }
            } else {
                // ASCII without carriage returns: one byte per character, so the bytes split
                // and count as the characters do.
                let ascii = candidate.text.utf8.allSatisfy({ $0 < 0x80 && $0 != 13 })
                let words: [String] = ascii ? candidate.text.utf8.split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
                                            : candidate.text.split(separator: " ").map(String.init)
                func isLong(_ word: String) -> Bool { ascii ? word.utf8.count > 1 : word.count > 1 }
                for word in words where isLong(word) { clusters[index].insertWord(word) }
                if let last = words.last, isLong(last) { clusters[index].insertLastWord(last) }
                if type == .person, let last = words.last, isLong(last) { register(last, index, in: &byLastWord) }
                if type == .person {
                    for word in words where isLong(word) { register(word, index, in: &byPersonWord) }
                }
                if type == .eventName || type == .organization {
                    for word in words where isLong(word) { register(word, index, in: &byWord) }
                }
            }
            if clusters[index].role == nil { clusters[index].role = candidate.role }
        }

        func newCluster(_ candidate: EntityCandidate, type: EntityType, key: String, fixedName: String? = nil) {
            clusters.append(Cluster(type: type, fixedName: fixedName))
            byKey[key] = clusters.count - 1
            add(candidate, to: clusters.count - 1)
        }

        /// A cluster of `types` (a mask of `Self.bit`s) that `text` names exactly or shortens by one word.
        func match(_ text: String, types: UInt8) -> Int? {
            if let exact = byKey[text], types & Self.bit(clusters[exact].type) != 0 { return exact }
            // "G-20 Summit" and "Group of 20 Summit" share initials and numbers.
            let signature = Self.signature(text)
            // The searches go by index: a closure over each `Cluster` would copy it.
            if signature.count >= 3, let same = (bySignature[signature] ?? []).first(where: { k in
                work += 1
                return types & Self.bit(clusters[k].type) != 0
            }) { return same }
            guard !text.utf8.contains(UInt8(ascii: " ")) else {
                return (byMentionText[text] ?? []).first { k in work += 1; return types & Self.bit(clusters[k].type) != 0 }
            }
            // Prefer people, by surname when one person has it ("Harlan" -> James Harlan; two
            // Harlans keep "Harlan" apart), else by another word of exactly one person; then
            // organisations by any word ("Huawei").
            if types & Self.bit(.person) != 0 {
                var found: Int? = nil, count = 0
                for k in byLastWord[text] ?? [] where clusters[k].type == .person && clusters[k].fixedName == nil
                    && clusters[k].name != text {
                    work += 1
                    found = k; count += 1
                    if count > 1 { break }
                }
                if count == 1 { return found }
                if count > 1 { return nil }
                // No surname: another word of exactly one person ("Xi" of Xi Jinping).
                count = 0
                for k in byPersonWord[text] ?? [] where clusters[k].type == .person && clusters[k].fixedName == nil
                    && clusters[k].name != text {
                    work += 1
                    found = k; count += 1
                    if count > 1 { break }
                }
                if count == 1 { return found }
                if count > 1 { return nil }
            }
            for type in [EntityType.organization, .eventName] where types & Self.bit(type) != 0 {
                if let i = (byWord[text] ?? []).first(where: { k in
                    work += 1
                    return clusters[k].type == type && clusters[k].fixedName == nil && clusters[k].name != text
                }) {
                    return i
                }
            }
            return nil
        }

        func fuzzy(_ text: String) -> Int? {
            let compact = text.lowercased()
            let count = compact.count
            guard count >= 6 else { return nil }
            // At most `fuzzyLimit` clusters are compared, so a page of unknown words stays linear.
            return clusters.indices.prefix(Self.fuzzyLimit).first { k in
                work += 1
                return abs(clusters[k].compactCount - count) <= 1 && Self.editDistanceAtMostOne(clusters[k].compactName, compact)
            }
        }

        // 1. Places and typed names, longest names first so short forms find their full form.
        let typedOrder = candidates.indices.sorted { a, b in
            let ca = candidates[a], cb = candidates[b]
            return ca.tokens.count != cb.tokens.count ? ca.tokens.count > cb.tokens.count : ca.start < cb.start
        }
        var done = [Bool](repeating: false, count: candidates.count)
        for index in typedOrder {
            let candidate = candidates[index]
            switch candidate.evidence {
            case .place(let place):
                // A town's name that is a word of a person's name here is that person ("Gao").
                if place.kind == .place, candidate.tokens.count == 1, let person = match(candidate.text, types: Self.bit(.person)) {
                    add(candidate, to: person); done[index] = true; continue
                }
                let key = "place:" + place.canonical
                if let existing = byKey[key] { add(candidate, to: existing) }
                else { newCluster(candidate, type: .location, key: key, fixedName: place.canonical) }
                done[index] = true
            case .typed(let type):
                if let abbreviated = candidate.abbreviates,
                   let owner = byStart[abbreviated] {
                    add(candidate, to: owner)
                } else if let existing = match(candidate.text, types: Self.bit(type)) {
                    add(candidate, to: existing)
                } else if type == .misc, !candidate.text.utf8.contains(UInt8(ascii: " ")),
                          let person = match(candidate.text, types: Self.bit(.person)) {
                    // One word typed MISC that is the surname of one person of the document is
                    // that person ("Trump" after "Donald Trump", in "the Trump administration").
                    add(candidate, to: person)
                } else if type == .person || type == .location, !candidate.text.utf8.contains(UInt8(ascii: " ")),
                          let organization = (byWord[candidate.text] ?? []).first(where: { k in
                              work += 1
                              return clusters[k].type == .organization && clusters[k].name.hasPrefix(candidate.text + " ")
                          }) {
                    // One word typed as a person or place that opens an organisation's name
                    // given in full is that organisation ("Magna" after "Magna International").
                    add(candidate, to: organization)
                } else if type == .person || type == .organization, let near = fuzzy(candidate.text), clusters[near].type == type {
                    // A misspelling of a name of the same type ("XiJinpin" of Xi Jinping).
                    add(candidate, to: near)
                } else if type == .misc || type == .location, candidate.tokens.count == 1, let near = fuzzy(candidate.text),
                          clusters[near].type == .location, !candidate.text.hasPrefix(clusters[near].name) {
                    // One word the tagger could not type, or typed as a place the gazetteer does
                    // not know, one edit from a place of the document, is a misspelling of it
                    // ("Bejing" of Beijing); the place's name with a letter added is its
                    // adjective ("Bosnian"), not a misspelling.
                    add(candidate, to: near)
                } else if type == .location || type == .person, candidate.tokens.count == 1,
                          tokens[candidate.tokens.lowerBound].isAllCaps,
                          let organization = byKey[candidate.text], clusters[organization].type == .organization,
                          sentences[candidate.sentence].contains(where: { tokens[$0].kind == .word && !tokens[$0].isCapitalized }) {
                    // An acronym in mixed-case text that names an organisation of the document
                    // is that organisation, whatever the tagger typed it ("at USTR" after
                    // "USTR" the office); an all-caps headline word is not an acronym.
                    add(candidate, to: organization)
                } else if type == .eventName, !candidate.text.utf8.contains(UInt8(ascii: " ")),
                          let owner = (byWord[candidate.text] ?? []).last(where: { clusters[$0].type == .eventName && clusters[$0].name.hasSuffix(candidate.text) }) {
                    add(candidate, to: owner)
                } else {
                    newCluster(candidate, type: type, key: candidate.text)
                }
                done[index] = true
            default:
                continue
            }
        }

        // 2. Guessed names: join a known entity when one matches, else stand on their own.
        let rest = candidates.indices.filter { !done[$0] }
        var unresolved: [EntityCandidate] = []
        for index in rest {
            let candidate = candidates[index]
            guard case .guessed(let type) = candidate.evidence else { unresolved.append(candidate); continue }
            if let existing = match(candidate.text, types: Self.bit(.person) | Self.bit(.organization) | Self.bit(.eventName)) {
                add(candidate, to: existing)
            } else if let parts = splitIntoKnownWords(candidate, tokens: tokens, match: { match($0, types: Self.bit(.person) | Self.bit(.organization)) }) {
                for (part, owner) in parts { add(part, to: owner) }
            } else {
                newCluster(candidate, type: type, key: candidate.text)
            }
        }
        // 3. Leftover capitalised words: only surnames, short names and misspellings of known names.
        for candidate in unresolved {
            if let existing = match(candidate.text, types: Self.bit(.person) | Self.bit(.organization) | Self.bit(.eventName)) ?? fuzzy(candidate.text) {
                add(candidate, to: existing)
            } else if let parts = splitIntoKnownWords(candidate, tokens: tokens, match: { match($0, types: Self.bit(.person) | Self.bit(.organization)) }) {
                for (part, owner) in parts { add(part, to: owner) }
            } else if let type = candidate.proposed {
                if let existing = byKey[candidate.text], clusters[existing].type == type { add(candidate, to: existing) }
                else { newCluster(candidate, type: type, key: candidate.text) }
            }
        }

        var entities: [Entity] = []
        for cluster in clusters {
            let country = capitalCountry(cluster)
            let mentions = cluster.mentions.sorted { $0.start < $1.start }.map { candidate in
                Mention(text: candidate.text, start: candidate.start, end: candidate.end, sentence: candidate.sentence,
                        metonymFor: country.flatMap { isMetonymic(candidate, tokens: tokens, sentences: sentences) ? $0 : nil },
                        type: gazetteer.mentionType(candidate.text, of: cluster.type))
            }
            entities.append(Entity(name: cluster.name, type: cluster.type,
                                   role: cluster.type == .person ? cluster.role : nil, mentions: mentions))
        }
        return entities.sorted { ($0.mentions.first?.start ?? 0) < ($1.mentions.first?.start ?? 0) }
    }

    /// Appends `cluster` to an index's list unless the list names it already.
    private static func appendOnce(_ cluster: Int, to list: inout [Int]) {
        if !list.contains(cluster) { list.append(cluster) }
    }

    /// How many clusters a misspelt name is compared with, at most.
    static let fuzzyLimit = 64

    /// `type`'s bit in the masks `match` takes: a set literal per question would hash.
    @inline(__always) private static func bit(_ type: EntityType) -> UInt8 {
        switch type {
        case .person: 1
        case .organization: 2
        case .location: 4
        case .eventName: 8
        case .norp: 16
        case .misc: 32
        }
    }

    /// Words of a multi-word guess that each name a known entity ("Harlan" of "Harlan Cabinet").
    private func splitIntoKnownWords(_ candidate: EntityCandidate, tokens: [Token],
                                     match: (String) -> Int?) -> [(EntityCandidate, Int)]? {
        guard candidate.tokens.count > 1 else { return nil }
        var parts: [(EntityCandidate, Int)] = []
        for k in candidate.tokens {
            let token = tokens[k]
            if let owner = match(token.text) {
                var part = candidate
                part.tokens = k..<(k + 1); part.start = token.start; part.end = token.end; part.text = token.text
                parts.append((part, owner))
            }
        }
        return parts.isEmpty ? nil : parts
    }

    private func capitalCountry(_ cluster: Cluster) -> String? {
        guard cluster.type == .location, let first = cluster.mentions.first,
              case .place(let place) = first.evidence, place.kind == .capital else {
            // A misspelt capital joins the capital's cluster; the first mention decides.
            if cluster.type == .location, let name = cluster.fixedName, let place = gazetteer.places[name],
               place.kind == .capital { return place.country }
            return nil
        }
        return place.country
    }

    /// A capital stands for its government when it acts: subject of a verb, possessor, object
    /// of talks; it is a place after locative words, as a noun modifier, and in datelines.
    private func isMetonymic(_ candidate: EntityCandidate, tokens: [Token], sentences: [Range<Int>]) -> Bool {
        let first = candidate.tokens.lowerBound, last = candidate.tokens.upperBound - 1
        if tokens[first].isAllCaps && tokens[first].text.count > 3 { return false }
        let sentence = sentences[candidate.sentence]
        if first - 1 >= sentence.lowerBound {
            let previous = tokens[first - 1]
            if previous.kind == .word && NameLexicon.locativeWords.contains(previous.lower) { return false }
            if previous.kind == .word && ["a", "an"].contains(previous.lower) { return false }
        }
        guard last + 1 < sentence.upperBound else { return true }
        let next = tokens[last + 1]
        if next.kind == .possessive { return true }
        if next.kind == .word && !next.isCapitalized {
            let word = next.lower
            if NameLexicon.subjectVerbs.contains(word) || LexiconClasses.of(word).contains(.functionWord) { return true }
            if word.hasSuffix("ed") || (word.hasSuffix("s") && !word.hasSuffix("ss")) { return true }
            return false
        }
        return true
    }

    /// Initials of capitalised words plus digits: "Group of 20 Summit" -> "G20S".
    static func signature(_ text: String) -> String {
        var out = ""
        var atWordStart = true
        var hasDigit = false
        for scalar in text.unicodeScalars {
            // ASCII has numeric values only for its digits.
            let numeric = scalar.value < 128 ? scalar.value >= 48 && scalar.value <= 57 : scalar.properties.numericType != nil
            if numeric { out.unicodeScalars.append(scalar); hasDigit = true; atWordStart = false; continue }
            if scalar == " " || scalar == "-" { atWordStart = true; continue }
            if atWordStart && scalar.isUppercaseScalar { out.unicodeScalars.append(scalar) }
            atWordStart = false
        }
        return hasDigit ? out : ""
    }

    static func editDistanceAtMostOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x == y { return true }
        if abs(x.count - y.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if y.count > x.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }
}
