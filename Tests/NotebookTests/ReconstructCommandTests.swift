import Foundation
@testable import Notebook
import Rendering
import Tensors
import XCTest

final class ReconstructCommandTests: XCTestCase {
    func testQuestionsSitBesideTheirDecodingScoredAsEvalScoresThem() throws {
        let q = try TinyQuestions("reconstruct")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        _ = try kernel.execute("model lstm latent=4 units=4 embedding=3")
        let eval = try XCTUnwrap(kernel.execute("eval"))
        // n=8 asks for more than the 2 test questions: both are shown, none twice.
        let cell = try XCTUnwrap(kernel.execute("reconstruct n=8"))
        guard case .textList(let list) = try XCTUnwrap(kernel.pictures["reconstruct"]) else { return XCTFail("not a text list") }
        XCTAssertEqual(list.lines.count, 4)
        // The questions as the model reads them: words outside the 7-entry vocabulary are <unk>.
        XCTAssertEqual(list.lines[0].spans.map(\.text).joined(), "   0  who <unk> the <unk> ?")
        XCTAssertEqual(list.lines[2].spans.map(\.text).joined(), "   1  where is the <unk> ?")
        // Each of the 5 + 5 real positions is marked right or wrong; the share right is eval's.
        let marked = [list.lines[1], list.lines[3]].flatMap { $0.spans.dropFirst() }
        XCTAssertGreaterThanOrEqual(marked.count, 10)
        let right = marked.filter { $0.emphasis == .good }.count
        XCTAssertEqual(cell.metrics["token_accuracy"] ?? -1, Double(right) / 10, accuracy: 1e-12)
        XCTAssertEqual(cell.metrics["token_accuracy"] ?? -1, eval.metrics["test_token_accuracy"] ?? -2, accuracy: 1e-12)
    }

    func testReconstructRefusesImagesAndIndicesPastTheEnd() throws {
        let q = try TinyQuestions("reconstruct-bad")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        XCTAssertThrowsError(try kernel.execute("reconstruct")) { XCTAssertTrue("\($0)".hasPrefix("reconstruct: no model yet"), "\($0)") }
        _ = try kernel.execute("model lstm latent=4 units=4 embedding=3")
        XCTAssertThrowsError(try kernel.execute("reconstruct from=2")) {
            XCTAssertEqual("\($0)", "reconstruct: option 'from' is 2, past the 2 test questions; choose 0…1")
        }
        _ = try kernel.execute("data mnist train=50 test=10")
        _ = try kernel.execute("model ae hidden=4 latent=2")
        XCTAssertThrowsError(try kernel.execute("reconstruct")) { XCTAssertTrue("\($0)".contains("a text model"), "\($0)") }
    }
}

final class TextGenerationTests: XCTestCase {
    func lines(_ kernel: Kernel, _ name: String) throws -> [String] {
        guard case .textList(let list) = try XCTUnwrap(kernel.pictures[name]) else {
            // A picture of another kind is a failure of the command, never a reason to skip.
            XCTFail("\(name) is not a text list"); return []
        }
        return list.lines.map { $0.spans.map(\.text).joined() }
    }

    /// On a text model the explorer decodes the point under the crosshair to a question, the
    /// same one the model's greedy decoding of that code gives.
    func testExploreDecodesTheCodeUnderTheCrosshairToAQuestion() throws {
        let q = try TinyQuestions("explore-text")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        _ = try kernel.execute("model seq2seq units=4 hidden=4 latent=2 embedding=3")
        _ = try kernel.execute("explore at=0.5,-0.25")
        let shown = try lines(kernel, "pin")
        let model = try XCTUnwrap(kernel.model), words = try XCTUnwrap(kernel.data?.train.text?.vocabulary.words)
        let expected = decodedQuestion(model.decodeTokens(Tensor([0.5, -0.25], shape: [1, 2]))[0], words: words)
        XCTAssertEqual(shown, ["(0.50, −0.25): " + expected])
        _ = try kernel.execute("explore at=0,0 to=1,1 steps=3")
        XCTAssertEqual(try lines(kernel, "path").count, 3)
    }

