/// The closest of `candidates` to `word`, when it is close enough to be a likely typo: a
/// candidate that starts with the word (two letters or more), or one within a small edit distance.
public func closest(to word: String, in candidates: [String]) -> String? {
    let lower = word.lowercased()
    if lower.count >= 2, let prefixed = candidates.first(where: { $0.hasPrefix(lower) }) { return prefixed }
    // Long words cannot be typos of short names; skip the quadratic distance for them.
    guard lower.count <= 64 else { return nil }
    let scored = candidates.map { ($0, editDistance(lower, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored else { return nil }
    return distance <= max(1, min(2, lower.count / 2)) ? best : nil
}

/// Levenshtein distance between two words.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var row = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = row
    }
    return previous[b.count]
}
