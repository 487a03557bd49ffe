/// Normalises the ways pages and scrapers write a publication time to ISO 8601.
///
/// ISO forms pass through (a space between date and time becomes "T"); "May 1, 2019",
/// "1 May 2019", "2019/05/01" become "2019-05-01". Anything else is returned trimmed and
/// unchanged by `normalized`; `iso8601` gives `nil` for them, and the decoder keeps only
/// what `iso8601` reads (a Unix time in seconds is read too).
enum PublishedDate {
    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
        "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    static func normalized(_ raw: String) -> String {
        let text = raw.trimmingCharactersInSpaces()
        return iso8601(text) ?? text
    }

    /// The ISO 8601 form of `text`, or `nil` when it is not a date we can read.
    static func iso8601(_ raw: String) -> String? {
        let text = raw.trimmingCharactersInSpaces()
        if let unix = fromUnixSeconds(text) { return unix }
        let scalars = Array(text.unicodeScalars)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= scalars.count else { return nil }
            var value = 0
            for s in scalars[from..<(from + count)] {
                guard s.value >= 48 && s.value <= 57 else { return nil }
                value = value * 10 + Int(s.value - 48)
            }
            return value
        }
        // 2019-05-01, 2019/05/01, 2019-05-01T10:00:00Z, 2019-05-01 10:00
        if let year = digits(0, 4), scalars.count >= 10, scalars[4] == "-" || scalars[4] == "/",
           let month = digits(5, 2), scalars[7] == scalars[4], let day = digits(8, 2),
           (1...12).contains(month), (1...31).contains(day) {
            let date = format(year, month, day)
            guard scalars.count > 10 else { return date }
            if (scalars[10] == "T" || scalars[10] == " "), digits(11, 2) != nil {
                var rest = String(String.UnicodeScalarView(scalars[11...]))
                if let space = rest.firstIndex(of: " ") { rest = String(rest[..<space]) }
                return date + "T" + rest
            }
            return date
        }
        // Words: "May 1, 2019", "1 May 2019", "Wednesday, May 1, 2019 10:00 AM"
        var words: [String] = []
        var current = ""
        for s in scalars {
            if s.properties.isAlphabetic || (s.value >= 48 && s.value <= 57) {
                current.unicodeScalars.append(s)
            } else if !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        var month: Int?, day: Int?, year: Int?
        for word in words {
            if month == nil, let m = months[word] { month = m; continue }
            if let n = Int(word.prefix(while: { $0.isNumber })), word.count <= 4 {
                let suffix = word.drop(while: { $0.isNumber })
                guard suffix.isEmpty || ["st", "nd", "rd", "th"].contains(String(suffix)) else { continue }
                if n >= 1000, year == nil { year = n } else if (1...31).contains(n), day == nil, month != nil || year == nil { day = n }
            }
        }
        if let year, let month, let day { return format(year, month, day) }
        return nil
    }

    /// A date written in a URL's path: "/2019/05/01/", "/2019-05-01-slug", "/20190501/".
    static func inURL(_ url: String) -> String? {
        let parts = url.split(separator: "/").dropFirst(2).map(String.init)
        for (index, part) in parts.enumerated() {
            let digits = part.prefix { $0.isASCII && $0.isNumber }
            if digits.count == 4, let year = Int(digits), (1990...2100).contains(year) {
                if digits.count == part.count, index + 2 < parts.count,
                   let month = Int(parts[index + 1]), parts[index + 1].count == 2, (1...12).contains(month),
                   let day = Int(parts[index + 2].prefix(2)), parts[index + 2].prefix(2).allSatisfy(\.isNumber), (1...31).contains(day) {
                    return format(year, month, day)
                }
                if part.count >= 10, let iso = iso8601(String(part.prefix(10))), !iso.contains("T") { return iso }
            }
            if digits.count == 8, digits.count == part.count, let year = Int(digits.prefix(4)), (1990...2100).contains(year),
               let month = Int(digits.dropFirst(4).prefix(2)), (1...12).contains(month),
               let day = Int(digits.suffix(2)), (1...31).contains(day) {
                return format(year, month, day)
            }
        }
        return nil
    }

    /// A Unix time in seconds (ten digits, 2001 to 2286) as an ISO 8601 UTC date-time.
    static func fromUnixSeconds(_ text: String) -> String? {
        guard text.count == 10, text.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(text) else { return nil }
        // Howard Hinnant's days-to-civil conversion.
        let days = seconds / 86_400, rest = seconds % 86_400
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return format(year, month, day) + "T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension String {
    func trimmingCharactersInSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
