import Synchronization

/// What a site prints around every article: short blocks (lines, headings, link rows)
/// that recur verbatim in many documents from the same site or source.
///
/// Promises:
/// - It counts, per site and block fingerprint, the distinct documents that held the
///   block; a document (by its sha256) is counted once, however often it is observed.
/// - A block is furniture for a document when at least `minimumDocuments` *other*
///   documents of the same site held it before; `observe` decides that and records the
///   document in one step under one lock, so concurrent clean workers never both miss
///   or double-count a document.
/// - Only short blocks (at most `maximumWords` words) have a fingerprint: long prose that
///   repeats (a syndicated paragraph, a correction) is never furniture.
///
/// The index lives in memory; `ArticleStore` keeps the counts in `furniture_fingerprints`
/// and warms a fresh index with `loadFurniture(into:minimumDocuments:)`.
public final class SiteFurniture: Sendable {
    /// Blocks longer than this (in words) are prose, never furniture. Furniture is short
    /// ("Follow us on …", a copyright or newsletter line is 5 to 20 words); one-sentence
    /// news paragraphs run 20 to 40 words and do repeat verbatim across the updated
    /// versions of a wire story, which must not lose them.
    public static let maximumWords = 25

    /// Distinct earlier documents of a site that must hold a block for it to be furniture.
    public let minimumDocuments: Int

    /// Entries kept in memory before blocks seen in a single document are forgotten.
    public let capacity: Int

    private struct Key: Hashable {
        /// The site, interned: a few bytes per entry instead of a string.
        var site: UInt32
        var fingerprint: UInt64
    }

    private struct State {
        var sites: [String: UInt32] = [:]
        var documents: [Key: Int32] = [:]
        /// Documents already counted (the first 64 bits of their sha256), so a file seen
        /// twice in one run does not count twice.
        var observed: Set<UInt64> = []

        mutating func site(_ name: String) -> UInt32 {
            if let id = sites[name] { return id }
            let id = UInt32(sites.count)
            sites[name] = id
            return id
        }

        /// Bounds memory in a long-running daemon: most short lines are a story's own
        /// (its headline, a quote) and are seen once; they are dropped first. The store
        /// keeps their counts, so only this process's view of them starts again.
        mutating func forgetRareBlocks(capacity: Int) {
            guard documents.count > capacity else { return }
            var floor: Int32 = 1
            while documents.count > capacity / 2, floor < Int32.max {
                documents = documents.filter { $0.value > floor }
                floor += 1
            }
        }
    }

    private let state = Mutex(State())

    /// - Parameters:
    ///   - minimumDocuments: distinct earlier documents that make a block furniture (>= 1).
    ///   - capacity: (site, block) entries kept in memory before rare ones are forgotten.
    public init(minimumDocuments: Int = 3, capacity: Int = 2_000_000) {
        self.minimumDocuments = max(1, minimumDocuments)
        self.capacity = max(1, capacity)
    }

    /// The fingerprints among `fingerprints` that were furniture of `site` before this
    /// document, then counts the document (once) for each distinct fingerprint.
    public func observe(site: String, document sha256: String, fingerprints: [UInt64]) -> Set<UInt64> {
        let distinct = Set(fingerprints)
        let identity = Self.identity(of: sha256)
        return state.withLock { state in
            let firstTime = state.observed.insert(identity).inserted
            let siteID = state.site(site)
            var furniture: Set<UInt64> = []
            for fingerprint in distinct {
                let key = Key(site: siteID, fingerprint: fingerprint)
                let seen = Int(state.documents[key] ?? 0)
                // A document seen again must not count itself among the others.
                if (firstTime ? seen : seen - 1) >= minimumDocuments { furniture.insert(fingerprint) }
                if firstTime { state.documents[key] = Int32(clamping: seen + 1) }
            }
            state.forgetRareBlocks(capacity: capacity)
            return furniture
        }
    }

    /// Whether `fingerprint` is furniture of `site` for a document not yet observed.
    public func isFurniture(site: String, fingerprint: UInt64) -> Bool {
        documents(site: site, fingerprint: fingerprint) >= minimumDocuments
    }

