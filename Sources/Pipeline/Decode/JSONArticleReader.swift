import Foundation

/// Reads one article object as scrapers write it, recognising their usual field names.
enum JSONArticleReader {
    struct Article {
        var text: String
        var metadata: DocumentMetadata
    }

    static let textKeys = ["text", "body", "content", "articleBody", "article_body", "maintext"]
    static let titleKeys = ["title", "headline"]
    static let urlKeys = ["url", "link", "canonical_url"]
    static let bylineKeys = ["author", "byline", "authors"]
    static let publishedKeys = ["published", "date", "datePublished", "published_at", "pubDate", "date_publish", "publishedAt"]
    static let siteKeys = ["site_name", "siteName", "site", "source", "publisher", "source_domain"]
    static let languageKeys = ["language", "lang", "inLanguage"]

    static func read(_ json: String) throws(PipelineError) -> Article {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        } catch {
            throw PipelineError(.malformed, stage: .decode, "file is not valid JSON: \(error.localizedDescription)")
        }
        guard let dict = object as? [String: Any] else {
            throw PipelineError(.malformed, stage: .decode,
                                "JSON must be one article object ({\"title\": ..., \"text\": ...}), found \(type(of: object))")
        }
        guard let text = first(textKeys, in: dict) else {
            throw PipelineError(.noText, stage: .decode,
                                "JSON article has no text field; expected one of \(textKeys.joined(separator: ", "))")
        }
        let metadata = DocumentMetadata(
            title: first(titleKeys, in: dict),
            byline: first(bylineKeys, in: dict),
            published: first(publishedKeys, in: dict).map(PublishedDate.normalized),
            siteName: first(siteKeys, in: dict),
            url: first(urlKeys, in: dict),
            language: first(languageKeys, in: dict))
        return Article(text: text, metadata: metadata)
    }

    private static func first(_ keys: [String], in dict: [String: Any]) -> String? {
        for key in keys {
            if let s = dict[key] as? String, !s.isEmpty { return s }
            if let list = dict[key] as? [Any] {
                let names = list.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["name"] as? String) }
                if !names.isEmpty { return names.joined(separator: ", ") }
            }
            if let nested = dict[key] as? [String: Any], let name = nested["name"] as? String { return name }
        }
        return nil
    }
}
