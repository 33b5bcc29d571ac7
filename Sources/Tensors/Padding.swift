/// How a convolution or pooling window treats the border, with Keras's output sizes.
public enum Padding: String, Codable, CaseIterable, Sendable {
    /// Zeros around the input so that the output has ⌈in / stride⌉ positions; when the padding
    /// is odd, the extra row or column goes at the bottom or right (as TensorFlow does).
    case same
    /// No padding: only windows that fit inside the input, ⌊(in − kernel) / stride⌋ + 1 of them.
    case valid

    /// The number of window positions along an axis of `input` elements (0 when none fits).
    public func outputLength(input: Int, kernel: Int, stride: Int) -> Int {
        switch self {
        case .same: return (input + stride - 1) / stride
        case .valid: return input < kernel ? 0 : (input - kernel) / stride + 1
        }
    }

    /// A transposed convolution's output length, as Keras's `deconv_output_length`:
    /// in·stride for 'same', in·stride + max(kernel − stride, 0) for 'valid'
    /// (that is (in − 1)·stride + kernel whenever kernel ≥ stride).
    public func transposedOutputLength(input: Int, kernel: Int, stride: Int) -> Int {
        switch self {
        case .same: return input * stride
        case .valid: return input * stride + max(kernel - stride, 0)
        }
    }

    /// Zeros before the first element (top or left); the rest of the padding goes after.
    func leadingPad(input: Int, kernel: Int, stride: Int) -> Int {
        switch self {
        case .same:
            let output = outputLength(input: input, kernel: kernel, stride: stride)
            return max((output - 1) * stride + kernel - input, 0) / 2
        case .valid: return 0
        }
    }
}
