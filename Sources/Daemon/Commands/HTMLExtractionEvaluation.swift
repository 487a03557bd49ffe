import Dispatch
import Foundation
import Pipeline
import Terminal

/// Scores main-text extraction on a folder of pages with their article text as gold
/// (`<folder>/<name>.html` and `<folder>/gold/<name>.txt`): precision, recall and F1 over
/// 4-word shingles, and decode+clean documents per second.
struct HTMLExtractionEvaluation {
    struct Result {
        var pages: Int
        var counts: ExtractionScore.Counts
        var documentsPerSecond: Double
        var perPage: [(name: String, f1: Double)]
    }

    let folder: String

    /// `nil` when the folder has no pages with gold text.
    func run(rounds: Int = 20) throws -> Result? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { DocumentFormat(pathExtensionOf: $0) == .html }.sorted()
        var pages: [(name: String, input: ArticleInput, gold: String)] = []
        for name in names {
            let stem = (name as NSString).deletingPathExtension
            guard let gold = try? String(contentsOfFile: folder + "/gold/" + stem + ".txt", encoding: .utf8),
                  case .success(let contents) = ArticleFile.read(folder + "/" + name, maximumBytes: 1 << 26) else { continue }
            pages.append((stem, ArticleInput(source: ArticleSource(path: folder + "/" + name), bytes: contents.bytes), gold))
        }
        guard !pages.isEmpty else { return nil }
        let decoder = ArticleDecoder(), cleaner = BoilerplateCleaner()
        var total = ExtractionScore.Counts(matched: 0, predicted: 0, gold: 0)
        var perPage: [(String, Double)] = []
        for page in pages {
            let text = (try? cleaner.process(decoder.process(page.input)).text) ?? ""
            let counts = ExtractionScore.counts(predicted: text, gold: page.gold)
            total = total + counts
            perPage.append((page.name, counts.f1))
        }
        // Speed over repeated rounds, so start-up costs do not dominate a dozen pages.
        let started = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for page in pages { _ = try? cleaner.process(decoder.process(page.input)) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Result(pages: pages.count, counts: total, documentsPerSecond: Double(pages.count * rounds) / seconds,
                      perPage: perPage)
    }
}

/// Scores decode+clean on a folder of page folders in the layout of Mozilla Readability's
/// test pages: `<page>/source.html` (the page as served), `<page>/expected.html` (the
/// article body as gold) and `<page>/expected-metadata.json` (title, byline,
/// publishedTime, lang, siteName).
///
/// Text: the rendered text of `expected.html` against the cleaned text of `source.html`,
/// micro-averaged 4-word-shingle precision, recall and F1, for all pages and split by the
/// gold language (English or not; where the gold names none, the language
/// `LanguageIdentifier` finds in the gold text). Metadata: each field's accuracy over the pages whose
/// gold has a value, after `MetadataNormal`'s normalisation. Folders without both HTML
/// files are skipped.
struct ReadabilityEvaluation {
    struct Page {
        var name: String
        var english: Bool
        var counts: ExtractionScore.Counts
        /// Field name -> (gold has a value, ours matches it).
        var fields: [String: Bool]
        var refused: String?
    }

    struct Result {
        var pages: [Page]

        func counts(_ filter: (Page) -> Bool) -> (pages: Int, counts: ExtractionScore.Counts) {
            let chosen = pages.filter(filter)
            return (chosen.count, chosen.reduce(ExtractionScore.Counts()) { $0 + $1.counts })
        }

        /// (pages with a gold value, pages right) for a field.
        func field(_ name: String) -> (gold: Int, right: Int) {
            let scored = pages.compactMap { $0.fields[name] }
            return (scored.count, scored.filter { $0 }.count)
        }
    }

    static let fields = ["title", "byline", "published", "language", "site_name"]

    let folder: String
    /// When set, another extractor's output is scored instead of Gleaner's:
    /// `<predicted>/<page>.txt` (the text) and `<predicted>/<page>.json` (an object with
    /// any of title, byline, published, language, site_name); a page without a `.txt`
    /// scores as empty.
    var predicted: String? = nil

