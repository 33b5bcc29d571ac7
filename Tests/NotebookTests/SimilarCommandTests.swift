import Foundation
@testable import Notebook
import Rendering
import Tensors
import XCTest

final class SimilarCommandTests: XCTestCase {
    /// A linear model on TF-IDF rows whose code of a question is (weight of "who", weight of
    /// "where"): (w, 0) for a who-question, (0, w′) for a where-question (ids: <pad> <unk> ? is
    /// the where who), so questions asked the same way are at cosine distance 0, others at 1.
    func firstWordModel(_ q: TinyQuestions) throws -> Kernel {
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test) as=tfidf")
        _ = try kernel.execute("model linear latent=2")
        let dense = try XCTUnwrap(kernel.model?.encoder.parameters)
        let kernelWeights = dense[0], bias = dense[1]
        for i in 0..<kernelWeights.count { kernelWeights.data[i] = 0 }
        kernelWeights.data[6 * 2 + 0] = 1  // who → code 0
        kernelWeights.data[5 * 2 + 1] = 1  // where → code 1
        bias.data[0] = 0
        bias.data[1] = 0
        return kernel
    }

    func listed(_ kernel: Kernel) throws -> [String] {
        guard case .textList(let list) = try XCTUnwrap(kernel.pictures["similar"]) else {
            // A picture of another kind is a failure of the command, never a reason to skip.
            XCTFail("\("similar") is not a text list"); return []
        }
        return list.lines.map { $0.spans.map(\.text).joined() }
    }

    func testTypedQuestionFindsTheQuestionsThatAskTheSameWay() throws {
        let q = try TinyQuestions("similar")
        defer { q.remove() }
        let kernel = try firstWordModel(q)
        XCTAssertEqual(kernel.data?.train.text?.vocabulary.words, ["<pad>", "<unk>", "?", "is", "the", "where", "who"])
        let cell = try XCTUnwrap(kernel.execute("similar \"Who wrote the Iliad?\" k=3 unk=yes"))
        let lines = try listed(kernel)
        XCTAssertEqual(lines.count, 4, "\(lines)")
        XCTAssertEqual(lines[0], "Who wrote the Iliad?")
        // Both who-questions at distance 0 (in index order), then the first where-question at 1.
        XCTAssertEqual(Set(lines[1...2].map { $0.dropFirst(4) }), ["0.000 WHO   who wrote hamlet ?", "0.000 WHO   who painted the mona lisa ?"])
        XCTAssertTrue(lines[3].hasSuffix("WHERE where is the eiffel tower ?"), lines[3])
        XCTAssertEqual(cell.metrics["nearest_distance"] ?? 1, 0, accuracy: 1e-6)
        XCTAssertTrue(lines[3].hasPrefix(" 3. 1.000 "), lines[3])
        // Unquoted words are one text too.
        _ = try kernel.execute("similar where is rome ? k=1 unk=yes")
        let rome = try listed(kernel)
        // Both where-questions are at distance 0; rounding decides which is listed first.
        XCTAssertTrue(rome[1].hasPrefix(" 1. 0.000 WHERE where is "), "\(rome)")
    }

    func testIndexLeavesTheQuestionItselfOutAndScoresItsNeighbours() throws {
        let q = try TinyQuestions("similar-index")
        defer { q.remove() }
        let kernel = try firstWordModel(q)
        let cell = try XCTUnwrap(kernel.execute("similar index=2 from=train k=3"))
        let lines = try listed(kernel)
        XCTAssertEqual(lines[0], "where is the eiffel tower ?  WHERE")
        XCTAssertTrue(lines[1].hasSuffix("where is mount everest ?"), lines[1])
        XCTAssertFalse(lines.dropFirst().contains { $0.hasSuffix("eiffel tower ?") }, "\(lines)")
        XCTAssertEqual(try XCTUnwrap(cell.metrics["same_label_share"]), 1.0 / 3, accuracy: 1e-9)
        let test = try XCTUnwrap(kernel.execute("similar index=0 k=2"))
        XCTAssertEqual(test.metrics["same_label_share"], 1)
    }

    func testSimilarRefusesBadInputInOneLine() throws {
        let q = try TinyQuestions("similar-bad")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=100 test=20")
        _ = try kernel.execute("model ae hidden=8 latent=2")
        XCTAssertThrowsError(try kernel.execute("similar index=0")) {
            XCTAssertEqual("\($0)", "similar: mnist is not text; load questions first, e.g. 'data trec'")
        }
        let text = try firstWordModel(q)
        XCTAssertThrowsError(try text.execute("similar")) { XCTAssertTrue("\($0)".hasPrefix("similar: give a text in quotes"), "\($0)") }
        XCTAssertThrowsError(try text.execute("similar \"who is it ?\" index=1")) { XCTAssertEqual("\($0)", "similar: give a text or index=, not both") }
        XCTAssertThrowsError(try text.execute("similar \"who wrote hamlett ?\"")) {
            XCTAssertEqual("\($0)", "similar: 'wrote', 'hamlett' are not in the vocabulary of 7 words; rephrase, or add unk=yes to read them as <unk>")
        }
        XCTAssertThrowsError(try text.execute("similar \"whoo is ?\"")) { XCTAssertTrue("\($0)".contains("(did you mean 'who'?)"), "\($0)") }
        XCTAssertThrowsError(try text.execute("similar \"!!\"")) { XCTAssertEqual("\($0)", "similar: '!!' holds no words") }
        XCTAssertThrowsError(try text.execute("similar index=2")) { XCTAssertEqual("\($0)", "similar: option 'index' is 2, past the 2 test texts; choose 0…1") }
        XCTAssertThrowsError(try text.execute("similar index=0 k=5")) { XCTAssertEqual("\($0)", "similar: option 'k' is 5, more than the 4 training texts to choose from") }
        XCTAssertThrowsError(try text.execute("similar index=0 rule=sampled k=2")) { XCTAssertTrue("\($0)".hasPrefix("similar: rule=sampled draws codes from a VAE's q(z|x); this model (linear)"), "\($0)") }
        XCTAssertThrowsError(try text.execute("similar index=0 samples=2 pairs=5")) { XCTAssertEqual("\($0)", "similar: option 'pairs' is 5, more than the 2×2 = 4 pairs of samples=2") }
    }

    func testSampledRuleCountsClosePairs() throws {
        let q = try TinyQuestions("similar-sampled")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test) as=tfidf")
        _ = try kernel.execute("model vae hidden=4 latent=2")
        // Every pair of codes is within cosine distance 2, so all 25 pairs are close for every question.
        let all = try XCTUnwrap(kernel.execute("similar index=0 from=train rule=sampled t=2 pairs=25 k=3"))
        XCTAssertEqual(all.metrics["similar_count"], 3)
        let lines = try listed(kernel)
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.contains(" 25/25 ") }, "\(lines)")
        // Within distance 0, no two distinct draws of continuous codes are close.
        let none = try XCTUnwrap(kernel.execute("similar index=0 rule=sampled t=0 k=3"))
        XCTAssertEqual(none.metrics["similar_count"], 0)
        XCTAssertTrue(try listed(kernel)[1].hasPrefix("no training text is similar"))
    }

    func testSimilarityPrecisionAndRecallAtTheExtremes() throws {
        let q = try TinyQuestions("similarity")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test) as=tfidf")
        _ = try kernel.execute("model vae hidden=4 latent=2")
        // t = 2 calls all 2 × 4 pairs similar; 4 of them share a label (each test question has 2
        // of its kind among the 4): precision 4/8, recall 1, for both rules.
        let everything = try XCTUnwrap(kernel.execute("similarity t=2"))
        for name in ["similar", "sampled"] {
            XCTAssertEqual(everything.metrics["\(name)_precision"], 0.5, name)
            XCTAssertEqual(everything.metrics["\(name)_recall"], 1, name)
        }
        let nothing = try XCTUnwrap(kernel.execute("similarity t=0 pairs=2"))
        XCTAssertEqual(nothing.metrics["sampled_called"], 0)
        XCTAssertEqual(nothing.metrics["sampled_recall"], 0)
        // A model with one code a text reports μ's rule only.
        _ = try kernel.execute("model ae hidden=4 latent=2")
        let plain = try XCTUnwrap(kernel.execute("similarity t=2"))
        XCTAssertEqual(plain.metrics["similar_recall"], 1)
        XCTAssertNil(plain.metrics["sampled_recall"])
        XCTAssertTrue(plain.output.joined().contains("the sampled rule needs a VAE"), "\(plain.output)")
    }
}
