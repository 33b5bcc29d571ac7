import Tensors

/// The plain text baselines to set beside a text autoencoder's figures, measured in one call on
/// the same documents: TF-IDF with k-means, TF-IDF nearest neighbours, and TF-IDF reduced by
/// truncated SVD (latent semantic analysis) nearest neighbours.
public struct TextBaselines: Sendable {
    /// NMI against the labels of k-means (k = the number of classes unless given, 10 restarts)
    /// on the TF-IDF rows of the training documents.
    public var tfidfKMeansNMI: Double
    /// P@1 of each test document's nearest training document by cosine of TF-IDF rows.
    public var tfidfNearestP1: Double
    /// P@1 as above after truncated SVD of the training TF-IDF rows to `dimensions`.
    public var svdNearestP1: Double

    /// Measures the three baselines; the idf and the SVD are fitted to the training documents.
    public init(train: [[Int]], trainLabels: [Int], test: [[Int]], testLabels: [Int], vocabularySize: Int,
                clusters: Int? = nil, dimensions: Int = 100, seed: UInt64 = 0) throws {
        try requireCount(trainLabels.count, "training labels", train.count, "training documents")
        try requireCount(testLabels.count, "test labels", test.count, "test documents")
        let tfidf = try TFIDF(fitting: train, vocabularySize: vocabularySize)
        let trainRows = try tfidf.transform(train), testRows = try tfidf.transform(test)
        let k = clusters ?? Set(trainLabels).count
        // TF-IDF rows have unit length already, so euclidean k-means is cosine k-means.
        let kmeans = try KMeans(fitting: trainRows, k: k, seed: seed)
        tfidfKMeansNMI = try ClusterScores.normalizedMutualInformation(labels: trainLabels, clusters: kmeans.assignments)
        tfidfNearestP1 = try Retrieval.precisionAtK(queries: testRows, queryLabels: testLabels, references: trainRows,
                                                    referenceLabels: trainLabels, k: 1, metric: .cosine)
        let svd = try TruncatedSVD(fitting: trainRows, dimensions: dimensions, seed: seed)
        svdNearestP1 = try Retrieval.precisionAtK(queries: svd.transform(testRows), queryLabels: testLabels,
                                                  references: svd.transform(trainRows), referenceLabels: trainLabels,
                                                  k: 1, metric: .cosine)
    }
}
