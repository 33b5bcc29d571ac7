import Foundation
@testable import Notebook
import Rendering
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
