/// A sentence's words with their parts of speech and dependency tree.
///
/// Promises: `words`, `tags`, `heads` and `labels` have one entry per word; each head is
/// another word's index or -1 for the root, and following heads from any word reaches the
/// root without a cycle. Labels are Universal Dependencies relations as English Web Treebank
/// writes them, subtypes included (`nmod:poss`, `obl:agent`, `nsubj:pass`); `relation(of:)`
/// gives the part before the colon.
public struct SyntaxTree: Sendable, Equatable {
    public let words: [String]
    /// Penn Treebank tags (NNP, VBD, ...), with `''` for every double quote.
    public let tags: [String]
    /// The index of each word's head; -1 for the root.
    public let heads: [Int]
    /// UD relations: nsubj, obj, iobj, obl, nmod, nmod:poss, conj, cc, appos, ccomp, xcomp,
    /// aux, aux:pass, nsubj:pass, case, det, amod, compound, mark, advcl, acl, acl:relcl,
    /// punct, root, ...
    public let labels: [String]

    public init(words: [String], tags: [String], heads: [Int], labels: [String]) {
        precondition(words.count == tags.count && words.count == heads.count && words.count == labels.count)
        self.words = words; self.tags = tags; self.heads = heads; self.labels = labels
    }

    public var count: Int { words.count }

    /// The words whose head is `i`, in sentence order.
    public func children(of i: Int) -> [Int] {
        heads.indices.filter { heads[$0] == i }
    }

    /// The children of `i` whose relation is `label` exactly.
    public func children(of i: Int, labeled label: String) -> [Int] {
        heads.indices.filter { heads[$0] == i && labels[$0] == label }
    }

    /// The index of the root word, or nil for an empty sentence.
    public var root: Int? { heads.firstIndex(of: -1) }

    /// The universal relation of word `i` without its subtype: `nmod` for `nmod:poss`.
    public func relation(of i: Int) -> Substring {
        labels[i].split(separator: ":", maxSplits: 1).first ?? Substring(labels[i])
    }
}

extension SyntaxTree {
    /// One line per word, CoNLL-U style: number, word, tag, head number (0 the root), relation.
    public var conllu: String {
        words.indices.map { i in "\(i + 1)\t\(words[i])\t\(tags[i])\t\(heads[i] + 1)\t\(labels[i])" }.joined(separator: "\n")
    }
}
