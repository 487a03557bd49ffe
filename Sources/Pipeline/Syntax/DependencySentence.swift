/// A gold sentence for training or scoring: words as the pipeline's tokenizer splits them,
/// with Penn Treebank tags, heads (-1 for the root) and UD relations.
public struct DependencySentence: Sendable, Equatable {
    public var words: [String]
    public var tags: [String]
    public var heads: [Int]
    public var labels: [String]

    public init(words: [String], tags: [String], heads: [Int], labels: [String]) {
        self.words = words; self.tags = tags; self.heads = heads; self.labels = labels
    }

    /// The same sentence as a tree.
    public var tree: SyntaxTree { SyntaxTree(words: words, tags: tags, heads: heads, labels: labels) }

    /// Every tag as the syntax models write it: one tag for double quotes (`''`), brackets as
    /// `-LRB-`/`-RRB-`, the first of a CoNLL-2003 alternative (`NN|SYM`).
    static func normalizedTag(_ tag: Substring) -> String {
        switch tag {
        case "``", "\"": return "''"
        case "(": return "-LRB-"
        case ")": return "-RRB-"
        default: return String(tag.split(separator: "|").first ?? tag)
        }
    }
}

/// Reads Universal Dependencies CoNLL-U files into sentences split the way the pipeline's
/// `Tokenizer` splits text, so training data matches what the parser is fed.
///
/// Each sentence's text is rebuilt from its surface tokens (multiword tokens such as `don't`
/// or `country's` as written, spaces from `SpaceAfter=No`) and tokenized; a multiword token
/// spelled as its words' concatenation gives each word its own span (`country` + `'s`). UD words and pipeline tokens that
/// overlap form groups: a group of several UD words becomes one token (`don't`, `anti-war`,
/// `I'm`) that takes the tag, head and relation of its word whose head lies outside the group;
/// a UD word the tokenizer splits (`1990s`) keeps its analysis on the first piece, and the
/// other pieces attach to it as `goeswith` with tag `GW`. Empty nodes (`8.1`) are skipped.
/// Promises: every sentence returned is a tree over the tokenizer's tokens of its text.
public struct UniversalDependenciesReader: Sendable {
    public init() {}

