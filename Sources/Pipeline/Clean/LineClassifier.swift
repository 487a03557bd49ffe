/// Judges a single line from its features: is it site furniture, and why?
///
/// It never looks at a line's neighbours; `TailRegion` adds the document-level view.
/// Every rule asks for two kinds of evidence, a vocabulary or pattern cue and a shape
/// that is not running prose (or prose that addresses the reader outside a quotation),
/// so an article sentence that merely mentions subscribers or cookies is kept.
enum LineClassifier {
    // Built once: a literal in `cue` would be an array built per line.
    private static let allRightsReserved = ["all", "rights", "reserved"]
    private static let yourLimit = ["your", "limit"]

    static func cue(for line: LineFeatures) -> LineCue? {
        guard let first = line.words.first else { return nil }
        let prose = line.isProse
        // Site voice: the line talks to the reader ("your limit", "our newsletter") and is
        // not reporting somebody's speech.
        let siteVoice = line.readerAddressWords > 0 && !line.hasQuotation
        let furnitureShape = !prose || siteVoice

        // A disclaimer is labelled as one: "Disclaimer: ...".
        if let label = line.labelWords, label <= 2, BoilerplateLexicon.disclaimerLabels.contains(first),
           first != "note" || line.wordCount <= 40 {
            return LineCue(reason: .disclaimer, strength: .strong)
        }
        if line.isShouting, line.wordCount <= 2, first == "disclaimer" {
            return LineCue(reason: .disclaimer, strength: .strong)
        }
        if prose, !siteVoice {
            // Running prose in the story's own voice: only labels and marks can make it
            // furniture, so the vocabulary checks below are skipped (most lines end here).
            if line.hasPlaceholder { return LineCue(reason: .templatePlaceholder, strength: .strong) }
            if let cue = productionCredit(line, first: first) { return cue }
            if line.hasCopyrightSign && line.wordCount <= 20 || line.contains(phrase: allRightsReserved) {
                return LineCue(reason: .other, strength: .strong)
            }
            return first == "subscribe" && line.wordCount <= 10 ? LineCue(reason: .subscription, strength: .strong) : nil
        }
        // Metering and paywall notices use their own set phrases.
        if BoilerplateLexicon.paywallPhrases.contains(where: line.contains(phrase:)), furnitureShape || line.hasPlaceholder {
            return LineCue(reason: line.hasPlaceholder || line.contains(phrase: yourLimit) ? .paywall : .subscription,
                           strength: .strong)
        }
        // An unfilled template placeholder never belongs to an article.
        if line.hasPlaceholder {
            return LineCue(reason: .templatePlaceholder, strength: .strong)
        }
        if let cue = crossReference(line, first: first) { return cue }
        if line.wordCount <= 2, !line.endsLikeSentence, line.words.allSatisfy(BoilerplateLexicon.adMarkers.contains) {
            return LineCue(reason: .other, strength: .strong)
        }
        // Copyright lines: "© 2019 Example Media", "Copyright ... All rights reserved".
        if line.hasCopyrightSign && line.wordCount <= 20 || first == "copyright" && !prose
            || line.contains(phrase: allRightsReserved) {
            return LineCue(reason: .other, strength: .strong)
        }
        if let cue = productionCredit(line, first: first) { return cue }
        if let cue = callToAction(line, first: first) { return cue }
        if furnitureShape {
            // Only words that pass the filter can be in any of the three sets below.
            let notice = line.words.filter {
                BoilerplateLexicon.noticeVocabulary.mayContain(slot: WordFilter.slot(of: $0))
            }
            if notice.contains(where: BoilerplateLexicon.cookieWords.contains) {
                return LineCue(reason: .cookieNotice, strength: .strong)
            }
            if notice.contains(where: BoilerplateLexicon.newsletterWords.contains) {
                return LineCue(reason: .newsletter, strength: .strong)
            }
            if notice.contains(where: BoilerplateLexicon.subscriptionWords.contains) || hasAccountAction(line) {
                return LineCue(reason: .subscription, strength: .strong)
            }
        }
        if isShareBar(line) {
            return LineCue(reason: .share, strength: .strong)
        }
        // Prices: a short line that is mostly a price, or a price per billing period.
        if line.prices > 0, !prose, line.wordCount <= 5 || line.hasBillingPeriod {
            return LineCue(reason: .subscription, strength: .strong)
        }
        if line.isDuration {
            return LineCue(reason: .subscription, strength: .weak)
        }
        return nil
    }

