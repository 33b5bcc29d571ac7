import Foundation
import Tensors

/// Word vectors from counts: positive pointwise mutual information over a symmetric window,
/// with the context distribution smoothed (Levy, Goldberg and Dagan 2015), reduced by truncated
/// SVD to W = U·Σ^½.
public struct WordVectors: Sendable {
    /// Token ids run 0..<vocabularySize; id 0 is padding.
    public let vocabularySize: Int
    public let dimensions: Int
    /// Row-major [vocabularySize, dimensions]; ids that never occur (and padding) have zero rows.
    public var values: [Float]

    /// The largest vocabulary whose PPMI matrix is held densely (1 GB of floats).
    static let maxVocabulary = 16384

    /// Learns vectors for the ids of `sequences`.
    /// - Parameters:
    ///   - window: how many tokens on each side count as context.
    ///   - smoothing: the exponent on context counts (0.75 damps rare contexts' PMI).
    public init(sequences: [[Int]], vocabularySize: Int, dimensions: Int = 100, window: Int = 2,
                smoothing: Double = 0.75, seed: UInt64 = 0) throws {
        guard dimensions >= 1, dimensions < vocabularySize else {
            throw AnalysisError.invalid("word vectors: \(dimensions) dimensions for a vocabulary of \(vocabularySize); choose 1…\(max(vocabularySize - 1, 1))")
        }
        let ppmi = try WordVectors.ppmi(sequences: sequences, vocabularySize: vocabularySize, window: window, smoothing: smoothing)
        let svd = try TruncatedSVD(fitting: ppmi, dimensions: dimensions, seed: seed)
        // X·V = U·Σ; scaling column j by σⱼ^(−½) leaves U·Σ^½.
        let scaled = try svd.transform(ppmi)
        for (j, sigma) in svd.singularValues.enumerated() {
            let scale: Float = sigma > 0 ? 1 / sigma.squareRoot() : 0
            for w in 0..<vocabularySize { scaled.data[w * dimensions + j] *= scale }
        }
        self.vocabularySize = vocabularySize
        self.dimensions = dimensions
        values = scaled.scalars
    }

    /// The vector of token `id`.
    public func vector(_ id: Int) throws -> [Float] {
        try checkId(id)
        return Array(values[(id * dimensions)..<((id + 1) * dimensions)])
    }

    /// All vectors as a tensor [vocabularySize, dimensions].
    public var matrix: Tensor { Tensor(values, shape: [vocabularySize, dimensions]) }

    /// The `count` ids whose vectors are nearest by cosine to that of `id`, most similar first
    /// (the id itself and ids with no vector are left out).
    public func nearest(to id: Int, count: Int) throws -> [(id: Int, similarity: Float)] {
        try checkId(id)
        let unit = unitRows(matrix)
        let query = Tensor(Array(UnsafeBufferPointer(start: unit.data + id * dimensions, count: dimensions)), shape: [1, dimensions])
        guard query.scalars.contains(where: { $0 != 0 }) else { throw AnalysisError.invalid("word vectors: id \(id) never occurred, so it has no vector") }
        let similarities = dotProducts(query, rows: 0..<1, unit)
        let candidates = (0..<vocabularySize).filter { $0 != id && similarities.data[$0] != 0 }
        guard count >= 1, count <= candidates.count else {
            throw AnalysisError.invalid("word vectors: \(count) nearest words asked among \(candidates.count) others with vectors")
        }
        let order = candidates.sorted { (similarities.data[$0], -$0) > (similarities.data[$1], -$1) }
        return order.prefix(count).map { ($0, similarities.data[$0]) }
    }

    func checkId(_ id: Int) throws {
        guard id >= 0, id < vocabularySize else { throw AnalysisError.invalid("word vectors: id \(id) is outside the vocabulary 0..<\(vocabularySize)") }
    }

    /// The PPMI matrix [V, V] of word w (row) and context c (column):
    /// max(0, ln(#(w,c) / (#(w) · P(c)))), with P(c) = #(c)^α / Σ #(c')^α and #(w) = Σ_c #(w,c).
    public static func ppmi(sequences: [[Int]], vocabularySize v: Int, window: Int = 2, smoothing: Double = 0.75) throws -> Tensor {
        guard !sequences.isEmpty else { throw AnalysisError.empty("word vectors: no sequences to count") }
        guard v >= 2, v <= maxVocabulary else {
            throw AnalysisError.invalid("word vectors: a vocabulary of \(v) ids; the PPMI matrix is held densely, for 2…\(maxVocabulary) ids")
        }
        guard window >= 1 else { throw AnalysisError.invalid("word vectors: the window must be 1 or more tokens, not \(window)") }
        guard smoothing > 0, smoothing <= 1 else { throw AnalysisError.invalid("word vectors: smoothing must be in (0, 1], not \(smoothing)") }
        for (s, sequence) in sequences.enumerated() {
            if let p = sequence.firstIndex(where: { $0 < 0 || $0 >= v }) {
                throw AnalysisError.invalid("word vectors: sequence \(s) holds token id \(sequence[p]) at position \(p), outside the vocabulary 0..<\(v)")
            }
        }
        let x = Tensor(zeros: [v, v])
        let counts = x.data
        for sequence in sequences {
            // Padding neither counts nor shortens the window: it is dropped first.
            let tokens = sequence.filter { $0 != 0 }
            for (i, w) in tokens.enumerated() {
                for j in max(0, i - window)..<min(tokens.count, i + window + 1) where j != i {
                    counts[w * v + tokens[j]] += 1
                }
            }
        }
        var rowTotals = [Double](repeating: 0, count: v)
        for w in 0..<v {
            let row = counts + w * v
            var s = 0.0
            for c in 0..<v { s += Double(row[c]) }
            rowTotals[w] = s
        }
        guard rowTotals.contains(where: { $0 > 0 }) else { throw AnalysisError.empty("word vectors: no two tokens share a window") }
        // Pairs are counted both ways, so a context's count is its row total.
        let smoothed = rowTotals.map { Foundation.pow($0, smoothing) }
        let smoothedTotal = smoothed.reduce(0, +)
        let contextLog = smoothed.map { $0 > 0 ? Float(Foundation.log($0 / smoothedTotal)) : 0 }
        for w in 0..<v where rowTotals[w] > 0 {
            let row = counts + w * v
            let rowLog = Float(Foundation.log(rowTotals[w]))
            for c in 0..<v where row[c] > 0 {
                row[c] = max(0, Foundation.log(row[c]) - rowLog - contextLog[c])
            }
        }
        return x
    }
}
