import Foundation
import Tensors

/// Updates parameters from their gradients after each batch.
public protocol Optimizer: AnyObject {
    var learningRate: Float { get set }
    /// Applies one step to every parameter that received a gradient.
    func step(_ parameters: [Tensor])
    /// A short description ("Adam(lr=0.0005)").
    var description: String { get }
}

/// Adam with Keras's defaults: β1 0.9, β2 0.999, ε 1e-7.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float
    public private(set) var iterations = 0
    private var moments: [ObjectIdentifier: (m: Storage, v: Storage)] = [:]

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public func step(_ parameters: [Tensor]) {
        iterations += 1
        let live = parameters.filter { $0.grad != nil }
        let gradients = live.map { $0.grad! }
        let states = live.map { p in
            moments[ObjectIdentifier(p)] ?? {
                let fresh = (m: Storage(zeros: p.count), v: Storage(zeros: p.count))
                moments[ObjectIdentifier(p)] = fresh
                return fresh
            }()
        }
        updateElementwise(live) { k, i, n in
            OptimizerKernels.adam(parameter: live[k].data + i, gradient: gradients[k] + i, m: states[k].m.pointer + i,
                                  v: states[k].v.pointer + i, count: n, learningRate: learningRate, beta1: beta1,
                                  beta2: beta2, epsilon: epsilon, step: iterations)
        }
    }

    public var description: String { "Adam(lr=\(learningRate))" }
}

/// Stochastic gradient descent with (Keras-style) momentum.
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float
    private var velocities: [ObjectIdentifier: Storage] = [:]

    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public func step(_ parameters: [Tensor]) {
        let live = parameters.filter { $0.grad != nil }
        let gradients = live.map { $0.grad! }
        let states = live.map { p in
            velocities[ObjectIdentifier(p)] ?? {
                let fresh = Storage(zeros: p.count)
                velocities[ObjectIdentifier(p)] = fresh
                return fresh
            }()
        }
        updateElementwise(live) { k, i, n in
            OptimizerKernels.sgd(parameter: live[k].data + i, gradient: gradients[k] + i, velocity: states[k].pointer + i,
                                 count: n, learningRate: learningRate, momentum: momentum)
        }
    }

    public var description: String { "SGD(lr=\(learningRate), momentum=\(momentum))" }
}

/// Runs an elementwise update, `update(k, start, count)` over a slice of parameter k, with the
/// parameters taken as one long array split between the cores: the same result, bit for bit,
/// in about half the time. The kernels clear each gradient as they read it, so afterwards the
/// gradients are marked spent.
private func updateElementwise(_ parameters: [Tensor], _ update: (Int, Int, Int) -> Void) {
    let total = parameters.reduce(0) { $0 + $1.count }
    Parallel.chunks(total) { range in
        var offset = 0
        for (k, p) in parameters.enumerated() {
            let lower = max(range.lowerBound, offset), upper = min(range.upperBound, offset + p.count)
            if lower < upper { update(k, lower - offset, upper - lower) }
            offset += p.count
        }
    }
    for p in parameters { p.gradientWasCleared() }
}
