import Foundation
import Tensors

/// TF-IDF vectors of token-id sequences, weighted as scikit-learn's `TfidfVectorizer` with its
/// defaults: raw counts times the smooth idf ln((1 + n) / (1 + df)) + 1, rows scaled to unit length.
public struct TFIDF: Sendable {
    /// Token ids run 0..<vocabularySize; id 0 is padding and never counted.
    public let vocabularySize: Int
    /// The weight of each id. Ids no fitted document holds weigh 0, as words outside the
    /// vocabulary scikit-learn learns from the same documents.
    public var idf: [Float]

    /// The most floats a transform may allocate (4 GB); past it, ask for a smaller vocabulary.
    static let maxFloats = 1 << 30

    /// Learns the document frequencies of the ids in `documents`.
    public init(fitting documents: [[Int]], vocabularySize: Int) throws {
        guard !documents.isEmpty else { throw AnalysisError.empty("TF-IDF: no documents to fit") }
        guard vocabularySize >= 2 else { throw AnalysisError.invalid("TF-IDF: a vocabulary of \(vocabularySize) ids holds nothing but padding; it needs 2 or more") }
        try TFIDF.checkIds(documents, vocabularySize)
        var frequency = [Int](repeating: 0, count: vocabularySize)
        var lastSeen = [Int](repeating: -1, count: vocabularySize)
        for (d, document) in documents.enumerated() {
            for id in document where id != 0 && lastSeen[id] != d {
                lastSeen[id] = d
                frequency[id] += 1
            }
        }
        let n = Double(documents.count)
        self.vocabularySize = vocabularySize
        idf = frequency.map { $0 == 0 ? 0 : Float(Foundation.log((1 + n) / (1 + Double($0))) + 1) }
    }

    /// The unit-length TF-IDF rows of `documents`: [N, vocabularySize] (a document with no
    /// weighted id gives a zero row).
    public func transform(_ documents: [[Int]]) throws -> Tensor {
        guard !documents.isEmpty else { throw AnalysisError.empty("TF-IDF: no documents to transform") }
        let (floats, overflow) = documents.count.multipliedReportingOverflow(by: vocabularySize)
        guard !overflow, floats <= TFIDF.maxFloats else {
            throw AnalysisError.invalid("TF-IDF: \(documents.count) documents × \(vocabularySize) ids is too large to hold densely; use a smaller vocabulary")
        }
        try TFIDF.checkIds(documents, vocabularySize)
        let v = vocabularySize
        let out = Tensor(zeros: [documents.count, v])
        for (d, document) in documents.enumerated() {
            let row = out.data + d * v
            for id in document { row[id] += idf[id] }
            var squares: Float = 0
            for id in Set(document) { squares += row[id] * row[id] }
            guard squares > 0 else { continue }
            let scale = 1 / squares.squareRoot()
            for id in Set(document) { row[id] *= scale }
        }
        return out
    }

    static func checkIds(_ documents: [[Int]], _ v: Int) throws {
        for (d, document) in documents.enumerated() {
            if let p = document.firstIndex(where: { $0 < 0 || $0 >= v }) {
                throw AnalysisError.invalid("TF-IDF: document \(d) holds token id \(document[p]) at position \(p), outside the vocabulary 0..<\(v)")
            }
        }
    }
}
