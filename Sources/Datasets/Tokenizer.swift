import Options
/// Splits text into tokens: lower case, words, clitics, and the punctuation `punctuation` keeps.
///
/// The rule, applied the same way to every file:
/// - Text is lower-cased. A word is a run of letters and digits; anything else ends it.
/// - Clitics are tokens of their own, as in the Penn Treebank and in TREC_10's own spacing:
///   `'s 're 've 'll 'd 'm` after a word (`what's` → `what 's`, TREC_10's `Australia 's` →
///   `australia 's`), and `n't`, taking the `n` from the word before (`can't` → `ca n't`,
///   `don 't` and `do n't` → `do n't`). An apostrophe is one only when the clitic ends there
///   (`o'clock` is `o ' clock`); `’` counts as an apostrophe.
/// - Every other character that is not a space is a punctuation token, kept or dropped by
///   `punctuation`. The default keeps question marks only: the two TREC files write quotes,
///   commas in numbers and abbreviations' dots differently (`1 , 000`, `` ` qigong' ``), while
///   `?` ends a question in both. With it, TREC's training questions give the reference
///   vocabulary: 3,501 entries for words seen at least twice.
public struct Tokenizer: Sendable, Equatable {
    /// Which punctuation characters become tokens.
    public enum Punctuation: String, ChoiceValue {
        /// `?` only.
        case question
        /// Every punctuation character, each a token.
        case all
        /// None: words and clitics only.
        case none
    }

    public var punctuation: Punctuation

    /// A tokenizer keeping the punctuation `punctuation` says (question marks by default).
    public init(punctuation: Punctuation = .question) { self.punctuation = punctuation }

    static let clitics: [String] = ["s", "re", "ve", "ll", "d", "m", "t"]

    /// The tokens of `text`, in order.
    public func tokens(_ text: String) -> [String] {
        let scalars = Array(text.lowercased().unicodeScalars)
        var out = [String]()
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty { out.append(String(word)) }
            word = String.UnicodeScalarView()
        }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if Self.isWordScalar(c) {
                word.append(c)
                i += 1
                continue
            }
            endWord()
            if c == "'" || c == "\u{2019}", let clitic = clitic(in: scalars, after: i) {
                if clitic == "t" {
                    // n't takes its n from the word before; without one it is ' and t.
                    if let last = out.last, last.hasSuffix("n"), last.unicodeScalars.allSatisfy(Self.isWordScalar) {
                        out[out.count - 1].removeLast()
                        if out[out.count - 1].isEmpty { out.removeLast() }
                        out.append("n't")
                    } else {
                        if punctuation == .all { out.append("'") }
                        out.append("t")
                    }
                } else {
                    out.append("'" + clitic)
                }
                i += 1 + clitic.unicodeScalars.count
                continue
            }
            if !c.properties.isWhitespace, keeps(c) { out.append(String(c)) }
            i += 1
        }
        endWord()
        return out
    }

    /// The clitic spelled after the apostrophe at `index`, when it ends there.
    private func clitic(in scalars: [Unicode.Scalar], after index: Int) -> String? {
        for clitic in Self.clitics {
            let letters = Array(clitic.unicodeScalars)
            let end = index + 1 + letters.count
            guard end <= scalars.count, Array(scalars[index + 1 ..< end]) == letters else { continue }
            if end == scalars.count || !Self.isWordScalar(scalars[end]) { return clitic }
        }
        return nil
    }

    private func keeps(_ c: Unicode.Scalar) -> Bool {
        switch punctuation {
        case .question: return c == "?"
        case .all: return true
        case .none: return false
        }
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        let p = c.properties
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark:
            return true
        default:
            return false
        }
    }
}
