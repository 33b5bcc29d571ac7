import Tensors

/// Keras's `Flatten`: each example as one vector.
public final class Flatten: ShapeOnlyLayer {
    public let name: String
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .flatten }

    public init(name: String) { self.name = name }

    public func outputShape(_ input: [Int]) throws -> [Int] { [input.reduce(1, *)] }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        x.reshaped([x.shape.first ?? 0, x.shape.dropFirst().reduce(1, *)])
    }

    public func multiplyAdds(input: [Int]) -> Double { 0 }
}

/// Keras's `Reshape`: each example in `target` shape (one entry may be -1, inferred).
public final class Reshape: ShapeOnlyLayer {
    public let name: String
    /// As given, perhaps with a -1.
    public let target: [Int]
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .reshape(target) }

    public init(name: String, target: [Int]) {
        self.name = name
        self.target = target
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        let count = input.reduce(1, *)
        let unknowns = target.filter { $0 == -1 }.count
        guard unknowns <= 1, target.allSatisfy({ $0 > 0 || $0 == -1 }) else {
            throw ShapeError("\(name): a reshape target needs positive sizes and at most one -1, got \(target)")
        }
        let known = target.filter { $0 != -1 }.reduce(1, *)
        if unknowns == 1 {
            guard count % known == 0 else {
                throw ShapeError("\(name): cannot reshape \(input) (\(count) values) to \(target): \(count) is not a multiple of \(known)")
            }
            return target.map { $0 == -1 ? count / known : $0 }
        }
        guard known == count else {
            throw ShapeError("\(name): cannot reshape \(input) (\(count) values) to \(target) (\(known) values)")
        }
        return target
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        let example = (try? outputShape(Array(x.shape.dropFirst()))) ?? target
        return x.reshaped([x.shape.first ?? 0] + example)
    }

    public func multiplyAdds(input: [Int]) -> Double { 0 }
}

/// Keras's `ActivityRegularization` with an L1 factor: passes its input through and adds
/// l1·Σ|a| / batch to the loss (Keras sums over the batch and divides by its size), through
/// `ForwardContext.penalties`. Put it after any layer to regularise that layer's output.
public final class ActivityRegularization: Layer {
    public let name: String
    public let l1: Float
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .l1Activity(l1) }

    public init(name: String, l1: Float) {
        self.name = name
        self.l1 = l1
    }

    public func outputShape(_ input: [Int]) throws -> [Int] { input }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        if l1 > 0 {
            let batch = Float(max(x.shape.first ?? 1, 1))
            context.penalties.append((name: name, value: x.abs().sum() * (l1 / batch)))
        }
        return x
    }

    public func multiplyAdds(input: [Int]) -> Double { 0 }
}
