import Foundation

/// Text files as data sets: one text a line, tokenised, numbered by a vocabulary built from
/// the training texts, cut or padded at the end to a fixed length.
///
/// A file's lines are read in one of three forms, detected from all of them:
/// - TREC's `COARSE:fine text` (`HUM:ind Who killed Gandhi ?`): the coarse label is the
///   class, the fine label (`HUM:ind`) is kept in `TextData.fineLabels`;
/// - `LABEL<TAB>text`;
/// - plain text, unlabelled.
/// Lines of mixed forms are refused. Blank lines are skipped (and counted in the notes).
public enum TextCorpus {
    /// Which form a file's lines were read in.
    public enum Format: String, Sendable {
        case trec = "TREC's COARSE:fine text"
        case tabbed = "LABEL<tab>text"
        case plain = "plain text, one a line"
    }

    /// A file's texts and labels, before tokenising.
    struct RawText {
        var source: String
        var format: Format
        var texts: [String]
        var labels: [String]?
        var fineLabels: [String]?
        var notes: [String]

        var count: Int { texts.count }

        func subset(_ indices: [Int]) -> RawText {
            var copy = self
            copy.texts = indices.map { texts[$0] }
            copy.labels = labels.map { l in indices.map { l[$0] } }
            copy.fineLabels = fineLabels.map { l in indices.map { l[$0] } }
            return copy
        }
    }

