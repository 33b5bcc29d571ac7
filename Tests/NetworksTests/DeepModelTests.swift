import Foundation
@testable import Networks
import Tensors
import XCTest

/// A model of 50,000 layers (a saved architecture can list that many): built, run forwards
/// and backwards and dropped without recursing once per layer, on a thread with a small stack.
final class DeepModelTests: XCTestCase {
    func testFiftyThousandLayersTrainAndAreReleasedOnASmallStack() throws {
        let (output, gradient) = try onSmallStack { () throws -> ([Float], Float?) in
            var random = Random(seed: 0)
            let specs = Array(repeating: LayerSpec.dense(units: 1, activation: .linear), count: 50_000)
            let model = try Sequential(name: "deep", inputShape: [1], specs: specs, random: &random)
            // Every kernel 1 and bias 0: the model is the identity, so y = x and ∂Σy/∂w₁ = Σx = 2 + 3.
            for layer in model.layers.compactMap({ $0 as? Dense }) {
                layer.kernel.data[0] = 1
                layer.bias.data[0] = 0
            }
            var context = ForwardContext.inference
            let y = model(Tensor([2, 3], shape: [2, 1]), &context)
            y.sum().backward()
            return (y.scalars, (model.layers.first as? Dense)?.kernel.gradScalars?.first)
        }
        XCTAssertEqual(output, [2, 3])
        XCTAssertEqual(gradient, 5)
    }

    /// Runs `body` on a thread with a 512 KB stack and hands back its result or error.
    private func onSmallStack<T>(_ body: @escaping () throws -> T) throws -> T {
        let box = ResultBox<T>()
        box.body = body
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result(catching: box.body!)
            box.body = nil
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        return try box.result!.get()
    }
}

/// Carries a result from the worker thread back (the semaphore orders the accesses).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
    var body: (() throws -> T)?
}
