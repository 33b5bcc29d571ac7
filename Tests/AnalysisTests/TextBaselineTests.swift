import Analysis
import Tensors
import XCTest

final class TextBaselineTests: XCTestCase {
    func testTFIDFMatchesScikitLearnsDefaults() throws {
        // Documents (1 2 2), (2 3), (3 3 4 <pad> <pad>). Smooth idf over n = 3: df 1 gives
        // ln(4/2) + 1 = 1.693147, df 2 gives ln(4/3) + 1 = 1.287682. The first row is
        // (1.693147, 2·1.287682) / 3.082148 = (0.549351, 0.835592), as TfidfVectorizer gives.
        let documents = [[1, 2, 2], [2, 3], [3, 3, 4, 0, 0]]
        let tfidf = try TFIDF(fitting: documents, vocabularySize: 6)
        XCTAssertEqual(tfidf.idf[0], 0, "padding")
        XCTAssertEqual(tfidf.idf[1], 1.69314718, accuracy: 1e-6)
        XCTAssertEqual(tfidf.idf[2], 1.28768207, accuracy: 1e-6)
        XCTAssertEqual(tfidf.idf[5], 0, "an id no fitted document holds")
        let x = try tfidf.transform(documents)
        let expected: [[Float]] = [[0, 0.54935123, 0.83559154, 0, 0, 0],
                                   [0, 0, 0.70710678, 0.70710678, 0, 0],
                                   [0, 0, 0, 0.83559154, 0.54935123, 0]]
        for (i, row) in expected.enumerated() {
            for (j, value) in row.enumerated() { XCTAssertEqual(x.data[i * 6 + j], value, accuracy: 1e-6, "[\(i), \(j)]") }
        }
        // An unseen id adds nothing: (1, 4, 4, 5) weighs (1.693147, 2·1.693147)/… = (1, 2)/√5.
        let unseen = try tfidf.transform([[1, 4, 4, 5], [0, 5]])
        XCTAssertEqual(unseen.data[1], 0.4472136, accuracy: 1e-6)
        XCTAssertEqual(unseen.data[4], 0.89442719, accuracy: 1e-6)
        XCTAssertEqual(unseen.scalars[6..<12].max(), 0, "nothing weighted: a zero row")
    }

    func testTFIDFRefusesIdsOutsideTheVocabulary() {
        XCTAssertThrowsError(try TFIDF(fitting: [[1, 2], [3, 9]], vocabularySize: 5)) { error in
            XCTAssertEqual("\(error)", "TF-IDF: document 1 holds token id 9 at position 1, outside the vocabulary 0..<5")
        }
        XCTAssertThrowsError(try TFIDF(fitting: [], vocabularySize: 5))
        XCTAssertThrowsError(try TFIDF(fitting: [[1]], vocabularySize: 5).transform([[-1]]))
    }

    func testTruncatedSVDOfADiagonalMatrix() throws {
        // Rows (3, 0, 0), (0, −2, 0), (0, 0, 1), (0, 0, 0): singular values 3, 2 along e₁, e₂,
        // each signed so that its largest entry is positive.
        let x = Tensor([3, 0, 0, 0, -2, 0, 0, 0, 1, 0, 0, 0], shape: [4, 3])
        let svd = try TruncatedSVD(fitting: x, dimensions: 2)
        XCTAssertEqual(svd.singularValues[0], 3, accuracy: 1e-5)
        XCTAssertEqual(svd.singularValues[1], 2, accuracy: 1e-5)
        XCTAssertEqual(svd.components[0][0], 1, accuracy: 1e-5)
        XCTAssertEqual(svd.components[1][1], 1, accuracy: 1e-5)
        let z = try svd.transform(x)
        XCTAssertEqual(z.scalars.map { ($0 * 1e4).rounded() / 1e4 }, [3, 0, 0, -2, 0, 0, 0, 0])
    }

    func testRandomisedSVDAgreesWithTheExactOne() throws {
        // 400 × 150 rows with singular values falling as 1/(1 + i/5), plus noise: the randomised
        // top 40 must match LAPACK's full SVD of the same matrix.
        var random = Random(seed: 11)
        let n = 400, d = 150
        let u = Tensor(uninitialized: [n, d]), v = Tensor(uninitialized: [d, d])
        random.fillNormal(u.data, count: u.count)
        random.fillNormal(v.data, count: v.count)
        for i in 0..<n { for j in 0..<d { u.data[i * d + j] *= 1 / (1 + Float(j) / 5) } }
        let x = u.matmul(v)
        let exact = try SVD(rows: n, columns: d, data: x.data)
        let fast = try TruncatedSVD(fitting: x, dimensions: 40, seed: 5)
        for i in 0..<40 {
            XCTAssertEqual(fast.singularValues[i], exact.values[i], accuracy: 1e-4 * exact.values[0], "value \(i)")
        }
        for i in 0..<10 {
            let cosine = zip(fast.components[i], exact.rightVectors[i]).map { $0 * $1 }.reduce(0, +)
            XCTAssertEqual(abs(cosine), 1, accuracy: 1e-3, "component \(i)")
        }
        XCTAssertThrowsError(try TruncatedSVD(fitting: x, dimensions: 151))
    }

    func testBaselinesSeparateTwoTopicsThatShareNoWords() throws {
        // Topic 0 uses ids 1–2, topic 1 ids 3–4: every figure is perfect.
        let train = [[1, 2], [1, 2, 2], [2, 1, 1], [3, 4], [4, 3, 3], [3, 3, 4]]
        let baselines = try TextBaselines(train: train, trainLabels: [0, 0, 0, 1, 1, 1], test: [[1], [4, 4, 0]],
                                          testLabels: [0, 1], vocabularySize: 5, dimensions: 2)
        XCTAssertEqual(baselines.tfidfKMeansNMI, 1, accuracy: 1e-12)
        XCTAssertEqual(baselines.tfidfNearestP1, 1)
        XCTAssertEqual(baselines.svdNearestP1, 1)
        XCTAssertThrowsError(try TextBaselines(train: train, trainLabels: [0, 1], test: [[1]], testLabels: [0], vocabularySize: 5))
    }
}
