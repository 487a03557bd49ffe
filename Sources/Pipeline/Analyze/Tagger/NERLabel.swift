/// The four CoNLL-2003 entity labels the sequence tagger predicts.
public enum NERLabel: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case person = 0, organization, location, miscellaneous

    public var description: String {
        switch self {
        case .person: "PER"
        case .organization: "ORG"
        case .location: "LOC"
        case .miscellaneous: "MISC"
        }
    }

    /// The label of a CoNLL or UNER tag body ("PER", "ORG", "LOC", "MISC"), if known.
    public init?(conll name: Substring) {
        switch name {
        case "PER": self = .person
        case "ORG": self = .organization
        case "LOC": self = .location
        case "MISC": self = .miscellaneous
        default: return nil
        }
    }
}

/// One BIO tag as a small integer: 0 is O, then B and I for each `NERLabel`.
///
/// Promises: `rawValue` is in `0..<BIOTag.count`, so tags index weight rows directly.
public struct BIOTag: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public static let count = 1 + 2 * NERLabel.allCases.count
    public static let outside = BIOTag(rawValue: 0)

    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static func begin(_ label: NERLabel) -> BIOTag { BIOTag(rawValue: 1 + 2 * label.rawValue) }
    public static func inside(_ label: NERLabel) -> BIOTag { BIOTag(rawValue: 2 + 2 * label.rawValue) }

    public var label: NERLabel? { rawValue == 0 ? nil : NERLabel(rawValue: (rawValue - 1) / 2) }
    public var isBegin: Bool { rawValue != 0 && rawValue % 2 == 1 }
    public var isInside: Bool { rawValue != 0 && rawValue % 2 == 0 }

    /// Whether this tag may follow `previous` in a well-formed BIO sequence (I-X only after B-X or I-X).
    public func canFollow(_ previous: BIOTag) -> Bool {
        guard isInside else { return true }
        return previous.label == label
    }

    public var description: String {
        guard let label else { return "O" }
        return (isBegin ? "B-" : "I-") + label.description
    }
}