    /// Wire production credits: "Reporting by ...; Editing by ...", "Source: ...".
    private static func productionCredit(_ line: LineFeatures, first: String) -> LineCue? {
        guard line.wordCount <= 25, BoilerplateLexicon.creditOpenings.contains(where: { opening in
            opening.count > 1 ? line.words.starts(with: opening) : (first == opening[0] && line.labelWords == 1)
        }) else { return nil }
        return LineCue(reason: .agencyCredit, strength: .strong)
    }

    /// "Related:", "READ MORE: ...", "SEE OPINION", "Related stories".
    private static func crossReference(_ line: LineFeatures, first: String) -> LineCue? {
        guard BoilerplateLexicon.crossReferenceOpeners.contains(first), !line.isProse else { return nil }
        if let label = line.labelWords, label <= 2 {
            return LineCue(reason: .crossReference, strength: .strong)
        }
        if line.isShouting, line.wordCount <= 4 {
            return LineCue(reason: .crossReference, strength: .strong)
        }
        // "Related articles", "More stories", "Also read".
        if line.wordCount <= 3, !line.endsLikeSentence,
           line.words.dropFirst().contains(where: { $0 == "read" || $0 == "more" || $0.hasPrefix("stor") || $0.hasPrefix("article") || $0 == "also" || $0 == "coverage" || $0 == "reading" }) {
            return LineCue(reason: .crossReference, strength: .strong)
        }
        return nil
    }

    /// A short imperative addressed to the reader: "Subscribe now", "Read more",
    /// "Share this article", "Follow us on X".
    private static func callToAction(_ line: LineFeatures, first: String) -> LineCue? {
        guard var reason = BoilerplateLexicon.callToActionVerbs[first], line.wordCount <= 10 else { return nil }
        if line.hasQuotation { return nil }
        if first == "sign" || first == "log" {
            // Only "sign in/up/out" and "log in/out" are account actions.
            guard line.wordCount >= 2, ["in", "up", "out", "on"].contains(line.words[1]) else { return nil }
        }
        let marked = line.wordCount == 1 || line.isShouting || line.endsWithArrow || line.readerAddressWords > 0
            || line.words.dropFirst().contains(where: BoilerplateLexicon.callToActionMarkers.contains)
            || first == "subscribe"
        guard marked, !line.isProse || line.readerAddressWords > 0 || first == "subscribe" else { return nil }
        if line.words.contains(where: BoilerplateLexicon.newsletterWords.contains) { reason = .newsletter }
        return LineCue(reason: reason, strength: .strong)
    }

    /// "Already subscribed? Log in": an account action anywhere in a short line.
    private static func hasAccountAction(_ line: LineFeatures) -> Bool {
        guard line.wordCount <= 8 else { return false }
        let words = line.words
        for index in words.indices.dropLast() where words[index] == "log" || words[index] == "sign" {
            if words[index + 1] == "in" || words[index + 1] == "up" { return true }
        }
        return false
    }

    /// A line made only of sharing words and platform names: "Share: Facebook Twitter Email".
    private static func isShareBar(_ line: LineFeatures) -> Bool {
        guard line.wordCount >= 1, line.wordCount <= 12, !line.endsLikeSentence else { return false }
        return line.words.allSatisfy(BoilerplateLexicon.shareWords.contains)
            && line.words.contains { $0 != "on" && $0 != "this" && $0 != "article" && $0 != "story" && $0 != "us" && $0 != "via" }
    }
}