    func run() throws -> Result {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let decoder = ArticleDecoder(), cleaner = BoilerplateCleaner()
        var pages: [Page] = []
        for name in names {
            let dir = folder + "/" + name
            guard case .success(let sourceFile) = ArticleFile.read(dir + "/source.html", maximumBytes: 1 << 26),
                  case .success(let expectedFile) = ArticleFile.read(dir + "/expected.html", maximumBytes: 1 << 26) else { continue }
            let (source, expected) = (sourceFile.bytes, expectedFile.bytes)
            let goldText = (try? decoder.process(ArticleInput(source: ArticleSource(path: dir + "/expected.html"), bytes: expected)).text) ?? ""
            let gold = PageMetadataFile.read(dir + "/expected-metadata.json", keys: .readability)
            let goldLanguage = gold.language
            // Pages whose gold names no language are split by the language of their gold text.
            let pageLanguage = goldLanguage ?? LanguageIdentifier.shared.identify(goldText) ?? "en"
            var page = Page(name: name, english: MetadataNormal.language(pageLanguage) == "en",
                            counts: .init(), fields: [:])
            var text = ""
            var meta = DocumentMetadata()
            if let predicted {
                text = (try? String(contentsOfFile: predicted + "/" + name + ".txt", encoding: .utf8)) ?? ""
                let other = PageMetadataFile.read(predicted + "/" + name + ".json", keys: .gleaner)
                meta = DocumentMetadata(title: other.title, byline: other.byline, published: other.published,
                                        siteName: other.siteName, language: other.language)
            } else {
                do {
                    let decoded = try decoder.process(ArticleInput(source: ArticleSource(path: dir + "/source.html"), bytes: source))
                    meta = decoded.metadata
                    text = try cleaner.process(decoded).text
                } catch {
                    page.refused = "\(error)"
                }
            }
            page.counts = ExtractionScore.counts(predicted: text, gold: goldText)
            let pairs: [(String, String?, String?, (String, String) -> Bool)] = [
                ("title", gold.title, meta.title, MetadataNormal.sameTitle),
                ("byline", gold.byline, meta.byline, MetadataNormal.sameByline),
                ("published", gold.published, meta.published, { MetadataNormal.date($0) == MetadataNormal.date($1) }),
                ("language", goldLanguage, meta.language, { MetadataNormal.language($0) == MetadataNormal.language($1) }),
                ("site_name", gold.siteName, meta.siteName, { MetadataNormal.text($0) == MetadataNormal.text($1) }),
            ]
            for (field, want, got, same) in pairs {
                guard let want else { continue }
                page.fields[field] = got.map { same(want, $0) } ?? false
            }
            pages.append(page)
        }
        return Result(pages: pages)
    }
}

/// The metadata of one page as a JSON file: Readability's gold (`expected-metadata.json`:
/// `title`, `byline`, `publishedTime`, `lang`, `siteName`) or another extractor's output
/// (`title`, `byline`, `published`, `language`, `site_name`). Other keys are ignored; a
/// field that is missing, not a string, or only whitespace is `nil`, and so is every field
/// of a file that cannot be read or is not a JSON object.
struct PageMetadataFile: Decodable {
    /// The names the fields have in one kind of file.
    struct Keys: Sendable {
        var title = "title"
        var byline = "byline"
        var published: String
        var language: String
        var siteName: String

        static let readability = Keys(published: "publishedTime", language: "lang", siteName: "siteName")
        static let gleaner = Keys(published: "published", language: "language", siteName: "site_name")
    }

    var title: String?
    var byline: String?
    var published: String?
    var language: String?
    var siteName: String?

    init() {}

    static func read(_ path: String, keys: Keys) -> PageMetadataFile {
        guard let data = FileManager.default.contents(atPath: path) else { return PageMetadataFile() }
        let decoder = JSONDecoder()
        decoder.userInfo[keysInfo] = keys
        return (try? decoder.decode(PageMetadataFile.self, from: data)) ?? PageMetadataFile()
    }

    private static let keysInfo = CodingUserInfoKey(rawValue: "PageMetadataFile.Keys")!

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let keys = decoder.userInfo[Self.keysInfo] as? Keys ?? .gleaner
        let c = try decoder.container(keyedBy: Key.self)
        func field(_ name: String) -> String? {
            guard let value = try? c.decodeIfPresent(String.self, forKey: Key(stringValue: name)) else { return nil }
            return value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : value
        }
        title = field(keys.title)
        byline = field(keys.byline)
        published = field(keys.published)
        language = field(keys.language)
        siteName = field(keys.siteName)
    }
}

