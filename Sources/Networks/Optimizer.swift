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
        for p in parameters {
            guard let g = p.grad else { continue }
            let state = moments[ObjectIdentifier(p)] ?? {
                let fresh = (m: Storage(zeros: p.count), v: Storage(zeros: p.count))
                moments[ObjectIdentifier(p)] = fresh
                return fresh
            }()
            OptimizerKernels.adam(parameter: p.data, gradient: g, m: state.m.pointer, v: state.v.pointer, count: p.count,
                                  learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, step: iterations)
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
        for p in parameters {
            guard let g = p.grad else { continue }
            let velocity = velocities[ObjectIdentifier(p)] ?? {
                let fresh = Storage(zeros: p.count)
                velocities[ObjectIdentifier(p)] = fresh
                return fresh
            }()
            OptimizerKernels.sgd(parameter: p.data, gradient: g, velocity: velocity.pointer, count: p.count,
                                 learningRate: learningRate, momentum: momentum)
        }
    }

    public var description: String { "SGD(lr=\(learningRate), momentum=\(momentum))" }
}