    /// While a text model trains, each epoch sends three fixed test questions over their greedy
    /// decoding, scored as `reconstruct` scores them: the text version of the image strip.
    func testTrainingSendsLiveQuestionsEachEpoch() throws {
        let q = try TinyQuestions("live-text")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        _ = try kernel.execute("model seq2seq units=4 hidden=4 latent=2 embedding=3")
        var lists: [TextListData] = []
        _ = try kernel.execute("train epochs=2 live=yes") { event in
            if case .figure(.textList(let list)) = event { lists.append(list) }
        }
        XCTAssertEqual(lists.map { String($0.title.prefix(17)) }, ["questions after e", "questions after e"])
        XCTAssertTrue(lists[1].title.hasPrefix("questions after epoch 2: "), lists[1].title)
        // The two test questions, each over its decoding.
        XCTAssertEqual(lists[1].lines.count, 4)
        XCTAssertEqual(lists[1].lines[0].spans.map(\.text).joined(), "   0  who <unk> the <unk> ?", "the tiny vocabulary keeps words seen twice")
        _ = try kernel.execute("reconstruct n=2")
        let shown = try lines(kernel, "reconstruct")
        XCTAssertEqual(lists[1].lines.map { $0.spans.map(\.text).joined() }, shown)
    }

    func testInterpolationEndsDecodeAsTheQuestionsThemselvesDo() throws {
        let q = try TinyQuestions("interpolate")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        _ = try kernel.execute("model seq2seq units=4 hidden=4 latent=2 embedding=3")
        _ = try kernel.execute("interpolate a=0 b=1 steps=5")
        let shown = try lines(kernel, "interpolate")
        // a, 5 steps at t = 0, 0.25 … 1, b.
        XCTAssertEqual(shown.count, 7)
        XCTAssertEqual(shown[0], "a  who wrote the odyssey ?")
        XCTAssertEqual(shown[6], "b  where is the louvre ?")
        XCTAssertTrue(shown[1].hasPrefix("0.00  ") && shown[5].hasPrefix("1.00  "), "\(shown)")
        // The ends are the questions' own codes, so they decode as reconstruct decodes them.
        _ = try kernel.execute("reconstruct n=2")
        let rebuilt = try lines(kernel, "reconstruct")
        func words(_ line: String) -> String {
            // reconstruct marks every position of the question, <pad>s too; interpolate stops at the first.
            let kept = line.dropFirst(6).split(separator: " ").prefix { $0 != "<pad>" }.joined(separator: " ")
            return kept.isEmpty ? "(nothing: <pad> first)" : kept
        }
        XCTAssertEqual(String(shown[1].dropFirst(6)), words(rebuilt[1]))
        XCTAssertEqual(String(shown[5].dropFirst(6)), words(rebuilt[3]))
        XCTAssertThrowsError(try kernel.execute("interpolate b=2")) {
            XCTAssertEqual("\($0)", "interpolate: option 'b' is 2, past the 2 test questions; choose 0…1")
        }
    }

    func testSampleDecodesDrawsFromThePriorToQuestions() throws {
        let q = try TinyQuestions("sample-text")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        _ = try kernel.execute("model seq2seq units=4 hidden=4 latent=2 embedding=3")
        let cell = try XCTUnwrap(kernel.execute("sample n=6 seed=3"))
        let shown = try lines(kernel, "sample")
        XCTAssertEqual(shown.count, 6)
        XCTAssertTrue(shown[5].hasPrefix("  6. "), shown[5])
        XCTAssertLessThanOrEqual(cell.metrics["distinct_samples"] ?? 0, 6)
        XCTAssertGreaterThanOrEqual(cell.metrics["distinct_samples"] ?? 0, 1)
        // The same seed draws the same codes.
        _ = try kernel.execute("sample n=6 seed=3")
        XCTAssertEqual(try lines(kernel, "sample"), shown)
        XCTAssertThrowsError(try kernel.execute("sample mode=grid")) { XCTAssertTrue("\($0)".contains("a text VAE takes mode=prior"), "\($0)") }
        _ = try kernel.execute("model lstm latent=4 units=4 embedding=3")
        XCTAssertThrowsError(try kernel.execute("sample")) { XCTAssertTrue("\($0)".contains("variational"), "\($0)") }
    }
}
