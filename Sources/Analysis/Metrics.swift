import Foundation
import Tensors

/// Scores of predictions and reconstructions.
public enum Metrics {
    /// The area under the ROC curve: the chance that a random positive scores above a random
    /// negative, ties counting half (the Mann–Whitney U over n₊·n₋, from mid-ranks).
    public static func rocAUC(scores: [Float], positives: [Bool]) throws -> Double {
        try requireCount(positives.count, "positive/negative flags", scores.count, "scores")
        guard scores.allSatisfy(\.isFinite) else { throw AnalysisError.invalid("ROC AUC: a score is NaN or infinite") }
        let nPositive = positives.filter { $0 }.count, nNegative = positives.count - nPositive
        guard nPositive > 0, nNegative > 0 else {
            throw AnalysisError.invalid("ROC AUC needs both positives and negatives; got \(nPositive) and \(nNegative)")
        }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        // Sum of the positives' ranks (1-based), a run of equal scores sharing its mean rank.
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for i in start...end where positives[order[i]] { rankSum += midRank }
            start = end + 1
        }
        let u = rankSum - Double(nPositive) * Double(nPositive + 1) / 2
        return u / (Double(nPositive) * Double(nNegative))
    }

    /// The mean of the squared differences of two tensors of the same shape.
    public static func meanSquaredError(_ a: Tensor, _ b: Tensor) throws -> Double {
        guard a.shape == b.shape else { throw AnalysisError.mismatch("mean squared error of shapes \(a.shape) and \(b.shape); they must agree") }
        guard a.count > 0 else { throw AnalysisError.empty("mean squared error of empty tensors") }
        var sum = 0.0
        for i in 0..<a.count { let e = Double(a.data[i]) - Double(b.data[i]); sum += e * e }
        return sum / Double(a.count)
    }

    /// Peak signal-to-noise ratio in decibels over all values: 10·log₁₀(peak² / MSE); +∞ for
    /// an exact copy. `peak` is the largest possible value (1 for images in 0…1).
    public static func psnr(_ reference: Tensor, _ reconstruction: Tensor, peak: Double = 1) throws -> Double {
        guard peak > 0 else { throw AnalysisError.invalid("PSNR: the peak value must be positive, not \(peak)") }
        let mse = try meanSquaredError(reference, reconstruction)
        return 10 * Foundation.log10(peak * peak / mse)
    }

    /// PSNR of each row (image) of [N, d] tensors on its own; average these for the mean
    /// per-image PSNR many papers report.
    public static func psnrPerRow(_ reference: Tensor, _ reconstruction: Tensor, peak: Double = 1) throws -> [Double] {
        guard peak > 0 else { throw AnalysisError.invalid("PSNR: the peak value must be positive, not \(peak)") }
        guard reference.shape == reconstruction.shape else {
            throw AnalysisError.mismatch("PSNR of shapes \(reference.shape) and \(reconstruction.shape); they must agree")
        }
        let (n, d) = try rowsAndWidth(reference, "the reference rows")
        return (0..<n).map { i in
            var sum = 0.0
            for j in 0..<d { let e = Double(reference.data[i * d + j]) - Double(reconstruction.data[i * d + j]); sum += e * e }
            return 10 * Foundation.log10(peak * peak / (sum / Double(d)))
        }
    }

    /// The share of `predicted` labels equal to `labels`.
    public static func accuracy(predicted: [Int], labels: [Int]) throws -> Double {
        guard !labels.isEmpty else { throw AnalysisError.empty("accuracy of no predictions") }
        try requireCount(predicted.count, "predictions", labels.count, "labels")
        return Retrieval.accuracy(predicted, labels)
    }
}
