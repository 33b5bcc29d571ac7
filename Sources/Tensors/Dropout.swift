extension Tensor {
    /// Inverted dropout: each element is zeroed with probability `rate` and the survivors
    /// scaled by 1/(1 − rate), so inference needs no rescaling (as Keras does it).
    public func dropout(rate: Float, random: inout Random) -> Tensor {
        precondition(rate >= 0 && rate < 1, "dropout rate \(rate) is outside [0, 1)")
        let x = self
        let mask = Tensor(uninitialized: shape)
        let keep = 1 / (1 - rate)
        for i in 0..<count { mask.data[i] = random.uniform() < rate ? 0 : keep }
        let out = Tensor(uninitialized: shape)
        mapVectors(count, x.data, mask.data, out.data) { $0 * $1 }
        return Tensor.record(out, op: "dropout", inputs: [x]) { out in
            accumulateVectors(out.count, mask.data, out.grad!, into: x.gradAccumulator()) { m, g in m * g }
        }
    }
}
