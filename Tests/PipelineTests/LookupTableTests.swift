import Testing
@testable import Pipeline

/// The word tables keep the promises written beside them: each answers exactly what the
/// `Dictionary` or `Set` it stands for would.
@Suite struct LookupTableTests {
    /// A few thousand words, some sharing prefixes, some long, some non-ASCII.
    static let words: [String] = {
        var generator = SplitMix(seed: 14)
        let letters = Array("abcdefghijklmnopqrstuvwxyzéü’")
        return (0..<3000).map { _ in
            let length = 1 + Int(generator.next() % 12)
            return String((0..<length).map { _ in letters[Int(generator.next() % UInt64(letters.count))] })
        }
    }()

    @Test func wordTableAnswersAsItsDictionary() {
        var source: [String: Int] = [:]
        for (i, word) in Self.words.enumerated() where i % 2 == 0 { source[word] = i }
        let table = WordTable(source)
        for word in Self.words + ["", "not-in-it", "ZZZ"] { #expect(table[word] == source[word], "\(word)") }
    }

    @Test func packedWordTableAnswersAsItsDictionaryForShortWords() {
        var source: [String: Int] = [:]
        for (i, word) in Self.words.enumerated() where i % 2 == 0 { source[word] = i }
        let table = PackedWordTable(source)
        for word in Self.words {
            let bytes = Array(word.utf8)
            let found = bytes.withUnsafeBufferPointer { table.value(for: $0) }
            #expect(found == (bytes.count <= 8 ? source[word] : nil), "\(word)")
        }
    }

    @Test func aTokensPackedBytesAreItsFoldedWord() {
        let text = "Canada’s envoy didn't say We’ve, face-to-face; Zürich's U.S. internationally (2026)."
        let tokens = WordTokenizer.tokens(of: Array(text.unicodeScalars))
        #expect(tokens.contains { $0.packed != 0 })
        for token in tokens {
            let bytes = Array(token.folded.utf8)
            let packable = (1...8).contains(bytes.count) && bytes.allSatisfy { $0 != 0 && $0 < 0x80 }
            let expected = packable ? bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) } : 0
            #expect(token.packed == expected, "\(token.folded)")
            #expect(token.packed == 0 || token.packedLength == bytes.count, "\(token.folded)")
        }
    }

    @Test func labelCountTableSumsAsADictionary() {
        var generator = SplitMix(seed: 7)
        var table = LabelCountTable()
        var source: [UInt64: SIMD4<Int32>] = [:]
        // Few distinct keys with many adds each, and keys that differ only in high bits.
        let keys = (0..<500).map { i in i % 2 == 0 ? generator.next() : UInt64(i) << 40 }
        for _ in 0..<5000 {
            let key = keys[Int(generator.next() % UInt64(keys.count))], label = Int(generator.next() % 4)
            table.add(key, label: label)
            source[key, default: .zero][label] += 1
        }
        #expect(table.count == source.count)
        for key in keys { #expect(table.counts(of: key) == source[key]) }
        #expect(table.counts(of: 12345) == nil)
    }

    /// `LexiconClasses.of` holds a class exactly when `NameLexicon`'s list holds the word.
    @Test func gramIndexAnswersAsItsDictionary() {
        var generator = SplitMix(seed: 21)
        var source: [UInt64: Range<Int32>] = [:]
        var probes: [UInt64] = []
        // Keys as `LanguageIdentifier.key(of:)` packs 1- to 3-grams (scalars plus one, 21
        // bits each), close together as one alphabet's grams are; every other one listed.
        for i in 0..<4000 {
            let a = 0x62 + generator.next() % 40, b = 0x62 + generator.next() % 40, c = 0x3B2 + generator.next() % 60
            let key = i % 3 == 0 ? a : i % 3 == 1 ? a << 21 | b : a << 42 | b << 21 | c
            probes.append(key)
            if i % 2 == 0 {
                let lower = Int32(i)
                source[key] = lower..<(lower + Int32(generator.next() % 5))
            }
        }
        let index = GramIndex(source)
        for key in probes + [1, 0x20 << 21 | 0x20, UInt64.max >> 1] {
            #expect(index.range(of: key) == source[key], "\(key)")
        }
    }

    @Test func lexiconClassesAreNameLexiconsLists() {
        let lists: [(LexiconClasses, Set<String>)] = [
            (.month, Set(NameLexicon.months.keys)), (.weekday, Set(NameLexicon.weekdays.keys)),
            (.functionWord, NameLexicon.functionWords), (.pronoun, NameLexicon.pronouns),
            (.titleHead, NameLexicon.titleHeads), (.titleModifier, NameLexicon.titleModifiers),
            (.honorific, NameLexicon.honorifics),
        ]
        let every = lists.reduce(into: Set<String>()) { $0.formUnion($1.1) }
        for word in every.union(["harbour", "The", "MAY", ""]) {
            for (kind, list) in lists {
                #expect(LexiconClasses.of(word).contains(kind) == list.contains(word), "\(word)")
            }
        }
    }
}
