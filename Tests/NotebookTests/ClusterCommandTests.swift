import Foundation
@testable import Notebook
import Tensors
import XCTest

/// Four training questions of two kinds and one test question of each, as files.
struct TinyQuestions {
    let dir: URL
    var train: String { dir.appendingPathComponent("train.txt").path }
    var test: String { dir.appendingPathComponent("test.txt").path }

    init(_ name: String) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-text-\(getpid())-\(name)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "WHO\twho wrote hamlet ?\nWHO\twho painted the mona lisa ?\nWHERE\twhere is the eiffel tower ?\nWHERE\twhere is mount everest ?\n"
            .write(toFile: train, atomically: true, encoding: .utf8)
        try "WHO\twho wrote the odyssey ?\nWHERE\twhere is the louvre ?\n".write(toFile: test, atomically: true, encoding: .utf8)
    }

    /// A kernel with the questions loaded and a small model built for them.
    func kernel() throws -> Kernel {
        let kernel = Kernel()
        _ = try kernel.execute("data \(train) testfile=\(test)")
        _ = try kernel.execute("model ae hidden=4 latent=2")
        return kernel
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

final class ClusterCommandTests: XCTestCase {
    func testBaselineFindsTheTwoKindsOfQuestion() throws {
        let q = try TinyQuestions("baseline")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        // "who … ?" and "where is … ?" share only "?" and "the": two clean clusters, and each
        // test question's nearest training question asks the same way.
        let cell = try XCTUnwrap(kernel.execute("baseline tfidf dims=2"))
        XCTAssertEqual(cell.metrics["tfidf_cluster_nmi"] ?? 0, 1, accuracy: 1e-9)
        XCTAssertEqual(cell.metrics["tfidf_knn_p1"], 1)
        XCTAssertEqual(cell.metrics["tfidf_svd_knn_p1"], 1)
        XCTAssertTrue(cell.output.joined(separator: "\n").contains("k-means, k=2"), "\(cell.output)")
    }

    func testBaselineRefusesWhatItCannotMeasure() throws {
        let q = try TinyQuestions("baseline-bad")
        defer { q.remove() }
        let kernel = Kernel()
        XCTAssertThrowsError(try kernel.execute("baseline tfidf")) { XCTAssertEqual("\($0)", "baseline: no data loaded; start with 'data mnist'") }
        _ = try kernel.execute("data mnist train=100 test=50")
        XCTAssertThrowsError(try kernel.execute("baseline tfidf")) {
            XCTAssertEqual("\($0)", "baseline: mnist is not text; load questions first, e.g. 'data trec'")
        }
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        XCTAssertThrowsError(try kernel.execute("baseline")) { XCTAssertEqual("\($0)", "baseline: name a baseline: tfidf") }
        XCTAssertThrowsError(try kernel.execute("baseline tfidf k=5")) {
            XCTAssertEqual("\($0)", "baseline: option 'k' is 5, more than the 4 training texts; choose 1…4")
        }
        XCTAssertThrowsError(try kernel.execute("baseline tfidf labels=fine")) { XCTAssertTrue("\($0)".hasPrefix("baseline: option 'labels' is fine, but"), "\($0)") }
    }

    func testClusterScoresHandMadeCodes() throws {
        let q = try TinyQuestions("cluster")
        defer { q.remove() }
        let kernel = try q.kernel()
        // Two pairs of codes far apart, labelled WHO WHO WHERE WHERE: k-means finds the pairs.
        kernel.codes = (train: Tensor([1, 0, 1, 0.2, 0, 1, 0.2, 1], shape: [4, 2]), test: Tensor([1, 0.1, 0.1, 1], shape: [2, 2]))
        let cell = try XCTUnwrap(kernel.execute("cluster k=2 show=2 examples=2"))
        XCTAssertEqual(cell.metrics["cluster_nmi"] ?? 0, 1, accuracy: 1e-9)
        XCTAssertEqual(cell.metrics["cluster_purity"], 1)
        XCTAssertEqual(cell.metrics["knn_p1"], 1)
        guard case .textList(let list) = try XCTUnwrap(kernel.pictures["cluster"]) else { return XCTFail("not a text list") }
        let lines = list.lines.map { $0.spans.map(\.text).joined() }
        XCTAssertEqual(lines.count, 6, "\(lines)")
        XCTAssertTrue(lines[0].hasPrefix("cluster "), lines[0])
        XCTAssertTrue(lines[0].contains("2 (50%), most often"), lines[0])
        XCTAssertTrue(lines[1...2].allSatisfy { $0.hasPrefix(lines[1].prefix(3)) }, "a cluster's examples share its label: \(lines)")
    }

    func testClusterNMIAndPurityOfAMixedCluster() throws {
        let q = try TinyQuestions("cluster-mixed")
        defer { q.remove() }
        let kernel = try q.kernel()
        // The codes pair question 0 with 2 and 1 with 3: each cluster holds a WHO and a WHERE.
        kernel.codes = (train: Tensor([1, 0, 0, 1, 1, 0.1, 0.1, 1], shape: [4, 2]), test: Tensor([1, 0, 0, 1], shape: [2, 2]))
        let cell = try XCTUnwrap(kernel.execute("cluster k=2 show=0"))
        XCTAssertEqual(cell.metrics["cluster_nmi"] ?? 1, 0, accuracy: 1e-9)
        XCTAssertEqual(cell.metrics["cluster_purity"], 0.5)
        // Test question 0 (WHO) is nearest training question 0 (WHO), 1 (WHERE) nearest 1 (WHO).
        XCTAssertEqual(cell.metrics["knn_p1"], 0.5)
        // Three clusters of 4 codes: {0, 2}, {1}, {3}; labels WHO WHO WHERE WHERE.
        kernel.codes = (train: Tensor([1, 0, 0, 1, 1, 0.1, -1, -1], shape: [4, 2]), test: Tensor([1, 0, 0, 1], shape: [2, 2]))
        let three = try XCTUnwrap(kernel.execute("cluster k=3 show=0"))
        // I(L;C) = 0 (the mixed pair) + ¼·log 2 + ¼·log 2 = ½ log 2; H(L) = log 2; H(C) = 1.5 log 2.
        XCTAssertEqual(three.metrics["cluster_nmi"] ?? 0, 0.5 / 1.25, accuracy: 1e-9)
        XCTAssertEqual(three.metrics["cluster_purity"], 0.75)
    }

    func testClusterRefusesBadInputInOneLine() throws {
        let q = try TinyQuestions("cluster-bad")
        defer { q.remove() }
        let kernel = Kernel()
        _ = try kernel.execute("data \(q.train) testfile=\(q.test)")
        XCTAssertThrowsError(try kernel.execute("cluster")) { XCTAssertTrue("\($0)".hasPrefix("cluster: no model yet"), "\($0)") }
        _ = try kernel.execute("model ae hidden=4 latent=2")
        XCTAssertThrowsError(try kernel.execute("cluster k=9")) {
            XCTAssertEqual("\($0)", "cluster: option 'k' is 9, more than the 4 train examples; choose 1…4")
        }
        XCTAssertThrowsError(try kernel.execute("cluster labels=fine")) { XCTAssertTrue("\($0)".hasPrefix("cluster: option 'labels' is fine, but"), "\($0)") }
        XCTAssertThrowsError(try kernel.execute("cluster metric=manhattan")) { XCTAssertTrue("\($0)".contains("must be one of cosine, euclidean"), "\($0)") }
    }

    func testClusterWorksOnDigitCodesAndShowsTheClustersAsImages() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=50")
        _ = try kernel.execute("model ae hidden=16 latent=4")
        let cell = try XCTUnwrap(kernel.execute("cluster k=10 show=2 examples=3"))
        let nmi = try XCTUnwrap(cell.metrics["cluster_nmi"])
        XCTAssertTrue((0...1).contains(nmi), "\(nmi)")
        XCTAssertNotNil(cell.metrics["knn_p1"])
        guard case .images(let grid) = try XCTUnwrap(kernel.pictures["cluster"]) else { return XCTFail("not an image grid") }
        XCTAssertEqual(grid.count, 6)
        XCTAssertEqual(grid.columns, 3)
    }
}
