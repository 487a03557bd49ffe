/// A name reduced to what makes it the same name: lower case, letters and digits only,
/// words separated by one space, a leading "the" dropped.
///
/// So "U.S." and "US", "Washington, D.C." and "washington dc", "The New York Times" and
/// "New York Times" compare equal, while "Li Wei" and "LiWie" stay different
/// (the gold lists misspellings as mention forms, and the scorer accepts those).
struct ActorName: Hashable, Sendable {
    let key: String

    init(_ name: String) {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else if scalar == "." || scalar == "'" || scalar == "\u{2019}" {
                // "U.S." -> "us", "People's" -> "peoples": joiners, not separators.
                continue
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        if words.count > 1, words[0] == "the" { words.removeFirst() }
        key = words.joined(separator: " ")
    }
}
