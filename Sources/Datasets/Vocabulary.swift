/// Token ids for words: `<pad>` is 0, `<unk>` (any word not in it) is 1, then the words from
/// the most frequent down, ties in alphabetical order, so the same texts always give the
/// same ids.
public struct Vocabulary: Sendable, Equatable {
    /// The id that fills sequences out to their length.
    public static let padding: Int32 = 0
    /// The id of every word the vocabulary lacks.
    public static let unknown: Int32 = 1
    /// The words of ids 0 and 1.
    public static let paddingWord = "<pad>"
    public static let unknownWord = "<unk>"

    /// The word of each id, `<pad>` and `<unk>` first.
    public let words: [String]
    /// How often each word occurred in the texts it was built from; for `<unk>`, how many
    /// tokens were left out of it; 0 for `<pad>`.
    public private(set) var counts: [Int]
    private let ids: [String: Int32]

    /// Entries, `<pad>` and `<unk>` included.
    public var count: Int { words.count }

    /// A vocabulary of `words` in this order after `<pad>` and `<unk>`.
    public init(words: [String], counts: [Int]? = nil) {
        self.init(entries: [Self.paddingWord, Self.unknownWord] + words, counts: [0, 0] + (counts ?? [Int](repeating: 0, count: words.count)))
    }

    /// The entries of hashed ids: `<pad>`, then one per bucket, named `#1`, `#2`, …; there is
    /// no `<unk>`, since every word has a bucket. Encode words with the hashing, not with this.
    public init(hashing: WordHashing) {
        self.init(entries: [Self.paddingWord] + (1..<hashing.buckets).map { "#\($0)" }, counts: [Int](repeating: 0, count: hashing.buckets))
    }

    private init(entries: [String], counts: [Int]) {
        words = entries
        self.counts = counts
        var ids = [String: Int32]()
        for (i, w) in self.words.enumerated() where ids[w] == nil { ids[w] = Int32(i) }
        self.ids = ids
    }

    /// The words of `texts` seen at least `minCount` times, at most `maxEntries - 2` of them
    /// (the most frequent) when a size is given.
    public init(counting texts: [[String]], minCount: Int, maxEntries: Int? = nil) {
        var frequency = [String: Int]()
        var total = 0
        for text in texts {
            for token in text { frequency[token, default: 0] += 1 }
            total += text.count
        }
        var kept = frequency.filter { $0.value >= minCount }.sorted { a, b in
            a.value != b.value ? a.value > b.value : a.key < b.key
        }
        if let maxEntries, kept.count > maxEntries - 2 { kept.removeLast(kept.count - max(maxEntries - 2, 0)) }
        let inside = kept.reduce(0) { $0 + $1.value }
        self.init(words: kept.map(\.key), counts: kept.map(\.value))
        counts[1] = total - inside
    }

    /// The id of `word`, `<unk>`'s when it is not in the vocabulary.
    public func id(_ word: String) -> Int32 { ids[word] ?? Self.unknown }

    /// True when `word` has an id of its own.
    public func contains(_ word: String) -> Bool { ids[word] != nil }

    /// The word of `id`; `<unk>` for ids outside the vocabulary.
    public func word(_ id: Int32) -> String { words.indices.contains(Int(id)) ? words[Int(id)] : Self.unknownWord }

    /// The ids of `tokens`, cut or padded with `<pad>` at the end to `length` when given.
    public func encode(_ tokens: [String], length: Int? = nil) -> [Int32] {
        var out = tokens.prefix(length ?? tokens.count).map(id)
        if let length, out.count < length { out += repeatElement(Self.padding, count: length - out.count) }
        return out
    }

    /// The words of `ids` joined by spaces, leaving out `<pad>`.
    public func decode(_ ids: some Sequence<Int32>) -> String {
        ids.filter { $0 != Self.padding }.map(word).joined(separator: " ")
    }
}