    /// The number of distinct documents of `site` that held `fingerprint`.
    public func documents(site: String, fingerprint: UInt64) -> Int {
        state.withLock { state in
            guard let id = state.sites[site] else { return 0 }
            return Int(state.documents[Key(site: id, fingerprint: fingerprint)] ?? 0)
        }
    }

    /// Adds counts kept elsewhere (the store); a count never goes down.
    public func load(site: String, fingerprint: UInt64, documents: Int) {
        state.withLock { state in
            let key = Key(site: state.site(site), fingerprint: fingerprint)
            state.documents[key] = max(state.documents[key] ?? 0, Int32(clamping: documents))
        }
    }

    /// The first 64 bits of a hex digest; any other name is hashed whole (FNV-1a).
    static func identity(of sha256: String) -> UInt64 {
        var value: UInt64 = 0
        var digits = 0
        for byte in sha256.utf8.prefix(16) {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte - 0x30
            case 0x61...0x66: nibble = byte - 0x61 + 10
            default: nibble = 0xFF
            }
            if nibble == 0xFF { break }
            value = value << 4 | UInt64(nibble)
            digits += 1
        }
        if digits == 16 { return value }
        var hash = FNV1a.offsetBasis
        for byte in sha256.utf8 { hash = FNV1a.step(hash, UInt64(byte)) }
        return hash
    }

    // MARK: - Site keys and fingerprints

    /// The site a document belongs to: the host of its URL when known, else its site
    /// name, else the folder of its source path (files dropped together share a source).
    public static func site(of document: DecodedDocument) -> String {
        if let url = document.metadata.url, let host = host(of: url) { return host }
        if let name = document.metadata.siteName?.trimmingWhitespace(), !name.isEmpty {
            return "name:" + name.lowercased()
        }
        let path = document.source.path
        guard let slash = path.lastIndex(of: "/") else { return "folder:." }
        return "folder:" + path[..<slash]
    }

    /// The lower-cased host of an absolute URL ("https://www.Example.com:8080/a" ->
    /// "example.com"), without a leading "www.", or `nil` when there is none.
    static func host(of url: String) -> String? {
        let characters = Array(url)
        var start: Int?
        for index in 0..<max(0, characters.count - 2)
        where characters[index] == ":" && characters[index + 1] == "/" && characters[index + 2] == "/" {
            start = index + 3
            break
        }
        guard let start else { return nil }
        var rest = Substring(String(characters[start...]))
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        var host = rest.lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host.isEmpty ? nil : host
    }

    /// The fingerprint of a block: 64-bit FNV-1a of its text folded to lower case, with
    /// runs of whitespace and of digits each collapsed to one, so "© 2024" and "© 2025"
    /// or a shifted space are the same block. `nil` for an empty block or one longer than
    /// `maximumWords` words.
    public static func fingerprint(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64? {
        var hash = FNV1a.offsetBasis
        var words = 0
        var pendingSpace = false
        var inDigits = false
        var inWord = false
        for scalar in scalars {
            if ScalarClass.isWhitespace(scalar) {
                pendingSpace = words > 0
                inDigits = false
                inWord = false
                continue
            }
            if !inWord {
                words += 1
                if words > maximumWords { return nil }
                inWord = true
            }
            if pendingSpace {
                hash = FNV1a.step(hash, 0x20)
                pendingSpace = false
            }
            let value = scalar.value
            if value >= 0x30, value <= 0x39 {
                if inDigits { continue }
                inDigits = true
                hash = FNV1a.step(hash, 0x30)
                continue
            }
            inDigits = false
            var folded = value
            if value >= 0x41, value <= 0x5A {
                folded = value | 0x20
            } else if value >= 0x80, scalar.properties.changesWhenLowercased,
                      let lower = scalar.properties.lowercaseMapping.unicodeScalars.first {
                folded = lower.value
            }
            // Every byte of the scalar value, so non-ASCII scalars spread over the hash.
            var remaining = folded
            repeat {
                hash = FNV1a.step(hash, UInt64(remaining & 0xFF))
                remaining >>= 8
            } while remaining != 0
        }
        return words == 0 ? nil : hash
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !ScalarClass.isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !ScalarClass.isWhitespace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
