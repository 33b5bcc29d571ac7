import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Tensors

/// Word vectors learned from the loaded texts by `words`, with the data they belong to.
struct LearnedWords {
    var vectors: WordVectors
    var vocabulary: Vocabulary
    /// The training set's checksum: vectors learned from other data do not fit it.
    var dataChecksum: String
}

/// `words dim=100`: word vectors learned from the training texts (the seed fed pretrained ones,
/// which cannot be downloaded here), kept for `neighbors` and for text models built with
/// `inputs=vectors`.
struct WordsCommand: NotebookCommand {
    static let name = "words"
    static let summary = "learn word vectors from the loaded texts (PPMI over a window of words, truncated SVD), for 'neighbors' and text models with inputs=vectors"

    @Option(name: "dim", help: "width of the word vectors", in: 1...1000) var dimensions = 100
    @Option(help: "words on each side that count as a word's context", in: 1...20) var window = 2
    @Option(help: "seed of the SVD's random start") var seed: UInt64 = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        guard let text = data.train.text else {
            throw NotebookError.needs(command: Self.name, what: "learns from text; load some first, e.g. 'data trec'")
        }
        // Whole texts, not cut to the models' length: every pair of neighbouring words counts.
        let sequences = text.texts.map { text.encode(text.tokenizer.tokens($0)).map { Int($0) } }
        let vectors: WordVectors
        do {
            vectors = try WordVectors(sequences: sequences, vocabularySize: text.vocabulary.count, dimensions: dimensions, window: window, seed: seed)
        } catch {
            throw NotebookError.failed("words: \(error)")
        }
        kernel.words = LearnedWords(vectors: vectors, vocabulary: text.vocabulary, dataChecksum: data.train.checksum)
        let withVectors = (0..<vectors.vocabularySize).filter { id in (0..<dimensions).contains { vectors.values[id * dimensions + $0] != 0 } }.count
        cell.print("\(dimensions)-d vectors for \(Summary.grouped(withVectors)) of \(Summary.grouped(text.vocabulary.count)) vocabulary entries, from \(Summary.grouped(text.texts.count)) training texts (PPMI over ±\(window) words, truncated SVD)")
        // A glimpse of what they learned: the neighbours of the most frequent words.
        for id in 2..<min(5, text.vocabulary.count) {
            guard let nearest = try? vectors.nearest(to: id, count: 5) else { continue }
            cell.print("  \(text.vocabulary.word(Int32(id))): " + nearest.map { text.vocabulary.word(Int32($0.id)) }.joined(separator: ", "))
        }
        cell.print("'neighbors WORD' lists a word's nearest; 'model seq2seq inputs=vectors' reads these vectors")
        cell.metrics["word_vector_dim"] = Double(dimensions)
        cell.metrics["words_with_vectors"] = Double(withVectors)
    }
}

/// `neighbors WORD k=10`: the words whose vectors are nearest by cosine.
struct NeighborsCommand: NotebookCommand {
    static let name = "neighbors"
    static let summary = "the words nearest to a word by the cosine of their vectors (after 'words')"

    @Argument(name: "WORD", help: "a word of the vocabulary") var word: String?
    @Option(name: "k", help: "how many neighbours", in: 1...1000) var count = 10

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        guard let words = kernel.words(for: data.train) else {
            throw NotebookError.needs(command: Self.name, what: "needs word vectors of the loaded texts; run 'words dim=100' first")
        }
        guard let word else { throw NotebookError.badArgument(command: Self.name, reason: "name a word, e.g. 'neighbors moon'") }
        let key = word.lowercased()
        guard words.vocabulary.contains(key), key != Vocabulary.paddingWord else {
            let hint = closest(to: key, in: words.vocabulary.words).map { "; did you mean '\($0)'?" } ?? ""
            throw NotebookError.badArgument(command: Self.name, reason: "'\(word.escapingControlCharacters)' is not among the \(Summary.grouped(words.vocabulary.count)) words of the vocabulary\(hint)")
        }
        let id = Int(words.vocabulary.id(key))
        let nearest: [(id: Int, similarity: Float)]
        do {
            nearest = try words.vectors.nearest(to: id, count: min(count, words.vectors.vocabularySize - 1))
        } catch {
            throw NotebookError.failed("neighbors: \(error)")
        }
        let width = max(4, nearest.map { words.vocabulary.word(Int32($0.id)).count }.max() ?? 0)
        cell.print("words nearest to '\(key)' by cosine (\(words.vectors.dimensions)-d vectors):")
        cell.print("   #  " + "word".padding(width + 2) + "cosine   seen")
        for (rank, n) in nearest.enumerated() {
            let w = words.vocabulary.word(Int32(n.id))
            let rankText = String(repeating: " ", count: max(0, 4 - String(rank + 1).count)) + String(rank + 1)
            cell.print(rankText + "  " + w.padding(width + 2) + String(format: "%6.3f", n.similarity) + "  " + String(format: "%5d", words.vocabulary.counts[n.id]))
        }
        cell.metrics["nearest_similarity"] = Double(nearest.first?.similarity ?? 0)
    }
}

extension Kernel {
    /// The word vectors `words` learned, if they were learned from `train` (the data now loaded).
    func words(for train: Dataset) -> LearnedWords? {
        guard let words, words.dataChecksum == train.checksum else { return nil }
        return words
    }

    /// The shape a model for the loaded data is built for, with the width of its word vectors.
    func dataShape(_ data: DataSplit) -> DataShape {
        DataShape(data.train, wordVectors: words(for: data.train)?.vectors.dimensions)
    }
}
