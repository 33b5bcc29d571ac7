import Analysis
import Tensors
import XCTest

final class ClusteringTests: XCTestCase {
    /// Three groups: a unit square with its centre, a small square near (5, 5), a triangle near (9.5, 0).
    let points = Tensor([0, 0, 1, 0, 0, 1, 1, 1, 5, 5, 6, 5, 5, 6, 9, 0, 10, 0, 9.5, 1, 0.5, 0.5, 5.5, 5.5], shape: [12, 2])

    func testKMeansFindsTheThreeGroupsWithScikitLearnsInertia() throws {
        // Inertia by hand: the square and centre 4 · ½ = 2; the (5, 5) group about its mean
        // (5.375, 5.375) 1.375; the triangle about (9.5, ⅓) ½ + 6/9. Total 4.541667, as
        // sklearn.cluster.KMeans(3, n_init=10) reports.
        let km = try KMeans(fitting: points, k: 3, seed: 1)
        XCTAssertEqual(km.inertia, 4.541667, accuracy: 1e-5)
        let a = km.assignments
        XCTAssertEqual(Set([a[0], a[1], a[2], a[3], a[10]]).count, 1)
        XCTAssertEqual(Set([a[4], a[5], a[6], a[11]]).count, 1)
        XCTAssertEqual(Set([a[7], a[8], a[9]]).count, 1)
        XCTAssertEqual(km.sizes.sorted(), [3, 4, 5])
        let triangle = km.centroids[a[7]]
        XCTAssertEqual(triangle[0], 9.5, accuracy: 1e-6)
        XCTAssertEqual(triangle[1], 1.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(try km.assign(Tensor([9, 1, 0.2, 0.1], shape: [2, 2])), [a[7], a[0]])
    }

    func testKMeansKeepsTheBestRestartAndRepeatsUnderASeed() throws {
        // k = 2 (sklearn: 77.285714, the triangle joins the (5, 5) group); the runs of a seed repeat.
        let one = try KMeans(fitting: points, k: 2, restarts: 5, seed: 3)
        let again = try KMeans(fitting: points, k: 2, restarts: 5, seed: 3)
        XCTAssertEqual(one.inertia, 77.285714, accuracy: 1e-4)
        XCTAssertEqual(one.assignments, again.assignments)
        XCTAssertEqual(one.centroids, again.centroids)
        // As many clusters as rows: every row its own centre, inertia 0.
        XCTAssertEqual(try KMeans(fitting: points, k: 12, restarts: 2, seed: 3).inertia, 0, accuracy: 1e-9)
    }

    func testCosineKMeansGroupsByDirectionNotLength() throws {
        // Short and long vectors along two directions: cosine groups by direction.
        let x = Tensor([1, 0.1, 50, 4, 0.1, 1, 3, 40, 7, 0.2, 0.2, 9], shape: [6, 2])
        let km = try KMeans(fitting: x, k: 2, metric: .cosine, seed: 0)
        let a = km.assignments
        XCTAssertEqual(a[0], a[1]); XCTAssertEqual(a[0], a[4])
        XCTAssertEqual(a[2], a[3]); XCTAssertEqual(a[2], a[5])
        XCTAssertNotEqual(a[0], a[2])
    }

    func testNormalizedMutualInformationAndPurityByHand() throws {
        // Labels a a a b b b, clusters 0 0 1 1 2 2: I = (2/3) ln 2, H(L) = ln 2, H(C) = ln 3,
        // NMI = (2/3) ln 2 / ((ln 2 + ln 3)/2) = 0.5158037 (sklearn's normalized_mutual_info_score).
        let labels = [0, 0, 0, 1, 1, 1], clusters = [0, 0, 1, 1, 2, 2]
        XCTAssertEqual(try ClusterScores.normalizedMutualInformation(labels: labels, clusters: clusters), 0.5158037429793889, accuracy: 1e-12)
        // Purity: cluster 0 all a (2), cluster 1 one of each (1), cluster 2 all b (2): 5/6.
        XCTAssertEqual(try ClusterScores.purity(labels: labels, clusters: clusters), 5.0 / 6)
        // Independent labellings share nothing; a renumbered copy shares everything; unsplit sets match.
        XCTAssertEqual(try ClusterScores.normalizedMutualInformation(labels: [0, 0, 1, 1], clusters: [0, 1, 0, 1]), 0)
        XCTAssertEqual(try ClusterScores.normalizedMutualInformation(labels: [7, 7, 3], clusters: [1, 1, 0]), 1, accuracy: 1e-12)
        XCTAssertEqual(try ClusterScores.normalizedMutualInformation(labels: [5, 5, 5], clusters: [1, 1, 1]), 1)
        XCTAssertEqual(try ClusterScores.normalizedMutualInformation(labels: [1, 2, 3], clusters: [1, 1, 1]), 0)
    }

    func testLargestClustersListTheirMembers() throws {
        let largest = try ClusterScores.largestClusters([2, 0, 2, 1, 1, 2, 0], count: 2)
        XCTAssertEqual(largest.map(\.cluster), [2, 0], "clusters 0 and 1 both hold two; 0 comes first")
        XCTAssertEqual(largest[0].members, [0, 2, 5])
        XCTAssertEqual(largest[1].members, [1, 6])
    }

    func testRefusesBadClusteringRequests() {
        XCTAssertThrowsError(try KMeans(fitting: points, k: 13, seed: 0)) { error in
            XCTAssertEqual("\(error)", "k-means: 13 clusters asked of 12 rows; choose 1…12")
        }
        XCTAssertThrowsError(try KMeans(fitting: Tensor(zeros: [0, 2]), k: 1, seed: 0))
        XCTAssertThrowsError(try KMeans(fitting: points, k: 2, restarts: 0, seed: 0))
        XCTAssertThrowsError(try ClusterScores.purity(labels: [0, 1], clusters: [0])) { error in
            XCTAssertEqual(error as? AnalysisError, .mismatch("1 cluster assignments for 2 labels"))
        }
        XCTAssertThrowsError(try ClusterScores.normalizedMutualInformation(labels: [], clusters: []))
        XCTAssertThrowsError(try ClusterScores.largestClusters([0], count: 0))
    }
}
