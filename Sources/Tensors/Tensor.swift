import Foundation

/// A Float32 array with a shape, and a node of the reverse-mode autodiff graph.
///
/// Every op computes its result and registers, next to it, a closure that turns the result's
/// gradient into its inputs' gradients (see `Tensor.record`). `backward()` sorts the graph that
/// led to a tensor and runs those closures in reverse. Only tensors that need a gradient are
/// linked into the graph; inside `Tensor.withoutGradients` nothing is.
public final class Tensor: CustomStringConvertible {
    public let shape: [Int]
    public let count: Int
    public let storage: Storage
    /// The first element; rows are contiguous (row-major, last axis fastest).
    public var data: UnsafeMutablePointer<Float> { storage.pointer }

    /// Whether gradients flow to this tensor: parameters, and results of ops on them.
    public internal(set) var requiresGrad: Bool
    /// A readable name: a parameter's ("dense_1/kernel") or the op that made it.
    public var name: String

    var gradStorage: Storage?
    /// What `gradStorage` holds in the current backward pass.
    var gradientState = GradientState.none
    private(set) var parents: [Tensor] = []
    private var backwardFunction: ((Tensor) -> Void)?

    /// A tensor over existing storage (a view when `storage` is shared).
    init(shape: [Int], storage: Storage, name: String = "", requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        let count = shape.reduce(1, *)
        precondition(count <= storage.capacity, "shape \(shape) exceeds its storage")
        self.shape = shape
        self.count = count
        self.storage = storage
        self.name = name
        self.requiresGrad = requiresGrad
    }

    /// Releases the graph behind this tensor without recursion. Left to Swift, a node frees its
    /// parents from inside its own deinit, one stack frame per op: a 100,000-step chain (a long
    /// unrolled sequence, a deep stack of layers) would overflow the stack when dropped.
    deinit {
        guard !parents.isEmpty else { return }
        // The closure holds the inputs too; drop it first so that `pending` can own them alone.
        backwardFunction = nil
        var pending = parents
        parents = []
        while var node = pending.popLast() {
            // A node someone else still holds stays linked; its graph goes when they let go.
            guard isKnownUniquelyReferenced(&node) else { continue }
            node.backwardFunction = nil
            pending.append(contentsOf: node.parents)
            node.parents = []
            // `node` is released here, with nothing left for its own deinit to release.
        }
    }

    /// An uninitialised tensor; callers fill it.
    public convenience init(uninitialized shape: [Int], name: String = "") {
        self.init(shape: shape, storage: Storage(capacity: shape.reduce(1, *)), name: name)
    }

    public convenience init(zeros shape: [Int], name: String = "") {
        self.init(shape: shape, storage: Storage(zeros: shape.reduce(1, *)), name: name)
    }

    public convenience init(repeating value: Float, shape: [Int]) {
        self.init(uninitialized: shape)
        data.update(repeating: value, count: count)
    }

    public convenience init(_ values: [Float], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
        self.init(uninitialized: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    /// A trainable parameter: a leaf of the graph that collects gradients.
    public static func parameter(_ shape: [Int], name: String, initializer: (UnsafeMutablePointer<Float>, Int) -> Void) -> Tensor {
        let t = Tensor(zeros: shape, name: name)
        initializer(t.data, t.count)
        t.requiresGrad = true
        return t
    }

    public var rank: Int { shape.count }
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }
    /// The value of a one-element tensor.
    public var item: Float { precondition(count == 1, "item of a tensor of shape \(shape)"); return data[0] }

    public var description: String {
        let preview = scalars.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor\(shape)[\(preview)\(count > 8 ? ", …" : "")]"
    }

    // MARK: Gradients

    /// What a tensor's gradient buffer holds during a backward pass.
    enum GradientState {
        /// No contribution yet and unknown contents: the first contribution writes (or zeroes
        /// first), which saves a pass over every parameter gradient each batch.
        case none
        /// No contribution yet, but the buffer holds zeros (an optimiser cleared it as it read
        /// it), so the first contribution adds: a GEMM with beta 0 would zero C in a pass of its own.
        case cleared
        /// This pass's gradient; further contributions add.
        case set
    }

    /// The gradient from the last `backward()`, or nil if none reached this tensor.
    public var grad: UnsafeMutablePointer<Float>? { gradientState == .set ? gradStorage?.pointer : nil }
    public var gradScalars: [Float]? { grad.map { Array(UnsafeBufferPointer(start: $0, count: count)) } }

    /// The gradient buffer, zeroed on the first contribution of a pass; contributions add.
    func gradAccumulator() -> UnsafeMutablePointer<Float> {
        if gradStorage == nil { gradStorage = Storage(capacity: count) }
        if gradientState == .none { gradStorage!.pointer.update(repeating: 0, count: count) }
        gradientState = .set
        return gradStorage!.pointer
    }

    /// The gradient buffer and the GEMM `beta` to write into it with: 0 for the first
    /// contribution of a pass (no zeroing needed), 1 for later ones and into a cleared buffer.
    func gradForGEMM() -> (pointer: UnsafeMutablePointer<Float>, beta: Float) {
        if gradStorage == nil { gradStorage = Storage(capacity: count) }
        let beta: Float = gradientState == .none ? 0 : 1
        gradientState = .set
        return (gradStorage!.pointer, beta)
    }

    /// Forgets the gradient (without touching memory); the next pass starts from zero.
    public func zeroGrad() {
        if gradientState == .set { gradientState = .none }
    }

    /// Says that whoever read the gradient also wrote zeros over it (the optimisers' kernels do):
    /// the gradient is spent, and the next pass can add into the buffer as it is.
    public func gradientWasCleared() {
        gradientState = gradStorage == nil ? .none : .cleared
    }

    /// Builds the result of an op. When gradients are on and an input needs one, the result is
    /// linked to its inputs and remembers `backward`, which reads `result.grad` and adds to the
    /// inputs' gradients.
    static func record(_ result: Tensor, op: String, inputs: [Tensor], backward: @escaping (Tensor) -> Void) -> Tensor {
        result.name = op
        if GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) {
            result.requiresGrad = true
            result.parents = inputs
            result.backwardFunction = backward
        }
        return result
    }

    /// Computes the gradient of this tensor (usually a scalar loss) with respect to every tensor
    /// that led to it. The seed gradient is 1 for each element.
    public func backward() {
        guard requiresGrad else { return }
        let order = topologicalOrder()
        // Every tensor in the graph starts from zero, parameters included: each backward pass
        // gives the gradient of this loss alone (the optimiser steps between passes).
        for node in order { node.zeroGrad() }
        gradAccumulator().update(repeating: 1, count: count)
        for node in order.reversed() {
            guard let function = node.backwardFunction, node.gradientState == .set else { continue }
            function(node)
            // An intermediate gradient is spent once passed on; hand its buffer back early.
            node.gradStorage = nil
            node.gradientState = .none
        }
    }

    /// Inputs before outputs, each node once (iterative, so deep graphs cannot overflow the stack).
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while let (node, next) = stack.popLast() {
            if next < node.parents.count {
                stack.append((node, next + 1))
                let parent = node.parents[next]
                if parent.requiresGrad, visited.insert(ObjectIdentifier(parent)).inserted {
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }

    /// Runs `body` with graph recording off on this thread (inference, metrics, optimiser steps).
    public static func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
        try GradMode.recordingOff(body)
    }
}

/// Whether ops record the graph, per thread: training on one thread and drawing a scatter on
/// another must not disturb each other.
enum GradMode {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var isEnabled: Bool { pthread_getspecific(key) == nil }

    static func recordingOff<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, previous) }
        return try body()
    }
}
