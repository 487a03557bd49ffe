import Pipeline

/// One line saying what was extracted from a document, for a person watching.
struct ExtractionSummary {
    let text: String

    init(_ doc: ExtractedDocument) {
        let entities = doc.analyzed.entities
        func names(_ type: EntityType) -> String {
            let list = entities.filter { $0.type == type }.prefix(4).map(\.name)
            return list.isEmpty ? "-" : list.joined(separator: ", ")
        }
        text = "\(doc.analyzed.entities.count) entities (people: \(names(.person)); places: \(names(.location)); orgs: \(names(.organization))), "
            + "\(doc.analyzed.values.count) values, \(doc.events.count) events, \(doc.quotes.count) quotes, "
            + "\(doc.analyzed.clean.removed.count) boilerplate spans removed"
    }
}
