@testable import Pipeline

/// The JSON contract built as a `JSONValue` tree, field by field in DESIGN.md's order: the
/// reference `ContractEncoding.line`, which writes the same text without a tree, is
/// checked against.
enum ContractTree {
    static func jsonValue(_ doc: ExtractedDocument) -> JSONValue {
        let decoded = doc.analyzed.clean.decoded
        let meta = decoded.metadata
        var source: [(String, JSONValue)] = [
            ("path", .string(decoded.source.path)),
            ("format", .string(decoded.format.rawValue)),
        ]
        if let url = meta.url { source.append(("url", .string(url))) }
        if let site = meta.siteName { source.append(("site_name", .string(site))) }
        var fields: [(String, JSONValue)] = [
            ("sha256", .string(decoded.sha256)),
            ("source", .object(source)),
            ("title", JSONValue(meta.title)),
            ("published", JSONValue(meta.published)),
            ("byline", JSONValue(meta.byline)),
            ("language", JSONValue(meta.language)),
            ("text", .string(doc.analyzed.clean.text)),
            ("removed", .array(doc.analyzed.clean.removed.map(removed))),
            ("entities", .array(doc.analyzed.entities.map(entity))),
            ("values", .array(doc.analyzed.values.map(value))),
            ("events", .array(doc.events.map(event))),
            ("quotes", .array(doc.quotes.map(quote))),
        ]
        if !decoded.warnings.isEmpty {
            fields.append(("warnings", .array(decoded.warnings.map(JSONValue.string))))
        }
        return .object(fields)
    }

    static func removed(_ span: RemovedSpan) -> JSONValue {
        .object([("start", .int(span.start)), ("end", .int(span.end)), ("reason", .string(span.reason.rawValue))])
    }

    static func entity(_ e: Entity) -> JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(e.name)), ("type", .string(e.type.rawValue))]
        if let role = e.role { fields.append(("role", .string(role))) }
        fields.append(("mentions", .array(e.mentions.map { m in
            var f: [(String, JSONValue)] = [("text", .string(m.text)), ("start", .int(m.start)), ("end", .int(m.end))]
            if let metonym = m.metonymFor { f.append(("metonym_for", .string(metonym))) }
            if let type = m.type { f.append(("type", .string(type.rawValue))) }
            return .object(f)
        })))
        return .object(fields)
    }

    static func value(_ v: ValueMention) -> JSONValue {
        .object([("type", .string(v.type.rawValue)), ("text", .string(v.text)),
                 ("start", .int(v.start)), ("end", .int(v.end)), ("normalized", v.normalized)])
    }

    static func event(_ e: Event) -> JSONValue {
        .object([
            ("code", .string(e.code)), ("root", .string(e.root)), ("quad_class", .int(e.quadClass)),
            ("goldstein", .double(e.goldstein)), ("source", JSONValue(e.source)), ("target", JSONValue(e.target)),
            ("location", JSONValue(e.location)), ("time", JSONValue(e.time)), ("polarity", .string(e.polarity.rawValue)),
            ("trigger", .string(e.trigger)), ("sentence", .string(e.sentence)),
            ("start", .int(e.start)), ("end", .int(e.end)),
            ("trigger_start", .int(e.triggerStart)), ("trigger_end", .int(e.triggerEnd)),
            ("source_affiliation", JSONValue(e.sourceAffiliation)), ("target_affiliation", JSONValue(e.targetAffiliation)),
            ("time_normalized", JSONValue(e.timeNormalized)), ("quantities", .array(e.quantities.map(JSONValue.string))),
            ("source_code", JSONValue(e.sourceActor?.code)), ("source_country", JSONValue(e.sourceActor?.country)),
            ("source_type1", JSONValue(e.sourceActor?.type1)), ("source_type2", JSONValue(e.sourceActor?.type2)),
            ("target_code", JSONValue(e.targetActor?.code)), ("target_country", JSONValue(e.targetActor?.country)),
            ("target_type1", JSONValue(e.targetActor?.type1)), ("target_type2", JSONValue(e.targetActor?.type2)),
            ("date", JSONValue(e.date)),
        ])
    }

    static func quote(_ q: Quote) -> JSONValue {
        .object([("speaker", JSONValue(q.speaker)), ("text", .string(q.text)), ("start", .int(q.start)), ("end", .int(q.end))])
    }
}