    /// True for the file names read as text: `.txt`, `.txt.gz`, `.label` (TREC's).
    public static func isTextPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".txt", ".txt.gz", ".label", ".label.gz"].contains { lower.hasSuffix($0) }
    }

    /// Reads a text file, gzip-compressed or not.
    static func read(_ path: String) throws -> RawText {
        try parse(ByteSource(path: path).readAll(), path: path)
    }

    static func parse(_ file: [UInt8], path: String) throws -> RawText {
        if let bad = Lines.firstInvalidUTF8(file) {
            let line = file[..<bad].filter { $0 == 0x0A }.count + 1
            throw DataError.badText(path, line: line, reason: "not UTF-8 text (byte \(bad)); save the file as UTF-8")
        }
        var bytes = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let ranges = Lines.ranges(bytes)
        let lines = ranges.enumerated().compactMap { n, r -> (number: Int, text: String)? in
            Lines.isBlank(bytes[r]) ? nil : (n + 1, String(decoding: bytes[r], as: UTF8.self))
        }
        guard !lines.isEmpty else { throw DataError.badText(path, line: 1, reason: "the file is empty; a text file holds one text a line") }
        var notes = [String]()
        let blank = ranges.count - lines.count
        if blank > 0 { notes.append("skipped \(blank) blank line\(blank == 1 ? "" : "s")") }

        let trec = lines.map { trecParts($0.text) }
        let trecCount = trec.filter { $0 != nil }.count
        let tabbed = lines.map { tabParts($0.text) }
        let tabCount = tabbed.filter { $0 != nil }.count
        if trecCount == lines.count {
            let parts = trec.map { $0! }
            for (line, p) in zip(lines, parts) where p.text.isEmpty {
                throw DataError.badText(path, line: line.number, reason: "no text after the label \(p.coarse):\(p.fine)")
            }
            notes.insert("read: \(lines.count) texts in \(Format.trec.rawValue) form; the coarse labels are the classes, the fine ones are kept beside them", at: 0)
            return RawText(source: path, format: .trec, texts: parts.map(\.text), labels: parts.map(\.coarse),
                         fineLabels: parts.map { "\($0.coarse):\($0.fine)" }, notes: notes)
        }
        if trecCount > 0 {
            let first = lines[trec.firstIndex { $0 != nil }!].number, missing = lines[trec.firstIndex { $0 == nil }!].number
            throw DataError.badText(path, line: missing, reason: "no COARSE:fine label, which line \(first) and \(trecCount - 1) other lines have; label every line the same way, or none")
        }
        if tabCount == lines.count {
            let parts = tabbed.map { $0! }
            for (line, p) in zip(lines, parts) {
                if p.label.isEmpty { throw DataError.badText(path, line: line.number, reason: "an empty label before the tab") }
                if p.text.isEmpty { throw DataError.badText(path, line: line.number, reason: "no text after the label '\(p.label)'") }
            }
            notes.insert("read: \(lines.count) texts in \(Format.tabbed.rawValue) form", at: 0)
            return RawText(source: path, format: .tabbed, texts: parts.map(\.text), labels: parts.map(\.label), fineLabels: nil, notes: notes)
        }
        if tabCount > 0 {
            let first = lines[tabbed.firstIndex { $0 != nil }!].number, missing = lines[tabbed.firstIndex { $0 == nil }!].number
            throw DataError.badText(path, line: missing, reason: "no LABEL<tab> before the text, which line \(first) and \(tabCount - 1) other lines have; label every line the same way, or none")
        }
        notes.insert("read: \(lines.count) texts, \(Format.plain.rawValue), unlabelled", at: 0)
        return RawText(source: path, format: .plain, texts: lines.map { trimmed($0.text) }, labels: nil, fineLabels: nil, notes: notes)
    }

    /// `COARSE:fine text` → its parts: COARSE is capital letters, fine is letters.
    static func trecParts(_ line: String) -> (coarse: String, fine: String, text: String)? {
        let head = line.prefix { $0 != " " && $0 != "\t" }
        guard let colon = head.firstIndex(of: ":") else { return nil }
        let coarse = head[..<colon], fine = head[head.index(after: colon)...]
        guard !coarse.isEmpty, coarse.allSatisfy({ $0.isASCII && $0.isUppercase }),
              !fine.isEmpty, fine.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return (String(coarse), String(fine), trimmed(line[head.endIndex...]))
    }

    /// `LABEL<tab>text` → its parts.
    static func tabParts(_ line: String) -> (label: String, text: String)? {
        guard let tab = line.firstIndex(of: "\t") else { return nil }
        return (trimmed(line[..<tab]), trimmed(line[line.index(after: tab)...]))
    }

    static func trimmed(_ s: some StringProtocol) -> String { s.trimmingCharacters(in: .whitespaces) }

    /// The split of `train` (and `test`, else every fifth of `train`): texts sampled by
    /// `train=`/`test=`, a vocabulary from the training texts, ids cut or padded to `length`.
    static func split(train: RawText, test: RawText?, name: String, options: DataOptions) throws -> DataSplit {
        var notes = [String]()
        var trainLines = train, testLines: RawText
        if let test {
            testLines = test
            notes += prefixNotes(train.notes, role: "train") + prefixNotes(test.notes, role: "test")
        } else {
            guard train.count >= 5 else {
                throw DataError.tooFewExamples(train.source, reason: "\(train.count) text\(train.count == 1 ? "" : "s"); holding out every fifth as the test set needs at least 5 (or name a test file with testfile=)")
            }
            let all = Array(0..<train.count)
            trainLines = train.subset(all.filter { $0 % 5 != 4 })
            testLines = train.subset(all.filter { $0 % 5 == 4 })
            notes += train.notes
            notes.append("test: every fifth text held out, \(testLines.count) of \(train.count); \(trainLines.count) left to train on")
        }
        if let n = options.train, n < trainLines.count {
            notes.append("train=\(n): \(n) of \(trainLines.count) training texts, drawn under seed \(options.seed)")
            trainLines = trainLines.subset(Dataset.sampleIndices(n, of: trainLines.count, seed: options.seed))
        }
        if let n = options.test, n < testLines.count {
            notes.append("test=\(n): the first \(n) of \(testLines.count) test texts")
            testLines = testLines.subset(Array(0..<n))
        }

        let tokenizer = Tokenizer(punctuation: options.punctuation)
        let trainTokens = trainLines.texts.map(tokenizer.tokens)
        let testTokens = testLines.texts.map(tokenizer.tokens)
        let hashing = options.hashBuckets.map(WordHashing.init(buckets:))
        if hashing != nil, let other = options.vocabularySize != nil ? "vocab" : options.minCount != nil ? "min_count" : nil {
            throw DataError.badOption(other, reason: "picks the words of a vocabulary, and hash= numbers every word by its hash instead; give one or the other")
        }
        let minCount = options.minCount ?? (options.vocabularySize == nil ? 2 : 1)
        let vocabulary = hashing.map(Vocabulary.init(hashing:))
            ?? Vocabulary(counting: trainTokens, minCount: minCount, maxEntries: options.vocabularySize)
        guard hashing != nil || vocabulary.count >= 4 else {
            let words = vocabulary.words.dropFirst(2).map { " ('\($0)')" }.joined()
            throw DataError.badVocabulary(train.source, reason: "the training texts give \(vocabulary.count - 2) word\(vocabulary.count == 3 ? "" : "s")\(words) seen at least \(minCount) time\(minCount == 1 ? "" : "s"); a vocabulary needs 2 or more (lower min_count, or give more text)")
        }

        let coarse = try LabelMapping([trainLines.labels.map(labelValues), testLines.labels.map(labelValues)],
                                      sources: [train.source, testLines.source])
        let fine = try LabelMapping([trainLines.fineLabels.map(labelValues), testLines.fineLabels.map(labelValues)],
                                    sources: [train.source, testLines.source])
        func dataset(_ lines: RawText, _ tokens: [[String]], _ i: Int) -> Dataset {
            var text = TextData(vocabulary: vocabulary, tokenizer: tokenizer, length: options.length, texts: lines.texts,
                                tokenCounts: tokens.map(\.count), unknownCounts: [],
                                fineLabels: fine.labels[i], fineClassNames: lines.fineLabels == nil ? [] : fine.classNames, hashing: hashing)
            text.unknownCounts = tokens.map { $0.filter { !text.knows($0) }.count }
            var ids = [Int32]()
            ids.reserveCapacity(tokens.count * options.length)
            for t in tokens { ids += text.encode(t, length: options.length) }
            return Dataset(name: name, values: .tokens(ids), labels: coarse.labels[i], exampleShape: [options.length],
                           classNames: coarse.classNames, text: text)
        }
        var split = DataSplit(train: dataset(trainLines, trainTokens, 0), test: dataset(testLines, testTokens, 1))

        let t = split.train.text!, s = split.test.text!
        let kept = switch tokenizer.punctuation {
        case .question: "words, clitics ('s n't 're 've 'll 'd 'm) and question marks; other punctuation dropped"
        case .all: "words, clitics ('s n't 're 've 'll 'd 'm) and every punctuation character"
        case .none: "words and clitics ('s n't 're 've 'll 'd 'm); punctuation dropped"
        }
        let rule = options.vocabularySize.map { "the \($0 - 2) most frequent words" + (minCount > 1 ? " seen at least \(minCount) times" : "") }
            ?? "words seen at least \(minCount) time\(minCount == 1 ? "" : "s")"
        notes.append("tokens: lower case; \(kept)")
        if let hashing {
            notes += hashNotes(hashing, trainTokens: trainTokens, texts: t.texts.count)
        } else {
            notes.append("vocabulary: \(vocabulary.count) entries, <pad> = 0, <unk> = 1 and \(rule) in the \(t.texts.count) training texts")
        }
        notes.append("length: \(options.length) tokens, cut or padded at the end; \(t.cutExamples) of \(t.texts.count) training texts are longer and lose their end")
        if hashing == nil {
            notes.append("out of vocabulary: \(s.outOfVocabularyTokens) of \(s.tokenTotal) test tokens (\(percent(s.outOfVocabularyTokens, s.tokenTotal))) and \(t.outOfVocabularyTokens) of \(t.tokenTotal) training tokens become <unk>")
        }
        notes.append(coarse.note)
        if trainLines.fineLabels != nil { notes.append("fine labels: \(fine.classNames.count) (cluster labels=fine compares with them)") }
        split.train.notes = notes
        split.test.notes = notes
        split.notes = notes
        return split
    }

    /// What hashing did to the training words: how many buckets they fill, and which words
    /// share one (a model sees them as one word).
    private static func hashNotes(_ hashing: WordHashing, trainTokens: [[String]], texts: Int) -> [String] {
        let members = hashing.members(of: trainTokens)
        let words = members.reduce(0) { $0 + $1.count }
        let filled = members.filter { !$0.isEmpty }.count
        let shared = members.enumerated().filter { $0.element.count > 1 }
        var notes = ["hash: every word to 1 + FNV-1a mod \(hashing.buckets - 1), as Keras's one_hot(text, \(hashing.buckets)) (whose Python hash changes in every process); id 0 is padding",
                     "buckets: the \(words) distinct words of the \(texts) training texts fill \(filled) of \(hashing.buckets - 1); "
                        + (shared.isEmpty ? "no two share one" : "\(shared.count) shared by more than one word (a model cannot tell those apart)")]
        for (id, group) in shared.prefix(20) { notes.append("  #\(id): " + group.joined(separator: ", ")) }
        if shared.count > 20 { notes.append("  … and \(shared.count - 20) more shared buckets") }
        return notes
    }

    private static func labelValues(_ labels: [String]) -> RawExamples.Labels {
        if labels.allSatisfy({ Int64($0) != nil }) { return .numbers(labels.map { Int64($0)! }) }
        var index = [String: Int]()
        var names = [String]()
        let indices = labels.map { label in
            if let i = index[label] { return i }
            names.append(label)
            index[label] = names.count - 1
            return names.count - 1
        }
        return .names(indices, names: names)
    }

    private static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
    }
}