/// How the readability evaluation compares a metadata field with its gold value: titles
/// by `sameTitle`, bylines by `sameByline`, dates by calendar day, languages by primary
/// subtag, site names by `text`.
enum MetadataNormal {
    /// Lower-cased, every run of whitespace one space, trimmed.
    static func text(_ value: String) -> String {
        value.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `text`, with a leading "by " and trailing punctuation dropped.
    static func byline(_ value: String) -> String {
        var folded = text(value)
        if folded.hasPrefix("by ") { folded.removeFirst(3) }
        while let last = folded.last, last == "," || last == "." || last == ";" { folded.removeLast() }
        return folded
    }

    /// Titles match when equal after `text`, or when the gold is ours with the site's
    /// label before or after a separator (" | ", " - ", " – ", " — ", " · ", " :: "): Readability
    /// keeps the label that Gleaner strips into `site_name`.
    static func sameTitle(_ gold: String, _ ours: String) -> Bool {
        let g = text(gold), o = text(ours)
        if g == o { return true }
        guard !o.isEmpty else { return false }
        for separator in [" | ", " - ", " – ", " — ", " · ", " :: "] {
            if g.hasPrefix(o + separator) || g.hasSuffix(separator + o) { return true }
        }
        return false
    }

    /// Bylines match when equal after `byline`, or when the gold is ours (two words or
    /// more) followed by more words: Readability's byline is often the whole byline line,
    /// with its date and a follow button.
    static func sameByline(_ gold: String, _ ours: String) -> Bool {
        let g = byline(gold), o = byline(ours)
        if g == o { return true }
        return o.split(separator: " ").count >= 2 && (g.hasPrefix(o + " ") || g.hasPrefix(o + ","))
    }

    /// The calendar day: the first ten characters (YYYY-MM-DD) of an ISO 8601 value.
    static func date(_ value: String) -> String {
        String(value.trimmingCharacters(in: .whitespaces).prefix(10))
    }

    /// The primary language subtag, lower-cased ("en-US" and "en_GB" give "en").
    static func language(_ value: String) -> String {
        String(value.lowercased().prefix { $0.isLetter })
    }
}

/// The table `gleaner eval --readability DIR` prints.
struct ReadabilityReport {
    let result: ReadabilityEvaluation.Result
    let folder: String

    func table(perPage: Bool) -> String {
        var text = TerminalTable(["text (4-word shingles)", "pages", "P", "R", "F1", "empty"], rightAligned: [1, 2, 3, 4, 5])
        let groups: [(String, (ReadabilityEvaluation.Page) -> Bool)] = [
            ("all pages", { _ in true }), ("English", { $0.english }), ("not English", { !$0.english }),
        ]
        for (label, filter) in groups {
            let (count, c) = result.counts(filter)
            let empty = result.pages.filter { filter($0) && $0.counts.predicted == 0 }.count
            text.append([label, "\(count)", Self.f(c.precision), Self.f(c.recall), Self.f(c.f1), "\(empty)"])
        }
        var meta = TerminalTable(["metadata field", "gold values", "right", "accuracy"], rightAligned: [1, 2, 3])
        for field in ReadabilityEvaluation.fields {
            let (gold, right) = result.field(field)
            meta.append([field, "\(gold)", "\(right)", gold == 0 ? "-" : Self.f(Double(right) / Double(gold))])
        }
        var out = "Readability test pages (\(folder))\n\n" + text.render() + "\n\n" + meta.render()
        let refused = result.pages.filter { $0.refused != nil }
        if !refused.isEmpty {
            out += "\n\nrefused: " + refused.map { "\($0.name) (\($0.refused!))" }.joined(separator: "; ")
        }
        if perPage {
            var rows = TerminalTable(["page", "lang", "F1", "P", "R", "metadata misses"], rightAligned: [2, 3, 4])
            rows.maxCellWidth = 80
            for page in result.pages {
                let misses = ReadabilityEvaluation.fields.filter { page.fields[$0] == false }.joined(separator: " ")
                rows.append([page.name, page.english ? "en" : "other", Self.f(page.counts.f1),
                             Self.f(page.counts.precision), Self.f(page.counts.recall), misses])
            }
            out += "\n\n" + rows.render()
        }
        return out
    }

    private static func f(_ value: Double) -> String { String(format: "%.3f", value) }
}
