/// One rendered block of a structured document (a paragraph, heading, list item, cell row,
/// caption...), located in the decoded text, with what the markup said about it.
///
/// The decoder records these so the clean stage can judge HTML by its structure (landmarks,
/// class names, links) and not only by the words. Offsets are Unicode scalars into
/// `DecodedDocument.text`, end exclusive, and cover the block's text without the blank
/// line that separates it from the next block.
public struct TextBlock: Sendable, Hashable {
    public var start: Int
    public var end: Int
    /// The innermost block element the text sits in, lower-cased ("p", "h2", "li", "td").
    public var tag: String
    /// Scalars of the block's text that sit inside links (`<a href>`), spaces excluded.
    public var linkScalars: Int
    /// Non-space scalars of the block's text.
    public var textScalars: Int
    /// What the nearest enclosing element's tag, role, class or id says the block is, when
    /// it says it is site furniture (`<nav>`, `class="cookie-banner"`, `<figcaption>`).
    public var hint: BoilerplateReason?
    /// Identifies the element that gave `hint`, so the cleaner can overrule a hint that
    /// covers most of the page (a wrapper named "share-enabled" around everything).
    public var hintScope: Int
    /// Identifies the nearest enclosing `<article>`, `<main>`, `role=main` or
    /// `itemprop=articleBody` element, when there is one.
    public var articleScope: Int?
    /// The block holds a `<time>` element.
    public var hasTime: Bool
    /// A hash of the tag and `class` of the element that gave `articleScope` (0 without
    /// one): an article split into sibling sections of one class is one article.
    public var articleClass: UInt64 = 0

    public init(start: Int, end: Int, tag: String, linkScalars: Int = 0, textScalars: Int = 0,
                hint: BoilerplateReason? = nil, hintScope: Int = 0, articleScope: Int? = nil, hasTime: Bool = false) {
        self.start = start
        self.end = end
        self.tag = tag
        self.linkScalars = linkScalars
        self.textScalars = textScalars
        self.hint = hint
        self.hintScope = hintScope
        self.articleScope = articleScope
        self.hasTime = hasTime
    }

    /// Share of the block's text that is link text, 0...1.
    public var linkDensity: Double {
        textScalars == 0 ? 0 : Double(linkScalars) / Double(textScalars)
    }

    public var isHeading: Bool {
        tag.count == 2 && tag.first == "h" && (tag.last.map { $0 >= "1" && $0 <= "6" } ?? false)
    }
}
