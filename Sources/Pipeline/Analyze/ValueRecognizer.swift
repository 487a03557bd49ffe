/// Finds money amounts, percentages, temporal expressions and informative counts.
///
/// Promises: value spans never overlap and are the minimal expression ("$419 billion", not
/// "more than $419 billion"); modifiers go into `normalized`. Dates are normalised strictly
/// (`XXXX` when the text gives no year, `REL:`, `WEEKDAY:`, ISO-8601 durations such as `P2M`);
/// when a publication date is known a `resolved` field anchors relative dates to it.
struct ValueRecognizer: Sendable {
    let gazetteer: Gazetteer

    init(gazetteer: Gazetteer = .shared) {
        self.gazetteer = gazetteer
    }

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    ]
    static let ordinals: [String: Int] = [
        "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10,
    ]
    static let scales: [String: Double] = [
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9, "m": 1e6, "b": 1e9, "tn": 1e12,
    ]
    static let pluralScales: [String: Double] = ["thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12, "hundreds": 1e2]
    static let currencyWords: [String: String] = [
        "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
        "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "won": "KRW",
    ]
    /// Time units: ISO-8601 duration letter and the `REL:` word.
    static let units: [String: (letter: String, rel: String)] = [
        "day": ("D", "DAY"), "days": ("D", "DAY"), "week": ("W", "WEEK"), "weeks": ("W", "WEEK"),
        "month": ("M", "MONTH"), "months": ("M", "MONTH"), "year": ("Y", "YEAR"), "years": ("Y", "YEAR"),
        "decade": ("DE", "DECADE"), "decades": ("DE", "DECADE"),
    ]
    static let moneyModifiers: [[String]] = [
        ["more", "than"], ["less", "than"], ["at", "least"], ["up", "to"], ["nearly"], ["about"],
        ["around"], ["almost"], ["over"], ["roughly"], ["some"],
    ]
    /// "two sides", "two countries": fixed pairs that carry no count.
    static let pairNouns: Set<String> = [
        "sides", "countries", "leaders", "economies", "nations", "parties", "governments", "teams",
        "men", "women", "powers", "superpowers", "delegations",
    ]
    static let durationPrepositions: Set<String> = ["for", "in", "over", "within", "after", "since", "during"]
    static let datePrepositions: Set<String> = [
        "in", "since", "until", "till", "by", "from", "through", "before", "after", "during", "of", "on",
        "early", "late", "mid", "end", "around", "last", "next", "this",
    ]

    /// Every word that can open a value, lower-cased: the matchers below look at the first
    /// word's text only through these tables and literals. Most words of a text are none of
    /// them, and one set lookup lets `match` skip them without running every matcher.
    static let openingWords: Set<String> = {
        var words = Set(numberWords.keys).union(ordinals.keys).union(pluralScales.keys).union(units.keys)
        words.formUnion(NameLexicon.months.keys)
        words.formUnion(NameLexicon.weekdays.keys)
        words.formUnion(["early", "late", "earlier", "later", "mid", "this", "last", "next", "past",
                         "recent", "coming", "upcoming", "the", "a", "an", "twice", "thrice", "double", "triple", "quadruple"])
        return words
    }()

    /// `openingWords` for the per-token check; see `WordTable`.
    static let openingWordTable = WordTable(Dictionary(uniqueKeysWithValues: openingWords.map { ($0, true) }))

    struct Found {
        var type: ValueType
        var first: Int
        var end: Int   // token index after the value
        var normalized: [(String, JSONValue)]
    }

    func recognize(tokens: [Token], sentences: [Range<Int>], blocked: [Bool], published: CalendarDate?,
                   scalars: [Unicode.Scalar], vocabulary: DocumentVocabulary) -> [ValueMention] {
        var values: [ValueMention] = []
        var lastYear: Int? = nil
        // Whether each distinct word is one of `openingWords`, looked up once per document:
        // 0 not yet asked, 1 yes, 2 no.
        var opening = [UInt8](repeating: 0, count: vocabulary.count)
        for sentence in sentences {
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                if blocked[i] { i += 1; continue }
                if tokens[i].kind == .word && !tokens[i].hasHyphen {
                    let id = Int(vocabulary.ids[i])
                    if opening[id] == 0 { opening[id] = Self.openingWordTable[tokens[i].lower] != nil ? 1 : 2 }
                    if opening[id] == 2 { i += 1; continue }
                }
                guard let found = match(at: i, in: sentence, tokens: tokens, lastYear: lastYear) else { i += 1; continue }
                if found.end <= found.first { i += 1; continue }
                if let blockedInside = (found.first..<found.end).first(where: { blocked[$0] }), blockedInside >= found.first {
                    i += 1; continue
                }
                var normalized = found.normalized
                if found.type == .date, let published, let value = normalized.first(where: { $0.0 == "value" })?.1.stringValue,
                   let resolved = DateResolver(published: published).resolve(value) {
                    normalized.append(("resolved", .string(resolved)))
                }
                if found.type == .date, let value = normalized.first(where: { $0.0 == "value" })?.1.stringValue,
                   value.count == 4, let year = Int(value) { lastYear = year }
                if found.type == .date, let value = normalized.first(where: { $0.0 == "value" })?.1.stringValue,
                   value.count == 7, let year = Int(value.prefix(4)) { lastYear = year }
                let start = tokens[found.first].start, end = tokens[found.end - 1].end
                values.append(ValueMention(type: found.type, text: slice(scalars, start, end), start: start, end: end,
                                           normalized: .object(normalized)))
                i = found.end
            }
        }
        return values
    }

    private func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        Tokenizer.string(scalars, start, end)
    }

    // MARK: - Matching

    private func word(_ tokens: [Token], _ i: Int, _ sentence: Range<Int>) -> String? {
        guard i >= sentence.lowerBound, i < sentence.upperBound, tokens[i].kind == .word else { return nil }
        return tokens[i].lower
    }

    private func number(_ token: Token) -> Double? {
        guard token.kind == .number else { return nil }
        return Double(token.text.filter { $0 != "," })
    }

    private func match(at i: Int, in s: Range<Int>, tokens: [Token], lastYear: Int?) -> Found? {
        // Every matcher needs a number or currency sign here, a hyphenated word ("mid-April",
        // "two-month") or one of `openingWords`; anything else matches nothing.
        switch tokens[i].kind {
        case .number, .currency: break
        case .word:
            guard !tokens[i].hasHyphen else { break }
            // `recognize` has already skipped words outside `openingWordTable`.
            let lower = tokens[i].lower
            // The articles are frequent and open only durations ("a year", "an hour") and "the
            // next year or so".
            switch lower {
            case "a", "an": guard let next = word(tokens, i + 1, s), Self.units[next] != nil else { return nil }
            case "the": guard let next = word(tokens, i + 1, s), next == "next" || next == "past" else { return nil }
            default: break
            }
        default: return nil
        }
        return money(at: i, in: s, tokens: tokens)
            ?? percent(at: i, in: s, tokens: tokens)
            ?? date(at: i, in: s, tokens: tokens, lastYear: lastYear)
            ?? quantity(at: i, in: s, tokens: tokens)
    }

    private func amountJSON(_ value: Double) -> JSONValue {
        if value == value.rounded(), abs(value) < 9e15 { return .int(Int(value)) }
        return .double(value)
    }

    private func modifierBefore(_ i: Int, in s: Range<Int>, tokens: [Token]) -> String? {
        for words in Self.moneyModifiers {
            let from = i - words.count
            guard from >= s.lowerBound else { continue }
            if zip(from..<i, words).allSatisfy({ tokens[$0.0].kind == .word && tokens[$0.0].lower == $0.1 }) {
                return words.joined(separator: " ")
            }
        }
        return nil
    }

    private func money(at i: Int, in s: Range<Int>, tokens: [Token]) -> Found? {
        var amount: Double
        var currency: String
        var end: Int
        if tokens[i].kind == .currency, let code = gazetteer.currency(of: tokens[i].text),
           i + 1 < s.upperBound, let value = number(tokens[i + 1]) {
            currency = code; amount = value; end = i + 2
            if let scale = word(tokens, end, s).flatMap({ Self.scales[$0] }) { amount *= scale; end += 1 }
        } else if let value = number(tokens[i]) {
            amount = value; end = i + 1
            if let scale = word(tokens, end, s).flatMap({ Self.scales[$0] }) { amount *= scale; end += 1 }
            guard let code = word(tokens, end, s).flatMap({ Self.currencyWords[$0] }) else { return nil }
            currency = code; end += 1
        } else if let scale = word(tokens, i, s).flatMap({ Self.pluralScales[$0] }), word(tokens, i + 1, s) == "of",
                  let code = word(tokens, i + 2, s).flatMap({ Self.currencyWords[$0] }) {
            return Found(type: .money, first: i, end: i + 3, normalized: [
                ("amount", .null), ("currency", .string(code)), ("order_of_magnitude", amountJSON(scale)),
            ])
        } else {
            return nil
        }
        var normalized: [(String, JSONValue)] = [("amount", amountJSON(amount)), ("currency", .string(currency))]
        if let modifier = modifierBefore(i, in: s, tokens: tokens) { normalized.append(("modifier", .string(modifier))) }
        if let a = word(tokens, end, s), a == "a" || a == "per" || a == "each",
           let unit = word(tokens, end + 1, s), ["year", "month", "week", "day"].contains(unit) {
            normalized.append(("per", .string(unit)))
        }
        return Found(type: .money, first: i, end: end, normalized: normalized)
    }

    private func percent(at i: Int, in s: Range<Int>, tokens: [Token]) -> Found? {
        guard let value = number(tokens[i]) ?? word(tokens, i, s).flatMap({ Self.numberWords[$0].map(Double.init) }) else { return nil }
        var end = i + 1
        if end < s.upperBound, tokens[end].kind == .percent { end += 1 }
        else if word(tokens, end, s) == "percent" { end += 1 }
        else if word(tokens, end, s) == "per", word(tokens, end + 1, s) == "cent" { end += 2 }
        else { return nil }
        if word(tokens, end, s) == "points" { end += 1 }
        return Found(type: .percent, first: i, end: end, normalized: [("value", amountJSON(value))])
    }

    private func count(_ word: String?) -> Int? {
        guard let word else { return nil }
        return Self.numberWords[word]
    }

    private func date(at i: Int, in s: Range<Int>, tokens: [Token], lastYear: Int?) -> Found? {
        var first = i
        var j = i
        var modifier: String? = nil
        // Leading "early", "late", "earlier", "later", "mid".
        if let w = word(tokens, j, s) {
            switch w {
            case "early": modifier = "EARLY"
            case "late": modifier = "LATE"
            case "earlier": modifier = "BEFORE_PUBLICATION"
            case "later": modifier = "AFTER_PUBLICATION"
            case "mid": modifier = "MID"
            default: break
            }
            if modifier != nil { j += 1 }
        }
        func result(_ end: Int, _ value: String, extra: [(String, JSONValue)] = []) -> Found {
            var normalized: [(String, JSONValue)] = [("value", .string(value))]
            if let modifier { normalized.append(("modifier", .string(modifier))) }
            return Found(type: .date, first: first, end: end, normalized: normalized + extra)
        }

        // "Later in the year": the year of the last explicit year mentioned.
        if modifier != nil, word(tokens, j, s) == "in", word(tokens, j + 1, s) == "the",
           let unit = word(tokens, j + 2, s), unit == "year" {
            if modifier == "AFTER_PUBLICATION" { modifier = "LATER_PART" } else if modifier == "BEFORE_PUBLICATION" { modifier = "EARLIER_PART" }
            return result(j + 3, lastYear.map(String.init) ?? "XXXX")
        }
        // "this week", "last month", "next year" (+ elliptical "this week and next").
        if let w = word(tokens, j, s), ["this", "last", "next", "past"].contains(w),
           let unit = word(tokens, j + 1, s), let u = Self.units[unit], !unit.hasSuffix("s") {
            let rel = w == "past" ? "LAST" : w.uppercased()
            return result(j + 2, "REL:\(rel)_\(u.rel)")
        }
        if modifier == nil, word(tokens, i, s) == "next", word(tokens, i - 1, s) == "and",
           let unit = word(tokens, i - 2, s), let u = Self.units[unit], word(tokens, i - 3, s) == "this" {
            return result(i + 1, "REL:NEXT_\(u.rel)")
        }
        // "recent weeks", "coming weeks or months".
        if let w = word(tokens, j, s), w == "recent" || w == "coming" || w == "upcoming",
           let unit = word(tokens, j + 1, s), let u = Self.units[unit], unit.hasSuffix("s") {
            if word(tokens, j + 2, s) == "or", let unit2 = word(tokens, j + 3, s), let u2 = Self.units[unit2] {
                return result(j + 4, "REL:\(w == "recent" ? "RECENT" : "FUTURE")_\(u.rel)S_OR_\(u2.rel)S")
            }
            return result(j + 2, "REL:\(w == "recent" ? "RECENT" : "FUTURE")_\(u.rel)S")
        }
        // Weekdays: "Wednesday", "Thursday afternoon".
        if j < s.upperBound, tokens[j].isCapitalized, let day = NameLexicon.weekdays[tokens[j].lower] {
            let parts = ["morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"]
            if let part = word(tokens, j + 1, s).flatMap({ parts[$0] }) {
                return result(j + 2, "WEEKDAY:\(day);\(part)")
            }
            return result(j + 1, "WEEKDAY:\(day)")
        }
        // "end-of-March", "mid-April".
        if j < s.upperBound, tokens[j].kind == .word, tokens[j].hasHyphen {
            let parts = tokens[j].text.split(separator: "-").map { $0.lowercased() }
            if let last = parts.last, let month = NameLexicon.months[last],
               let head = parts.first, ["end", "mid", "early", "late"].contains(head) {
                let mods = ["end": "END", "mid": "MID", "early": "EARLY", "late": "LATE"]
                modifier = mods[head]
                return result(j + 1, "XXXX-" + twoDigits(month))
            }
            // "two-month", "year-long", "months-long".
            if parts.count == 2 {
                if let n = count(parts[0]) ?? Int(parts[0]), let u = Self.units[parts[1]] {
                    return result(j + 1, duration(n, u.letter))
                }
                if parts[1] == "long", let u = Self.units[parts[0]] {
                    return result(j + 1, parts[0].hasSuffix("s") ? "PX\(u.letter)" : duration(1, u.letter))
                }
            }
        }
        // Month names: "May 8", "December 1 last year", "June 2018", "early April", "Since July".
        if j < s.upperBound, tokens[j].isCapitalized, let month = NameLexicon.months[tokens[j].lower] {
            var end = j + 1
            var value = "XXXX-" + twoDigits(month)
            var explicit = modifier != nil
            if end < s.upperBound, let day = number(tokens[end]), day >= 1, day <= 31, day == day.rounded() {
                value += "-" + twoDigits(Int(day)); end += 1; explicit = true
                if end + 1 < s.upperBound, tokens[end].isPunctuation(","), let year = number(tokens[end + 1]), year >= 1000, year < 2200 {
                    value = String(Int(year)) + value.dropFirst(4); end += 2
                } else if end < s.upperBound, let year = number(tokens[end]), year >= 1000, year < 2200 {
                    value = String(Int(year)) + value.dropFirst(4); end += 1
                }
            } else if end < s.upperBound, let year = number(tokens[end]), year >= 1000, year < 2200 {
                value = String(Int(year)) + value.dropFirst(4); end += 1; explicit = true
            }
            if end + 1 < s.upperBound, ["last", "this", "next"].contains(word(tokens, end, s) ?? ""), word(tokens, end + 1, s) == "year" {
                end += 2
            }
            let previous = word(tokens, j - 1, s) ?? ""
            if explicit || Self.datePrepositions.contains(previous) {
                if tokens[j].lower == "may" && !explicit && previous != "in" && previous != "since" && previous != "early" && previous != "late" { return nil }
                return result(end, value)
            }
            return nil
        }
        // "1 December": day before month.
        if j < s.upperBound, let day = number(tokens[j]), day >= 1, day <= 31, j + 1 < s.upperBound,
           tokens[j + 1].isCapitalized, let month = NameLexicon.months[tokens[j + 1].lower] {
            return result(j + 2, "XXXX-\(twoDigits(month))-\(twoDigits(Int(day)))")
        }
        // Years after a preposition: "in 2018".
        if j < s.upperBound, tokens[j].kind == .number, tokens[j].text.count == 4, let year = Int(tokens[j].text),
           year >= 1900, year < 2100 {
            let previous = word(tokens, j - 1, s) ?? ""
            if modifier != nil || Self.datePrepositions.contains(previous) {
                return result(j + 1, String(year))
            }
        }
        guard modifier == nil else { return nil }
        first = i
        // "the next year or so": an approximate duration.
        if word(tokens, i, s) == "the", let w = word(tokens, i + 1, s), w == "next" || w == "past",
           let unit = word(tokens, i + 2, s), let u = Self.units[unit], !unit.hasSuffix("s"),
           word(tokens, i + 3, s) == "or", word(tokens, i + 4, s) == "so" {
            modifier = "APPROX"
            return result(i + 5, duration(1, u.letter))
        }
        // Durations: "eight days", "two decades", "a year", "at least a month".
        if let n = (word(tokens, i, s) == "a" || word(tokens, i, s) == "an") ? 1 : (count(word(tokens, i, s)) ?? number(tokens[i]).map { Int($0) }),
           let unit = word(tokens, i + 1, s), let u = Self.units[unit] {
            if n == 1 && unit.hasSuffix("s") { return nil }
            if n != 1 && !unit.hasSuffix("s") { return nil }
            // "$30 billion a year" is a rate, not a duration.
            if word(tokens, i, s) == "a", i - 1 >= s.lowerBound, tokens[i - 1].kind == .word, Self.scales[tokens[i - 1].lower] != nil || Self.currencyWords[tokens[i - 1].lower] != nil { return nil }
            if word(tokens, i, s) == "a", i - 1 >= s.lowerBound, tokens[i - 1].kind == .number { return nil }
            if word(tokens, i - 2, s) == "at", word(tokens, i - 1, s) == "least" { modifier = "AT_LEAST" }
            return result(i + 2, duration(n, u.letter))
        }
        // Bare plural units after a preposition: "for months", "in weeks", "over decades".
        if let unit = word(tokens, i, s), unit.hasSuffix("s"), let u = Self.units[unit],
           let previous = word(tokens, i - 1, s), Self.durationPrepositions.contains(previous) {
            return result(i + 1, "PX\(u.letter)")
        }
        return nil
    }

    private func duration(_ n: Int, _ letter: String) -> String {
        letter == "DE" ? "P\(n * 10)Y" : "P\(n)\(letter)"
    }

    private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    private func quantity(at i: Int, in s: Range<Int>, tokens: [Token]) -> Found? {
        guard let w = word(tokens, i, s) else {
            return nil
        }
        switch w {
        case "twice": return Found(type: .quantity, first: i, end: i + 1, normalized: [("value", .int(2)), ("unit", .string("times"))])
        case "thrice": return Found(type: .quantity, first: i, end: i + 1, normalized: [("value", .int(3)), ("unit", .string("times"))])
        case "double", "triple", "quadruple":
            let value = w == "double" ? 2 : w == "triple" ? 3 : 4
            var normalized: [(String, JSONValue)] = [("value", .int(value)), ("unit", .string("multiplier"))]
            if let modifier = modifierBefore(i, in: s, tokens: tokens) { normalized.append(("modifier", .string(modifier))) }
            return Found(type: .quantity, first: i, end: i + 1, normalized: normalized)
        default: break
        }
        if let n = Self.ordinals[w], let next = word(tokens, i + 1, s),
           ["round", "time", "quarter", "consecutive", "straight", "term"].contains(next) {
            return Found(type: .quantity, first: i, end: i + 1, normalized: [("value", .int(n)), ("unit", .string("\(next) (ordinal)"))])
        }
        if let n = Self.numberWords[w], n >= 2, let next = word(tokens, i + 1, s), next.hasSuffix("s"),
           !Self.pairNouns.contains(next), Self.units[next] == nil {
            return Found(type: .quantity, first: i, end: i + 1, normalized: [("value", .int(n)), ("unit", .string(next))])
        }
        return nil
    }
}
