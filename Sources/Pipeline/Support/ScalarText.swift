/// A string viewed as an array of Unicode scalars, the unit every contract offset counts.
///
/// Swift's `String` indexes by grapheme cluster; the contract indexes by code point, as
/// Python's `str` does. Stages that compute offsets work on this view.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]

    public init(_ string: String) {
        scalars = Array(string.unicodeScalars)
    }

    public init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    public var count: Int { scalars.count }

    /// The text of `start..<end`, clamped to the text's bounds.
    public func slice(_ start: Int, _ end: Int) -> String {
        let lo = max(0, min(start, scalars.count))
        let hi = max(lo, min(end, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    public var string: String {
        slice(0, scalars.count)
    }
}
