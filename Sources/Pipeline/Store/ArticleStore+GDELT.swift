import GRDB

extension ArticleStore {
    /// The columns of `gdelt_events`, in order: GDELT 2.0's names for the fields Gleaner has.
    public static let gdeltColumns = [
        "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1CountryName",
        "Actor1Type1Code", "Actor1Type2Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2CountryName",
        "Actor2Type1Code", "Actor2Type2Code",
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName", "DATEADDED", "SOURCEURL",
    ]

    /// Streams every distinct event as GDELT-shaped fields (text, in `gdeltColumns` order),
    /// oldest first, from one consistent snapshot.
    public func gdeltEvents(_ handler: ([String]) -> Void) throws(StoreError) {
        let columns = Self.gdeltColumns.joined(separator: ", ")
        try reading { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM gdelt_events ORDER BY GLOBALEVENTID")
            while let row = try cursor.next() {
                handler((0..<row.count).map { index in
                    let value: DatabaseValue = row[index]
                    switch value.storage {
                    case .null, .blob: return ""
                    case .int64(let n): return String(n)
                    case .double(let d): return Self.gdeltField(d)
                    case .string(let s): return s
                    }
                })
            }
        }
    }

    /// A real number as the export prints it in either store: whole numbers with `.0`.
    static func gdeltField(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value)).0" : String(value)
    }
}
