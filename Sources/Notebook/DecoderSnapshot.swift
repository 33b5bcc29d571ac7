import Autoencoders
import Foundation
import Networks
import Tensors

/// A copy of a model's decoder that another thread may run: built on the kernel's thread from
/// the layers' specs and weights, then handed to the interface and used there alone, so the
/// explorer decodes under the crosshair on every key without asking the kernel.
///
/// The copy owns its weights (the kernel may train the model on afterwards), and the tensor
/// engine keeps no shared state a second thread could disturb: gradient recording is off per
/// thread, the buffer pool is locked, and the worker pool runs a caller's parts on the caller
/// when another thread holds it.
public final class DecoderSnapshot: @unchecked Sendable {
    private let decoder: Sequential
    private let lock = NSLock()
    /// The code width it takes.
    public let codeWidth: Int
    /// Values of one decoding.
    public let outputWidth: Int

    /// A copy of `decoder` with its weights as they are now.
    public init(copying decoder: Sequential) throws {
        var random = Random(seed: 0)
        let copy = try Sequential(name: decoder.name, inputShape: decoder.inputShape, specs: decoder.specs, random: &random)
        for (target, source) in zip(copy.parameters, decoder.parameters) {
            target.data.update(from: source.data, count: source.count)
        }
        self.decoder = copy
        codeWidth = decoder.inputShape.reduce(1, *)
        outputWidth = decoder.outputShape.reduce(1, *)
    }

    /// The decoder's output for one code of `codeWidth` values.
    public func decode(_ code: [Float]) -> [Float] {
        precondition(code.count == codeWidth, "a code of \(code.count) values for a decoder that takes \(codeWidth)")
        lock.lock()
        defer { lock.unlock() }
        let z = Tensor(code, shape: [1, codeWidth])
        let y = decoder.predict(z, batchSize: 1)
        return y.scalars
    }
}
