import Networks
import Tensors

/// The squared Frobenius norm of the encoder's Jacobian, ‖∂h/∂x‖²_F, as a differentiable op
/// built from matrix products (a contractive autoencoder's penalty, and a figure for any
/// dense encoder).
///
/// For h = f_L(W_Lᵀ… f_1(W_1ᵀx)), J = D_L W_Lᵀ ⋯ D_1 W_1ᵀ with D_l the activation slopes. The
/// norm is tr(J Jᵀ), and S_l = J_l J_lᵀ follows S_1 = D_1 (W_1ᵀW_1) D_1, S_l = D_l W_lᵀ S_{l−1} W_l D_l:
/// the input width (784) appears only in the one Gram matrix W_1ᵀW_1, shared by the batch.
enum Contractive {
    /// The encoder's code for `x`, and the batch mean of ‖J‖²_F.
    static func codeAndJacobianNorm(_ encoder: Sequential, _ x: Tensor, _ context: inout ForwardContext) -> (code: Tensor, norm: Tensor) {
        let batch = x.shape[0]
        var h = x
        var s: Tensor?
        for layer in encoder.layers {
            h = layer.forward(h, &context)
            guard let dense = layer as? Dense else { continue }
            let width = dense.bias.count
            let slope = slopes(of: h, activation: dense.activation)
            if let previous = s {
                // Wᵀ S W for symmetric S: (S·W)ᵀ·W.
                s = previous.matmul(dense.kernel).transposed().matmul(dense.kernel)
            } else {
                s = dense.kernel.matmul(dense.kernel, transposeSelf: true)
            }
            if let slope {
                s = s! * (slope.reshaped([batch, width, 1]) * slope.reshaped([batch, 1, width]))
            } else if s!.rank == 2 {
                s = s!.reshaped([1, width, width])
            }
        }
        guard let s else { return (h, Tensor(zeros: [])) }
        let width = s.shape[s.rank - 1]
        let identity = Tensor(zeros: [width, width])
        for i in 0..<width { identity.data[i * width + i] = 1 }
        // A linear encoder has one Jacobian for every example: then s holds just that one.
        let examples = s.shape[0] == 1 ? 1 : batch
        return (h, (s * identity).sum() * (1 / Float(examples)))
    }

    /// The activation's slope at each output, or nil where it is 1 everywhere (linear).
    private static func slopes(of y: Tensor, activation: Activation) -> Tensor? {
        switch activation {
        case .linear: return nil
        case .relu:
            let mask = Tensor(uninitialized: y.shape)
            for i in 0..<y.count { mask.data[i] = y.data[i] > 0 ? 1 : 0 }
            return mask
        case .sigmoid: return y * (1 - y)
        case .tanh: return 1 - y.squared()
        case .softmax:
            // Softmax is not elementwise; a code layer does not use it.
            return nil
        }
    }
}
