/// Settles a document's `language` from what the page declares and what
/// `LanguageIdentifier` finds in its text.
///
/// The choice: the declared tag (normalised to BCP 47, so a region stays: "pt-BR") when
/// detection agrees on the primary language or cannot judge; the detected language when
/// the page declares none; and the detected language when they disagree and the text is
/// long enough to be sure (`confidentLetters` letters of prose), since templates keep a
/// site-wide `lang="en"` on pages in other languages far more often than text misleads
/// the identifier. A declared value that is no language tag is dropped.
enum DocumentLanguage {
    /// Prose letters from which detection overrules a contradicting declaration.
    static let confidentLetters = 200

    /// Text to identify: the longer blocks of a page (paragraphs, not menus), or the
    /// whole text when it has no blocks.
    static func sample(text: String, blocks: [TextBlock]) -> String {
        guard !blocks.isEmpty else { return UTF8Scalars.prefix(of: text, scalars: 4000) }
        let scalars = text.unicodeScalars
        var sample = String.UnicodeScalarView()
        var taken = 0
        var index = scalars.startIndex
        var offset = 0
        for block in blocks where block.textScalars >= 60 && block.linkDensity < 0.3 && block.hint == nil {
            // Blocks come in order, so the walk over the text only moves forward.
            index = scalars.index(index, offsetBy: block.start - offset)
            offset = block.start
            let end = scalars.index(index, offsetBy: block.end - block.start)
            sample.append(contentsOf: scalars[index..<end])
            sample.append(" ")
            index = end
            offset = block.end
            // Counted as we go: a String's scalar count is a walk over all of it.
            taken += block.end - block.start + 1
            if taken >= 4000 { break }
        }
        return sample.isEmpty ? UTF8Scalars.prefix(of: text, scalars: 4000) : String(sample)
    }

    static func settle(declared: String?, sample: String, identifier: LanguageIdentifier = .shared) -> String? {
        let tag = declared.flatMap(LanguageTag.normalized)
        guard let detected = identifier.identify(sample) else { return tag }
        guard let tag else { return detected }
        if LanguageTag.primary(tag) == detected { return tag }
        // Chinese, Japanese and Korean are told apart by script: always sure.
        let letters = sample.unicodeScalars.lazy.filter { $0.properties.isAlphabetic }.count
        let sure = detected == "zh" || detected == "ja" || detected == "ko" || letters >= confidentLetters
        return sure ? detected : tag
    }
}
