/// What the classifier concluded about one line that is not article text.
struct LineCue: Sendable, Hashable {
    enum Strength: Sendable, Hashable {
        /// Boilerplate on its own evidence, wherever it stands; it may also open a tail region.
        case strong
        /// Boilerplate only inside a tail region ("3 Months" means nothing alone).
        case weak
    }

    var reason: BoilerplateReason
    var strength: Strength
}
