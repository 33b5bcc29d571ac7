import Analysis
import Tensors
import XCTest

final class WordVectorTests: XCTestCase {
    func testPPMIByHand() throws {
        // Sequences (1 2), (1 2 <pad>), (3 4), window 1: #(1,2) = #(2,1) = 2, #(3,4) = #(4,3) = 1;
        // #(1) = #(2) = 2, #(3) = #(4) = 1. Smoothed: Σ #^0.75 = 2·2^0.75 + 2 = 5.363586, so
        // PPMI(1,2) = ln(2 / (2 · 2^0.75/5.363586)) = 1.159772 and PPMI(3,4) = ln 5.363586 = 1.679633.
        let x = try WordVectors.ppmi(sequences: [[1, 2], [1, 2, 0], [3, 4]], vocabularySize: 5, window: 1)
        XCTAssertEqual(x.data[1 * 5 + 2], 1.159772, accuracy: 1e-5)
        XCTAssertEqual(x.data[2 * 5 + 1], 1.159772, accuracy: 1e-5)
        XCTAssertEqual(x.data[3 * 5 + 4], 1.679633, accuracy: 1e-5)
        XCTAssertEqual(x.scalars.filter { $0 != 0 }.count, 4, "no other pair shares a window")
    }

    func testPaddingIsDroppedBeforeWindowsAreTaken() throws {
        // (1 <pad> 2) with window 1: 1 and 2 become neighbours once the padding is dropped.
        let x = try WordVectors.ppmi(sequences: [[1, 0, 2], [3, 4]], vocabularySize: 5, window: 1)
        XCTAssertGreaterThan(x.data[1 * 5 + 2], 0)
        XCTAssertEqual(x.data[0 * 5 + 1], 0)
    }

    func testWordsInTheSameContextsAreNearest() throws {
        // the=1 cat=2 sat=3 dog=4 a=5 bird=6 flew=7 plane=8: cat and dog share their contexts
        // (the … sat), as bird and plane do (a … flew), so each pair has identical PPMI rows.
        let corpus = [[1, 2, 3], [1, 4, 3], [5, 6, 7], [5, 8, 7], [1, 2, 3, 0, 0]]
        let vectors = try WordVectors(sequences: corpus, vocabularySize: 9, dimensions: 4, window: 1, seed: 1)
        let cat = try vectors.nearest(to: 2, count: 2)
        XCTAssertEqual(cat[0].id, 4)
        XCTAssertEqual(cat[0].similarity, 1, accuracy: 1e-4)
        XCTAssertEqual(try vectors.nearest(to: 6, count: 1)[0].id, 8)
        XCTAssertEqual(try vectors.vector(0), [0, 0, 0, 0], "padding has no vector")
        XCTAssertThrowsError(try vectors.nearest(to: 0, count: 1))
        XCTAssertThrowsError(try vectors.nearest(to: 9, count: 1))
        XCTAssertThrowsError(try vectors.nearest(to: 2, count: 8), "only 7 other ids have vectors")
    }

    func testRefusesBadCorpora() {
        XCTAssertThrowsError(try WordVectors.ppmi(sequences: [], vocabularySize: 5))
        XCTAssertThrowsError(try WordVectors.ppmi(sequences: [[1, 7]], vocabularySize: 5)) { error in
            XCTAssertEqual("\(error)", "word vectors: sequence 0 holds token id 7 at position 1, outside the vocabulary 0..<5")
        }
        XCTAssertThrowsError(try WordVectors.ppmi(sequences: [[1], [2]], vocabularySize: 5), "no pairs")
        XCTAssertThrowsError(try WordVectors.ppmi(sequences: [[1, 2]], vocabularySize: 5, window: 0))
        XCTAssertThrowsError(try WordVectors(sequences: [[1, 2]], vocabularySize: 5, dimensions: 5))
    }
}
