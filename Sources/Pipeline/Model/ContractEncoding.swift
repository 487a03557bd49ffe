/// The JSON contract of DESIGN.md: one object per document, fields in the documented order.
///
/// `gleaner extract` and `gleaner export` both print through this, so what an analyst
/// reads from a file and from the database is the same shape.
public enum ContractEncoding {
    /// One line of JSON, without the trailing newline, written field by field straight to
    /// bytes (this runs for every document printed; building a `JSONValue` tree first
    /// cost more than writing it).
    public static func line(_ doc: ExtractedDocument) -> String {
        let decoded = doc.analyzed.clean.decoded
        let meta = decoded.metadata
        let clean = doc.analyzed.clean
        // The text and the event sentences are most of a line: reserve about that much.
        var w = JSONWriter(capacity: clean.text.utf8.count * 2 + 4096)
        w.beginObject()
        w.key("sha256"); w.string(decoded.sha256)
        w.key("source"); w.beginObject()
        w.key("path"); w.string(decoded.source.path)
        w.key("format"); w.string(decoded.format.rawValue)
        if let url = meta.url { w.key("url"); w.string(url) }
        if let site = meta.siteName { w.key("site_name"); w.string(site) }
        w.endObject()
        w.key("title"); w.string(meta.title)
        w.key("published"); w.string(meta.published)
        w.key("byline"); w.string(meta.byline)
        w.key("language"); w.string(meta.language)
        w.key("text"); w.string(clean.text)
        w.key("removed"); w.beginArray()
        for span in clean.removed {
            w.beginObject()
            w.key("start"); w.int(span.start)
            w.key("end"); w.int(span.end)
            w.key("reason"); w.string(span.reason.rawValue)
            w.endObject()
        }
        w.endArray()
        w.key("entities"); w.beginArray()
        for e in doc.analyzed.entities { write(e, to: &w) }
        w.endArray()
        w.key("values"); w.beginArray()
        for v in doc.analyzed.values {
            w.beginObject()
            w.key("type"); w.string(v.type.rawValue)
            w.key("text"); w.string(v.text)
            w.key("start"); w.int(v.start)
            w.key("end"); w.int(v.end)
            w.key("normalized"); w.value(v.normalized)
            w.endObject()
        }
        w.endArray()
        w.key("events"); w.beginArray()
        for e in doc.events { write(e, to: &w) }
        w.endArray()
        w.key("quotes"); w.beginArray()
        for q in doc.quotes {
            w.beginObject()
            w.key("speaker"); w.string(q.speaker)
            w.key("text"); w.string(q.text)
            w.key("start"); w.int(q.start)
            w.key("end"); w.int(q.end)
            w.endObject()
        }
        w.endArray()
        if !decoded.warnings.isEmpty {
            w.key("warnings"); w.beginArray()
            for warning in decoded.warnings { w.string(warning) }
            w.endArray()
        }
        w.endObject()
        return w.text
    }

    /// An entity with its mentions, as the contract lists its fields.
    private static func write(_ e: Entity, to w: inout JSONWriter) {
        w.beginObject()
        w.key("name"); w.string(e.name)
        w.key("type"); w.string(e.type.rawValue)
        if let role = e.role { w.key("role"); w.string(role) }
        w.key("mentions"); w.beginArray()
        for m in e.mentions {
            w.beginObject()
            w.key("text"); w.string(m.text)
            w.key("start"); w.int(m.start)
            w.key("end"); w.int(m.end)
            if let metonym = m.metonymFor { w.key("metonym_for"); w.string(metonym) }
            if let type = m.type { w.key("type"); w.string(type.rawValue) }
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// An event, as the contract lists its fields.
    private static func write(_ e: Event, to w: inout JSONWriter) {
        w.beginObject()
        w.key("code"); w.string(e.code)
        w.key("root"); w.string(e.root)
        w.key("quad_class"); w.int(e.quadClass)
        w.key("goldstein"); w.double(e.goldstein)
        w.key("source"); w.string(e.source)
        w.key("target"); w.string(e.target)
        w.key("location"); w.string(e.location)
        w.key("time"); w.string(e.time)
        w.key("polarity"); w.string(e.polarity.rawValue)
        w.key("trigger"); w.string(e.trigger)
        w.key("sentence"); w.string(e.sentence)
        w.key("start"); w.int(e.start)
        w.key("end"); w.int(e.end)
        w.key("trigger_start"); w.int(e.triggerStart)
        w.key("trigger_end"); w.int(e.triggerEnd)
        w.key("source_affiliation"); w.string(e.sourceAffiliation)
        w.key("target_affiliation"); w.string(e.targetAffiliation)
        w.key("time_normalized"); w.string(e.timeNormalized)
        w.key("quantities"); w.beginArray()
        for quantity in e.quantities { w.string(quantity) }
        w.endArray()
        w.key("source_code"); w.string(e.sourceActor?.code)
        w.key("source_country"); w.string(e.sourceActor?.country)
        w.key("source_type1"); w.string(e.sourceActor?.type1)
        w.key("source_type2"); w.string(e.sourceActor?.type2)
        w.key("target_code"); w.string(e.targetActor?.code)
        w.key("target_country"); w.string(e.targetActor?.country)
        w.key("target_type1"); w.string(e.targetActor?.type1)
        w.key("target_type2"); w.string(e.targetActor?.type2)
        w.key("date"); w.string(e.date)
        w.endObject()
    }
}
