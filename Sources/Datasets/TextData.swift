/// What a text data set knows beyond its token ids: the vocabulary, each example's text as
/// the file wrote it, how many tokens it had before it was cut or padded, how many of them
/// the vocabulary lacks, and TREC's fine labels. Per-example arrays follow `Dataset.subset`.
public struct TextData: Sendable {
    /// Built from the training texts only; the test set shares it.
    public var vocabulary: Vocabulary
    /// How the texts were split into tokens; apply it to new text to encode it alike.
    public var tokenizer: Tokenizer
    /// Tokens an example: longer texts are cut at the end, shorter ones padded at the end.
    public var length: Int
    /// Each example's text, as the file wrote it after its label.
    public var texts: [String]
    /// Each example's number of tokens before cutting or padding.
    public var tokenCounts: [Int]
    /// Each example's tokens that the vocabulary lacks (`<unk>`), counted before cutting.
    public var unknownCounts: [Int]
    /// TREC's fine label of each example (50 classes such as `HUM:ind`), or nil.
    public var fineLabels: [Int]?
    /// The names the fine labels index (empty without fine labels).
    public var fineClassNames: [String]
    /// How words became ids when they were hashed into buckets (`data … hash=N`) rather than
    /// numbered by `vocabulary`, which then names the buckets.
    public var hashing: WordHashing?

    /// Text information for examples whose ids `vocabulary` gave.
    public init(vocabulary: Vocabulary, tokenizer: Tokenizer, length: Int, texts: [String], tokenCounts: [Int],
                unknownCounts: [Int], fineLabels: [Int]? = nil, fineClassNames: [String] = [], hashing: WordHashing? = nil) {
        self.vocabulary = vocabulary
        self.tokenizer = tokenizer
        self.length = length
        self.texts = texts
        self.tokenCounts = tokenCounts
        self.unknownCounts = unknownCounts
        self.fineLabels = fineLabels
        self.fineClassNames = fineClassNames
        self.hashing = hashing
    }

    /// The ids of `tokens` as this data numbered its own: hashed, or by the vocabulary; cut or
    /// padded to `length` when given.
    public func encode(_ tokens: [String], length: Int? = nil) -> [Int32] {
        hashing?.encode(tokens, length: length) ?? vocabulary.encode(tokens, length: length)
    }

    /// Whether `word` gets an id of its own: always, when words are hashed.
    public func knows(_ word: String) -> Bool { hashing != nil || vocabulary.contains(word) }

    /// All tokens of all examples, before cutting.
    public var tokenTotal: Int { tokenCounts.reduce(0, +) }
    /// Tokens not in the vocabulary, before cutting.
    public var outOfVocabularyTokens: Int { unknownCounts.reduce(0, +) }
    /// Examples longer than `length`, which lose their end.
    public var cutExamples: Int { tokenCounts.filter { $0 > length }.count }

    /// How many examples have each number of tokens: `lengthHistogram[n]` examples have n.
    public var lengthHistogram: [Int] {
        var counts = [Int](repeating: 0, count: (tokenCounts.max() ?? 0) + 1)
        for n in tokenCounts { counts[n] += 1 }
        return counts
    }

    func subset(_ indices: [Int]) -> TextData {
        var copy = self
        copy.texts = indices.map { texts[$0] }
        copy.tokenCounts = indices.map { tokenCounts[$0] }
        copy.unknownCounts = indices.map { unknownCounts[$0] }
        copy.fineLabels = fineLabels.map { f in indices.map { f[$0] } }
        return copy
    }

    var memoryBytes: Int { texts.reduce(0) { $0 + $1.utf8.count } + tokenCounts.count * 24 }
}
