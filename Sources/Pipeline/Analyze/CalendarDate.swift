/// A proleptic Gregorian calendar day, with the arithmetic date resolution needs.
///
/// Promises: `days` and `init(days:)` are inverse; weekdays and ISO weeks follow ISO 8601
/// (Monday = 1, week 1 holds the year's first Thursday).
struct CalendarDate: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads the leading "YYYY-MM-DD" of an ISO 8601 date or date-time.
    init?(iso text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-" else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for k in range {
                let v = scalars[k].value
                guard v >= 48, v <= 57 else { return nil }
                value = value * 10 + Int(v - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01.
    var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// ISO weekday, Monday = 1 ... Sunday = 7.
    var weekday: Int {
        let w = (days + 3) % 7   // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    func adding(days n: Int) -> CalendarDate { CalendarDate(days: days + n) }

    /// "2019-W18"
    var isoWeek: String {
        let thursday = adding(days: 4 - weekday)
        let week = (thursday.days - CalendarDate(year: thursday.year, month: 1, day: 1).days) / 7 + 1
        return "\(thursday.year)-W" + (week < 10 ? "0\(week)" : String(week))
    }

    var isoDay: String {
        "\(year)-" + (month < 10 ? "0\(month)" : String(month)) + "-" + (day < 10 ? "0\(day)" : String(day))
    }
}

/// Resolves normalised date values against a publication date.
///
/// Promises: returns nil for values it cannot anchor (durations, vague ranges); never
/// changes the strict value itself. A weekday alone ("on Tuesday") is the latest such day on
/// or before publication, as news reports what has happened; `upcoming(_:)` gives the first
/// on or after it, for what is planned.
struct DateResolver: Sendable {
    let published: CalendarDate

    static let weekdayNumbers = ["Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5, "Saturday": 6, "Sunday": 7]

    func resolve(_ value: String) -> String? {
        let p = published
        switch value {
        case "REL:THIS_WEEK": return p.isoWeek
        case "REL:LAST_WEEK": return p.adding(days: -7).isoWeek
        case "REL:NEXT_WEEK": return p.adding(days: 7).isoWeek
        case "REL:THIS_MONTH": return month(p.year, p.month)
        case "REL:LAST_MONTH": return p.month == 1 ? month(p.year - 1, 12) : month(p.year, p.month - 1)
        case "REL:NEXT_MONTH": return p.month == 12 ? month(p.year + 1, 1) : month(p.year, p.month + 1)
        case "REL:THIS_YEAR": return String(p.year)
        case "REL:LAST_YEAR": return String(p.year - 1)
        case "REL:NEXT_YEAR": return String(p.year + 1)
        default: break
        }
        if value.hasPrefix("WEEKDAY:") {
            guard let target = Self.weekday(of: value) else { return nil }
            return p.adding(days: -((p.weekday - target + 7) % 7)).isoDay
        }
        if value.hasPrefix("XXXX-") {
            return String(p.year) + value.dropFirst(4)
        }
        return nil
    }

    /// The first day on or after publication that a weekday value ("WEEKDAY:Tuesday")
    /// names ("is due to meet on Tuesday"), or nil for any other value.
    func upcoming(_ value: String) -> String? {
        guard let target = Self.weekday(of: value) else { return nil }
        return published.adding(days: (target - published.weekday + 7) % 7).isoDay
    }

    /// The ISO weekday a "WEEKDAY:Tuesday" or "WEEKDAY:Tuesday;TAF" value names, or nil.
    private static func weekday(of value: String) -> Int? {
        guard value.hasPrefix("WEEKDAY:"), let name = value.dropFirst(8).split(separator: ";").first else { return nil }
        return weekdayNumbers[String(name)]
    }

    private func month(_ y: Int, _ m: Int) -> String { "\(y)-" + (m < 10 ? "0\(m)" : String(m)) }
}
