import Datasets
import Foundation
@testable import Notebook
import XCTest

/// `data … hash=N` and `embedclassify`: seed 001's word-embedding experiment, and its bad inputs.
final class EmbedClassifyTests: XCTestCase {
    private var reviews: String { (try? DataCatalog.assetsDirectory()).map { $0 + "/reviews.txt" } ?? "assets/reviews.txt" }

    func testTheShippedReviewsAreEightOfTheSeedsForm() throws {
        let lines = try String(contentsOfFile: reviews, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 8)
        XCTAssertEqual(lines.filter { $0.hasPrefix("positive\t") }.count, 4)
        XCTAssertEqual(lines.filter { $0.hasPrefix("negative\t") }.count, 4)
        XCTAssertTrue(lines.allSatisfy { $0.split(separator: "\t")[1].split(separator: " ").count <= 4 }, "no review is cut at length 4")
    }

    func testItLearnsTheReviewsAndPrintsTheVectorOfEveryBucketWithItsWords() throws {
        let kernel = Kernel()
        let data = try XCTUnwrap(kernel.execute("data \(reviews) hash=20 length=4 punctuation=none testfile=\(reviews)"))
        XCTAssertEqual(data.metrics["vocabulary"], 20)
        // "poor" and "work" share bucket 14 (FNV-1a mod 19 + 1, as WordHashingTests pins).
        let hashing = WordHashing(buckets: 20)
        XCTAssertEqual(hashing.id("poor"), hashing.id("work"))
        XCTAssertTrue(data.output.contains("  #\(hashing.id("work")): work, poor"), data.output.joined(separator: "\n"))

        // Longer and faster than the seed's 50 epochs at 0.001, so that every review is learnt.
        let result = try XCTUnwrap(kernel.execute("embedclassify dim=8 epochs=200 lr=0.01"))
        XCTAssertEqual(result.metrics["accuracy"], 1)
        XCTAssertEqual(result.metrics["test_accuracy"], 1)
        XCTAssertLessThan(try XCTUnwrap(result.metrics["loss"]), 0.3)
        XCTAssertEqual(result.metrics["precision_1"], 1)
        XCTAssertEqual(result.metrics["vector_dim"], 8)
        let words = ["well", "done", "great", "work", "nice", "effort", "excellent", "job", "poor", "weak", "not", "good", "could", "be", "better"]
        let buckets = Set(words.map(hashing.id))
        XCTAssertEqual(result.metrics["ids_used"], Double(buckets.count + 1), "the words' buckets and padding")
        XCTAssertEqual(result.metrics["shared_ids"], Double(buckets.filter { b in words.filter { hashing.id($0) == b }.count > 1 }.count))
        XCTAssertTrue(result.output.contains { $0.hasPrefix("\(hashing.id("work"))".padding(6) + "work, poor") }, result.output.joined(separator: "\n"))
        XCTAssertTrue(result.output.contains { $0.contains("negative") && $0.contains("1.0000") && $0.hasSuffix("4") })
        XCTAssertTrue(result.output.contains("the test set is the training set (testfile= the same file), as the seed evaluates"))
    }

    func testItNeedsLabelledText() throws {
        let kernel = Kernel()
        XCTAssertThrowsError(try kernel.execute("embedclassify")) { XCTAssertTrue("\($0)".contains("no data loaded"), "\($0)") }
        _ = try kernel.execute("data mnist train=50 test=10")
        XCTAssertThrowsError(try kernel.execute("embedclassify")) { XCTAssertTrue("\($0)".contains("is not text"), "\($0)") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-unlabelled-\(getpid()).txt").path
        try "good work\npoor work\nwell done\nnot good\nweak effort\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        _ = try kernel.execute("data \(path) hash=8 length=3")
        XCTAssertThrowsError(try kernel.execute("embedclassify")) { XCTAssertTrue("\($0)".contains("has no labels"), "\($0)") }
    }

    /// Each bad input stops `aelab run` with status 2 and one line naming the option or the file.
    func testBadInputsAreOneLineAndStatusTwo() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-empty-\(getpid()).txt").path
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        defer { unlink(empty) }
        let cases: [(line: String, says: String)] = [
            ("data \(reviews) hash=0", "hash"),
            ("data \(reviews) hash=1", "hash"),
            ("data \(reviews) hash=99999999999", "hash"),
            ("data \(reviews) hash=20 length=0", "length"),
            ("data \(reviews) hash=20 vocab=10", "vocab"),
            ("data \(empty) hash=20", "the file is empty"),
            ("data \(reviews) hash=20 length=4\nembedclassify dim=0", "dim"),
        ]
        for c in cases {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-bad-\(getpid())-\(abs(c.line.hashValue)).ae").path
            try c.line.write(toFile: path, atomically: true, encoding: .utf8)
            defer { unlink(path) }
            var err: [String] = []
            var runner = NotebookRunner(path: path, format: .text)
            runner.write = { _ in }
            runner.writeError = { err.append($0) }
            XCTAssertEqual(runner.run(), 2, c.line)
            XCTAssertEqual(err.count, 1, c.line)
            XCTAssertTrue(err.first?.contains(c.says) == true, "\(c.line): \(err)")
            XCTAssertFalse(err.first?.contains("\n") == true, c.line)
        }
    }
}