    public func read(_ text: String) -> [DependencySentence] {
        var sentences: [DependencySentence] = []
        var block: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || line == "\r" {
                if let s = sentence(block) { sentences.append(s) }
                block.removeAll()
            } else if !line.hasPrefix("#") {
                block.append(line)
            }
        }
        if let s = sentence(block) { sentences.append(s) }
        return sentences
    }

    private struct Word { var form: String; var tag: String; var head: Int; var label: String; var start = 0; var end = 0 }

    private func sentence(_ lines: [Substring]) -> DependencySentence? {
        var words: [Word] = []
        // Surface tokens: (form, UD word range, space after).
        var surface: [(form: String, first: Int, last: Int, space: Bool)] = []
        var coveredUntil = 0
        for line in lines {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 10 else { continue }
            let id = columns[0]
            let space = !columns[9].contains("SpaceAfter=No")
            if let dash = id.firstIndex(of: "-") {
                guard let a = Int(id[..<dash]), let b = Int(id[id.index(after: dash)...]) else { continue }
                surface.append((String(columns[1]), a - 1, b - 1, space))
                coveredUntil = b
                continue
            }
            guard let n = Int(id) else { continue }  // empty nodes "8.1"
            guard let head = Int(columns[6]) else { return nil }
            words.append(Word(form: String(columns[1]), tag: DependencySentence.normalizedTag(columns[4]),
                              head: head - 1, label: String(columns[7])))
            if n > coveredUntil { surface.append((String(columns[1]), n - 1, n - 1, space)) }
        }
        guard !words.isEmpty else { return nil }
        // Rebuild the text, noting each UD word's scalar range.
        var text: [Unicode.Scalar] = []
        for (k, token) in surface.enumerated() {
            let start = text.count
            text.append(contentsOf: token.form.unicodeScalars)
            let parts = (token.first...token.last).filter { $0 < words.count }
            if parts.count > 1, parts.map({ words[$0].form }).joined() == token.form {
                // A multiword token spelled as its words ("country's" = country + 's): each word its own span.
                var at = start
                for w in parts { words[w].start = at; at += words[w].form.unicodeScalars.count; words[w].end = at }
            } else {
                for w in parts { words[w].start = start; words[w].end = text.count }
            }
            if token.space && k + 1 < surface.count { text.append(" ") }
        }
        let tokens = Tokenizer().tokenize(text)
        guard !tokens.isEmpty else { return nil }
        // Union-find over UD words (0..<W) and tokens (W..<W+T), joined where they overlap.
        let W = words.count, T = tokens.count
        var parent = Array(0..<(W + T))
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        var t = 0
        for w in 0..<W {
            while t < T && tokens[t].end <= words[w].start { t += 1 }
            var k = t
            while k < T && tokens[k].start < words[w].end {
                let a = find(w), b = find(W + k)
                if a != b { parent[a] = b }
                k += 1
            }
        }
        // Groups in text order: for each token, its group's UD words.
        var groupOfWord = [Int](repeating: -1, count: W)
        var groups: [(words: [Int], tokens: [Int])] = []
        var groupIndex: [Int: Int] = [:]
        for k in 0..<T {
            let root = find(W + k)
            if let g = groupIndex[root] { groups[g].tokens.append(k) } else { groupIndex[root] = groups.count; groups.append(([], [k])) }
        }
        for w in 0..<W {
            guard let g = groupIndex[find(w)] else { return nil }  // a word no token covers
            groups[g].words.append(w)
            groupOfWord[w] = g
        }
        // The first token of each group is its head; later tokens of a group follow it.
        var firstToken = [Int](repeating: 0, count: groups.count)
        var position = 0
        for (g, group) in groups.enumerated() { firstToken[g] = position; position += group.tokens.count }
        var out = DependencySentence(words: [], tags: [], heads: [], labels: [])
        for (g, group) in groups.enumerated() {
            guard !group.words.isEmpty else { return nil }
            let representative = group.words.first { w in
                words[w].head < 0 || groupOfWord[words[w].head] != g
            } ?? group.words[0]
            let r = words[representative]
            for (k, token) in group.tokens.enumerated() {
                out.words.append(tokens[token].text)
                if k == 0 {
                    out.tags.append(r.tag)
                    out.heads.append(r.head < 0 ? -1 : firstToken[groupOfWord[r.head]])
                    out.labels.append(r.label)
                } else {
                    out.tags.append("GW")
                    out.heads.append(firstToken[g])
                    out.labels.append("goeswith")
                }
            }
        }
        return Self.isTree(out.heads) ? out : nil
    }

    /// Every head in range and one root, reached from every word without a cycle.
    static func isTree(_ heads: [Int]) -> Bool {
        guard heads.filter({ $0 == -1 }).count == 1 else { return false }
        for start in heads.indices {
            var at = start, steps = 0
            while heads[at] != -1 {
                at = heads[at]
                guard at >= 0 && at < heads.count else { return false }
                steps += 1
                if steps > heads.count { return false }
            }
        }
        return true
    }
}

/// Reads the token and part-of-speech columns of CoNLL-2003 files (`token POS chunk NER`),
/// one sentence per blank-line-separated block, skipping `-DOCSTART-`; tags normalised as
/// `DependencySentence.normalizedTag` says.
public struct CoNLLPartOfSpeechReader: Sendable {
    public init() {}

    public func read(_ text: String) -> [(words: [String], tags: [String])] {
        var sentences: [(words: [String], tags: [String])] = []
        var words: [String] = [], tags: [String] = []
        func flush() {
            if !words.isEmpty { sentences.append((words, tags)) }
            words = []; tags = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let columns = line.split(separator: " ")
            if columns.count < 2 { flush(); continue }
            if columns[0] == "-DOCSTART-" { flush(); continue }
            words.append(String(columns[0]))
            tags.append(DependencySentence.normalizedTag(columns[1]))
        }
        flush()
        return sentences
    }
}
