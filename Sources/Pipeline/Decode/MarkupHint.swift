/// What an element's tag, `role`, `class` and `id` say about the text inside it.
///
/// Sites name their furniture in their markup ("cookie-banner", "related-stories",
/// `<nav>`); these names are general web-publishing vocabulary, the same across sites.
/// Class and id values are split into lower-case tokens at every non-letter, non-digit
/// ("share-bar__item" gives "share", "bar", "item") and only whole tokens count, so "ad"
/// never matches "head" or "shadow".
enum MarkupHint: Sendable, Equatable {
    /// Site furniture of this kind.
    case furniture(BoilerplateReason)
    /// The article's own container.
    case article
    /// Not rendered by a browser (`hidden`, `display:none`, `aria-hidden`).
    case hidden

    static let furnitureTags: [String: BoilerplateReason] = [
        "nav": .navigation, "footer": .navigation, "aside": .crossReference, "form": .other,
        "figcaption": .other, "menu": .navigation, "dialog": .other,
    ]

    static let roles: [String: MarkupHint] = [
        "navigation": .furniture(.navigation), "banner": .furniture(.navigation),
        "contentinfo": .furniture(.navigation), "complementary": .furniture(.crossReference),
        "search": .furniture(.navigation), "menu": .furniture(.navigation), "menubar": .furniture(.navigation),
        "dialog": .furniture(.other), "alertdialog": .furniture(.other),
        "main": .article, "article": .article,
    ]

    /// Class/id tokens and the furniture they name. Order matters only through
    /// `tokenPriority`: a "newsletter-promo" is a newsletter box before it is a promo.
    static let furnitureTokens: [String: BoilerplateReason] = [
        "cookie": .cookieNotice, "cookies": .cookieNotice, "consent": .cookieNotice, "gdpr": .cookieNotice,
        "paywall": .paywall, "meter": .paywall, "metered": .paywall, "regwall": .paywall, "piano": .paywall,
        "subscribe": .subscription, "subscription": .subscription, "subscriber": .subscription, "premium": .subscription,
        "related": .crossReference, "recommended": .crossReference, "recommendations": .crossReference,
        "trending": .crossReference, "popular": .crossReference, "mostread": .crossReference,
        "readmore": .crossReference, "outbrain": .crossReference, "taboola": .crossReference, "teaser": .crossReference,
        "teasers": .crossReference, "more": .crossReference, "sidebar": .crossReference, "rail": .crossReference,
        "share": .share, "sharing": .share, "social": .share, "sharebar": .share,
        "newsletter": .newsletter, "signup": .newsletter, "optin": .newsletter,
        "comment": .other, "comments": .other, "disqus": .other, "replies": .other, "discussion": .other,
        "promo": .other, "ad": .other, "ads": .other, "advert": .other, "advertisement": .other,
        "sponsored": .other, "dfp": .other, "banner": .other,
        "nav": .navigation, "navbar": .navigation, "navigation": .navigation, "menu": .navigation,
        "breadcrumb": .navigation, "breadcrumbs": .navigation, "masthead": .navigation, "footer": .navigation,
        "topbar": .navigation, "skip": .navigation, "pagination": .navigation,
        "byline": .other, "author": .other, "authors": .other, "dateline": .other, "timestamp": .other,
        "caption": .other, "credit": .other, "credits": .other, "tags": .crossReference, "topics": .crossReference,
        "bio": .other, "bios": .other, "biography": .other, "authorbio": .other, "appeal": .other, "donate": .other,
        "donation": .other, "standfirst": .other, "promos": .other, "teaserlist": .crossReference,
    ]

    /// Tokens that outrank others on the same element: a specific kind of box is named
    /// by them even when a generic word ("promo", "more") stands beside.
    static let tokenPriority: [BoilerplateReason] = [
        .cookieNotice, .paywall, .subscription, .newsletter, .share, .crossReference, .navigation, .other,
    ]

    /// Tokens of a container that holds the article's body ("article-body", "story-content").
    static let articleTokens: Set<String> = ["articlebody", "storybody", "entry", "content", "body", "story", "article", "post"]

    /// The hint an element gives, or `nil` when it says nothing.
    static func of(tag: String, role: String?, classAndID: String, hidden: Bool) -> MarkupHint? {
        if hidden { return .hidden }
        if let reason = furnitureTags[tag] { return .furniture(reason) }
        if let role, let hint = roles[role.lowercased()] { return hint }
        if tag == "article" || tag == "main" { return .article }
        guard !classAndID.isEmpty else { return nil }
        let tokens = Self.tokens(classAndID)
        var best: BoilerplateReason?
        for token in tokens {
            if let reason = furnitureTokens[token] {
                if best == nil || tokenPriority.firstIndex(of: reason)! < tokenPriority.firstIndex(of: best!)! { best = reason }
            }
        }
        // "about-us", "AboutTheAuthor": a box about the site or the writer.
        if best == nil, tokens.contains("about"), tokens.contains(where: { $0 == "us" || $0 == "author" || $0 == "the" || $0 == "site" }) {
            best = .other
        }
        if let best { return .furniture(best) }
        // "article-body": an article word beside a body word; a lone "content" says little.
        let hasArticleWord = tokens.contains { $0 == "article" || $0 == "story" || $0 == "entry" || $0 == "post" || $0 == "articlebody" || $0 == "storybody" }
        let hasBodyWord = tokens.contains { $0 == "body" || $0 == "content" || $0 == "text" || $0 == "articlebody" || $0 == "storybody" }
        if hasArticleWord && hasBodyWord { return .article }
        return nil
    }

    /// Lower-case tokens split at every scalar that is not an ASCII letter or digit
    /// (kebab-case, snake_case, BEM) and at every lower-to-upper case change (camelCase,
    /// PascalCase): "relatedStoriesRail" gives "related", "stories", "rail". A camelCase
    /// word also gives its parts run together ("mostRead" gives "mostread" too), the
    /// way sites write the same name in one piece.
    static func tokens(_ value: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        var whole: [UInt8] = []
        var parts = 0
        var previousLower = false
        func flushPart() {
            guard !current.isEmpty else { return }
            tokens.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            parts += 1
        }
        func flushWord() {
            flushPart()
            if parts > 1 { tokens.append(String(decoding: whole, as: UTF8.self)) }
            whole.removeAll(keepingCapacity: true)
            parts = 0
        }
        for byte in value.utf8 {
            let upper = byte >= 65 && byte <= 90
            let lower = upper ? byte + 32 : byte
            if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                if upper && previousLower { flushPart() }
                current.append(lower)
                whole.append(lower)
                previousLower = !upper && lower >= 97
            } else {
                flushWord()
                previousLower = false
            }
        }
        flushWord()
        return tokens
    }
}
