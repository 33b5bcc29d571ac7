import Foundation
import Tensors

/// Multinomial logistic regression with an L2 penalty on the weights, fitted by L-BFGS: the
/// model and objective of scikit-learn's `LogisticRegression` (lbfgs, multinomial), whose
/// `C` is `c` here: minimise mean cross-entropy + |W|² / (2·c·N), the biases unpenalised.
public struct LogisticRegression: Sendable {
    public let classes: Int
    public let features: Int
    /// Row-major [classes, features].
    public var weights: [Float]
    public var biases: [Float]
    /// L-BFGS steps taken.
    public var iterations: Int
    /// The objective at the solution.
    public var loss: Double

    /// Fits the rows of `x` [N, d] to `labels` in 0..<classes (default: the largest label + 1).
    /// - Parameter tolerance: stop when no gradient entry exceeds this.
    public init(fitting x: Tensor, labels: [Int], classes: Int? = nil, c: Double = 1,
                maxIterations: Int = 500, tolerance: Double = 1e-5) throws {
        let (n, d) = try rowsAndWidth(x, "the rows to classify")
        try requireCount(labels.count, "labels", n, "rows")
        try requireFinite(x, "the rows to classify")
        let k = try classes ?? classCount(labels, "labels")
        guard k >= 2 else { throw AnalysisError.invalid("logistic regression needs 2 or more classes, not \(k)") }
        if let bad = labels.first(where: { $0 < 0 || $0 >= k }) {
            throw AnalysisError.invalid("logistic regression: label \(bad) is outside the classes 0..<\(k)")
        }
        guard c > 0 else { throw AnalysisError.invalid("logistic regression: c must be positive, not \(c)") }
        let objective = Objective(x: x, labels: labels, classes: k, penalty: 1 / (c * Double(n)))
        let result = LBFGS.minimize(count: k * d + k, maxIterations: maxIterations, tolerance: tolerance, objective.evaluate)
        self.classes = k
        features = d
        weights = result.solution[0..<(k * d)].map { Float($0) }
        biases = result.solution[(k * d)...].map { Float($0) }
        iterations = result.iterations
        loss = result.value
    }

    /// Class probabilities of each row of `x`: [N, classes].
    public func probabilities(_ x: Tensor) throws -> Tensor {
        let (n, d) = try rowsAndWidth(x, "the rows to classify")
        try requireCount(d, "columns", features, "the classifier was fitted to")
        let w = Tensor(weights, shape: [classes, d])
        let logits = Tensor.withoutGradients { x.matmul(w, transposeOther: true) }
        for i in 0..<n {
            let row = logits.data + i * classes
            var top = -Float.infinity
            for t in 0..<classes { row[t] += biases[t]; top = max(top, row[t]) }
            var sum: Float = 0
            for t in 0..<classes { row[t] = Foundation.exp(row[t] - top); sum += row[t] }
            for t in 0..<classes { row[t] /= sum }
        }
        return logits
    }

    /// The most probable class of each row of `x` (ties to the smaller class).
    public func predict(_ x: Tensor) throws -> [Int] {
        let p = try probabilities(x)
        return (0..<p.shape[0]).map { i in
            let row = p.data + i * classes
            var best = 0
            for t in 1..<classes where row[t] > row[best] { best = t }
            return best
        }
    }

    /// The penalised mean cross-entropy and its gradient, by two GEMMs a call.
    struct Objective {
        let x: Tensor
        let labels: [Int]
        let classes: Int
        let penalty: Double

        func evaluate(_ theta: [Double], _ gradient: inout [Double]) -> Double {
            let n = x.shape[0], d = x.shape[1], k = classes
            let w = Tensor(theta[0..<(k * d)].map { Float($0) }, shape: [k, d])
            let g = Tensor.withoutGradients { x.matmul(w, transposeOther: true) }
            var loss = 0.0
            var biasGradient = [Double](repeating: 0, count: k)
            // Softmax in double precision; g becomes (P − Y)/N in place.
            var z = [Double](repeating: 0, count: k)
            for i in 0..<n {
                let row = g.data + i * k
                var top = -Double.infinity
                for t in 0..<k { z[t] = Double(row[t]) + theta[k * d + t]; top = max(top, z[t]) }
                var sum = 0.0
                for t in 0..<k { z[t] = Foundation.exp(z[t] - top); sum += z[t] }
                loss += Foundation.log(sum) + top - (Foundation.log(z[labels[i]]) + top)
                for t in 0..<k {
                    let e = (z[t] / sum - (t == labels[i] ? 1 : 0)) / Double(n)
                    row[t] = Float(e)
                    biasGradient[t] += e
                }
            }
            let wGradient = Tensor.withoutGradients { g.matmul(x, transposeSelf: true) }
            var squares = 0.0
            for j in 0..<(k * d) {
                squares += theta[j] * theta[j]
                gradient[j] = Double(wGradient.data[j]) + penalty * theta[j]
            }
            for t in 0..<k { gradient[k * d + t] = biasGradient[t] }
            return loss / Double(n) + penalty * squares / 2
        }
    }
}

/// Limited-memory BFGS (ten pairs) with a backtracking line search, from zero.
enum LBFGS {
    static func minimize(count: Int, maxIterations: Int, tolerance: Double,
                         _ f: ([Double], inout [Double]) -> Double) -> (solution: [Double], value: Double, iterations: Int) {
        let memory = 10
        var x = [Double](repeating: 0, count: count)
        var g = [Double](repeating: 0, count: count)
        var value = f(x, &g)
        var pairs: [(s: [Double], y: [Double], rho: Double)] = []
        var iterations = 0
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var s = 0.0
            for i in 0..<a.count { s += a[i] * b[i] }
            return s
        }
        while iterations < maxIterations, g.contains(where: { abs($0) > tolerance }) {
            iterations += 1
            // The two-loop recursion: direction = −H·g.
            var q = g
            var alphas = [Double](repeating: 0, count: pairs.count)
            for (m, pair) in pairs.enumerated().reversed() {
                alphas[m] = pair.rho * dot(pair.s, q)
                for i in 0..<count { q[i] -= alphas[m] * pair.y[i] }
            }
            if let last = pairs.last {
                let scale = dot(last.s, last.y) / dot(last.y, last.y)
                for i in 0..<count { q[i] *= scale }
            } else {
                let norm = dot(g, g).squareRoot()
                for i in 0..<count { q[i] /= max(norm, 1) }
            }
            for (m, pair) in pairs.enumerated() {
                let beta = pair.rho * dot(pair.y, q)
                for i in 0..<count { q[i] += (alphas[m] - beta) * pair.s[i] }
            }
            let slope = -dot(g, q)
            guard slope < 0 else { break }
            // Armijo backtracking along −q.
            var step = 1.0
            var next = x, nextGradient = g, nextValue = value
            var accepted = false
            for _ in 0..<40 {
                for i in 0..<count { next[i] = x[i] - step * q[i] }
                nextValue = f(next, &nextGradient)
                if nextValue <= value + 1e-4 * step * slope { accepted = true; break }
                step /= 2
            }
            // No decrease left at this precision: the gradients are computed in single precision.
            guard accepted else { break }
            var s = [Double](repeating: 0, count: count), y = s
            for i in 0..<count { s[i] = next[i] - x[i]; y[i] = nextGradient[i] - g[i] }
            let sy = dot(s, y)
            if sy > 1e-12 {
                pairs.append((s, y, 1 / sy))
                if pairs.count > memory { pairs.removeFirst() }
            }
            x = next
            g = nextGradient
            value = nextValue
        }
        return (x, value, iterations)
    }
}
