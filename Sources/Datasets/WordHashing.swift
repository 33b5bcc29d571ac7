/// Keras's `hashing_trick` (what `one_hot(text, n)` calls): a word's id is its hash modulo
/// n − 1, plus 1, so that 0 stays free for padding. Words that share a bucket share an id, and
/// a model cannot tell them apart.
///
/// Keras hashes with Python's `hash`, which is salted anew in every process, so its buckets
/// change from run to run and cannot be reproduced. Here the hash is 64-bit FNV-1a over the
/// word's UTF-8 bytes: the same word lands in the same bucket in every run and on every machine.
public struct WordHashing: Sendable, Equatable {
    /// Ids, padding included: words land in 1..<buckets.
    public let buckets: Int

    /// At least 2 ids: padding and one bucket (Keras's n − 1 would otherwise be 0).
    public init(buckets: Int) {
        precondition(buckets >= 2, "hashing needs at least 2 ids, not \(buckets)")
        self.buckets = buckets
    }

    /// 64-bit FNV-1a of `word`'s UTF-8 bytes.
    public static func fnv1a(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The id of `word`: 1 + FNV-1a mod (buckets − 1).
    public func id(_ word: String) -> Int32 {
        Int32(Self.fnv1a(word) % UInt64(buckets - 1)) + 1
    }

    /// The ids of `tokens`, cut or padded with 0 at the end to `length` when given, as every
    /// text data set is (`pad_sequences(…, padding='post', truncating='post')`; Keras's default
    /// truncating is 'pre', which would cut a long text's start instead).
    public func encode(_ tokens: [String], length: Int? = nil) -> [Int32] {
        var out = tokens.prefix(length ?? tokens.count).map(id)
        if let length, out.count < length { out += repeatElement(Vocabulary.padding, count: length - out.count) }
        return out
    }

    /// The distinct words of `texts` in each bucket, in the order they first occur: `members[id]`
    /// (empty for padding and for buckets no word reached).
    public func members(of texts: [[String]]) -> [[String]] {
        var out = [[String]](repeating: [], count: buckets)
        var seen = Set<String>()
        for text in texts {
            for word in text where seen.insert(word).inserted { out[Int(id(word))].append(word) }
        }
        return out
    }
}
