import Foundation

/// Collects an HTML page's metadata from its several sources and settles on one value per
/// field: Open Graph and `article:` meta first (sites fill them for social previews, so
/// they are curated), then JSON-LD (`NewsArticle`, `Article`, also inside `@graph`), then
/// plain `<meta name>` tags, `<time datetime>` and `<title>`. The publication date is the
/// exception: JSON-LD's `datePublished` comes first (Open Graph's time is often the last
/// update), and only a value that reads as a date counts; then a date in the URL's path.
struct PageMetadata {
    var titleTag: String?
    var language: String?
    var canonical: String?
    var times: [String] = []
    /// Link texts of `<a rel="author">`.
    var relAuthors: [String] = []
    private var open: [String: String] = [:]
    private var named: [String: String] = [:]
    private var linked = DocumentMetadata()

    mutating func read(meta attributes: HTMLAttributes) {
        guard let content = attributes.value("content")?.trimmingCharacters(in: .whitespacesAndNewlines),
              !content.isEmpty else { return }
        if let property = attributes.value("property")?.lowercased() {
            if open[property] == nil { open[property] = content }
        }
        if let name = (attributes.value("name") ?? attributes.value("itemprop") ?? attributes.value("http-equiv"))?.lowercased() {
            if named[name] == nil { named[name] = content }
        }
    }

    mutating func readLinkedData(_ raw: String) {
        // Pages served as XHTML wrap the JSON in a CDATA section, sometimes behind `//`.
        var json = raw
        if json.contains("<![CDATA[") {
            json = json.replacingOccurrences(of: "//<![CDATA[", with: "").replacingOccurrences(of: "<![CDATA[", with: "")
                .replacingOccurrences(of: "//]]>", with: "").replacingOccurrences(of: "]]>", with: "")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else { return }
        for item in Self.items(object) {
            let types = (item["@type"] as? String).map { [$0] } ?? (item["@type"] as? [String]) ?? []
            guard types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }) else { continue }
            if linked.title == nil { linked.title = item["headline"] as? String ?? item["name"] as? String }
            if linked.byline == nil { linked.byline = Self.names(item["author"]) }
            if linked.published == nil { linked.published = item["datePublished"] as? String ?? item["dateCreated"] as? String }
            if linked.siteName == nil { linked.siteName = Self.names(item["publisher"]) }
            if linked.url == nil {
                linked.url = item["url"] as? String ?? item["mainEntityOfPage"] as? String
                    ?? (item["mainEntityOfPage"] as? [String: Any])?["@id"] as? String
            }
            if linked.language == nil { linked.language = item["inLanguage"] as? String }
        }
    }

    /// Every object of a JSON-LD document: top level, arrays, and `@graph` members.
    private static func items(_ object: Any) -> [[String: Any]] {
        if let list = object as? [Any] { return list.flatMap(items) }
        guard let dict = object as? [String: Any] else { return [] }
        var result = [dict]
        if let graph = dict["@graph"] { result += items(graph) }
        return result
    }

    /// A person's or organisation's name, or several joined by ", ".
    static func names(_ value: Any?) -> String? {
        if let name = value as? String { return name.isEmpty || name.hasPrefix("http") ? nil : name }
        if let dict = value as? [String: Any] { return names(dict["name"]) }
        if let list = value as? [Any] {
            let all = list.compactMap(names)
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }

    func finish() -> DocumentMetadata {
        var meta = DocumentMetadata()
        meta.siteName = [open["og:site_name"], linked.siteName, named["application-name"]].lazy.compactMap { $0 }.first
        // JSON-LD's headline is sometimes a description ("country in Oceania"): it counts
        // only when the `<title>` holds it too, or there is no `<title>`.
        let linkedTitle = linked.title.flatMap { headline in
            titleTag.map { $0.lowercased().contains(headline.lowercased()) } ?? true ? headline : nil
        }
        let titles: [String?] = [open["og:title"], linkedTitle, named["twitter:title"], named["title"], titleTag]
        var title = titles.lazy.compactMap { $0 }.first
        if let site = meta.siteName, let t = title, Self.strippingSite(site, from: t) != t { title = Self.strippingSite(site, from: t) }
        else if let t = title, open["og:title"] == nil, linkedTitle == nil { title = Self.strippingTrailingLabel(t) }
        meta.title = title
        let authorSources: [String?] = [open["article:author"], named["author"], named["byl"], named["dc.creator"],
                                         named["parsely-author"], named["sailthru.author"], linked.byline, relAuthors.first]
        meta.byline = authorSources.lazy.compactMap { $0 }.filter { !$0.hasPrefix("http") }.compactMap(AuthorName.cleaned).first
        // The first source that holds a date we can read; then a date in the URL's path.
        let publishedSources: [String?] = [
            linked.published, open["article:published_time"], named["article:published_time"],
            named["datepublished"], named["pubdate"], named["publishdate"], named["date"],
            named["dc.date"], named["dc.date.issued"], named["dcterms.created"], named["sailthru.date"],
            named["parsely-pub-date"], open["og:published_time"], named["created"],
        ] + times.map { $0 }
        meta.url = canonical ?? open["og:url"] ?? linked.url
        meta.published = publishedSources.lazy.compactMap { $0 }.compactMap(PublishedDate.iso8601).first
            ?? [meta.url, open["og:url"]].lazy.compactMap { $0 }.compactMap(PublishedDate.inURL).first
        let locale: String? = open["og:locale"].map { $0.replacingOccurrences(of: "_", with: "-") }
        let languages: [String?] = [language, locale, linked.language, named["content-language"], named["language"]]
        meta.language = languages.lazy.compactMap { $0 }.first { !$0.isEmpty }
        return meta
    }

    /// "Budget passes | Daily Example" -> "Budget passes" when the site name is not known:
    /// a `<title>` ending in a short label after a bar or dash is the site's label.
    static func strippingTrailingLabel(_ title: String) -> String {
        for separator in [" | ", " :: ", " — ", " – ", " - "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let label = title[range.upperBound...]
            let head = title[..<range.lowerBound]
            if label.split(separator: " ").count <= 4, head.split(separator: " ").count >= 2 { return String(head) }
        }
        return title
    }

    /// "Budget passes | The Daily Example" -> "Budget passes", when the site name is known.
    static func strippingSite(_ site: String, from title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if title.hasSuffix(separator + site) { return String(title.dropLast(separator.count + site.count)) }
            if title.hasPrefix(site + separator) { return String(title.dropFirst(separator.count + site.count)) }
        }
        return title
    }
}
