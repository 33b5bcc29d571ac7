import Tensors

/// Keras's `Conv2D`: activation(conv(x, W) + b) over [H, W, C] images, with an HWIO kernel
/// [k, k, C, filters], Glorot-uniform W (fan-in k·k·C, fan-out k·k·filters) and zero b.
public final class Conv2D: ActivatedLayer {
    public let name: String
    public let kernel: Tensor
    public let bias: Tensor
    public let stride: Int
    public let padding: Padding
    public let activation: Activation
    public var parameters: [Tensor] { [kernel, bias] }
    public var spec: LayerSpec {
        .conv2D(filters: bias.count, kernel: kernel.shape[0], stride: stride, padding: padding, activation: activation)
    }

    public init(name: String, inputChannels: Int, filters: Int, kernel size: Int, stride: Int = 1,
                padding: Padding = .valid, activation: Activation = .linear, weights: WeightInit = .keras, random: inout Random) {
        self.name = name
        self.stride = stride
        self.padding = padding
        self.activation = activation
        (kernel, bias) = convolutionParameters(name: name, kernel: [size, size, inputChannels, filters], filters: filters,
                                               weights: weights, random: &random)
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        let (height, width) = try imageSize(input, layer: name, type: typeName, channels: kernel.shape[2])
        let size = kernel.shape[0]
        let out = (padding.outputLength(input: height, kernel: size, stride: stride),
                   padding.outputLength(input: width, kernel: size, stride: stride))
        guard out.0 > 0, out.1 > 0 else {
            throw ShapeError("\(name): a \(size)×\(size) kernel with '\(padding.rawValue)' padding does not fit a \(height)×\(width) input")
        }
        return [out.0, out.1, bias.count]
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        forward(x, &context, activation: activation)
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext, activation: Activation) -> Tensor {
        x.conv2d(kernel: kernel, bias: bias, stride: stride, padding: padding, activation: activation)
    }

    /// One multiply-add per kernel weight at every output position.
    public func multiplyAdds(input: [Int]) -> Double {
        guard let out = try? outputShape(input) else { return 0 }
        return Double(out[0] * out[1]) * Double(kernel.count)
    }
}

/// Keras's `Conv2DTranspose`: the gradient of a convolution as a layer, for upsampling
/// decoders. The kernel is [k, k, filters, C] (Keras's layout); output sizes follow Keras
/// (in·stride for 'same', in·stride + max(k − stride, 0) for 'valid').
public final class Conv2DTranspose: ActivatedLayer {
    public let name: String
    public let kernel: Tensor
    public let bias: Tensor
    public let stride: Int
    public let padding: Padding
    public let activation: Activation
    public var parameters: [Tensor] { [kernel, bias] }
    public var spec: LayerSpec {
        .conv2DTranspose(filters: bias.count, kernel: kernel.shape[0], stride: stride, padding: padding, activation: activation)
    }

    public init(name: String, inputChannels: Int, filters: Int, kernel size: Int, stride: Int = 1,
                padding: Padding = .valid, activation: Activation = .linear, weights: WeightInit = .keras, random: inout Random) {
        self.name = name
        self.stride = stride
        self.padding = padding
        self.activation = activation
        // Keras's layout [k, k, filters, in]; PyTorch's ConvTranspose2d weight [in, out, k, k]
        // also gives fan_in = out·k².
        (kernel, bias) = convolutionParameters(name: name, kernel: [size, size, filters, inputChannels], filters: filters,
                                               weights: weights, random: &random)
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        let (height, width) = try imageSize(input, layer: name, type: typeName, channels: kernel.shape[3])
        let size = kernel.shape[0]
        return [padding.transposedOutputLength(input: height, kernel: size, stride: stride),
                padding.transposedOutputLength(input: width, kernel: size, stride: stride), bias.count]
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        forward(x, &context, activation: activation)
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext, activation: Activation) -> Tensor {
        x.conv2dTranspose(kernel: kernel, bias: bias, stride: stride, padding: padding, activation: activation)
    }

    /// One multiply-add per kernel weight at every input position.
    public func multiplyAdds(input: [Int]) -> Double { Double(input.prefix(2).reduce(1, *)) * Double(kernel.count) }
}

/// A convolution's kernel of shape [kh, kw, a, b] and its bias of `filters`, drawn by `weights`
/// with the fans Keras reads from the kernel's last two axes: fan-in kh·kw·a, fan-out kh·kw·b.
private func convolutionParameters(name: String, kernel shape: [Int], filters: Int, weights: WeightInit,
                                   random: inout Random) -> (Tensor, Tensor) {
    let area = shape[0] * shape[1]
    let (fanIn, fanOut) = (area * shape[2], area * shape[3])
    let kernel = weights.parameter(shape, name: name + "/kernel", role: .kernel, fanIn: fanIn, fanOut: fanOut, random: &random)
    let bias = weights.parameter([filters], name: name + "/bias", role: .bias, fanIn: fanIn, fanOut: fanOut, random: &random)
    return (kernel, bias)
}

/// Keras's `MaxPooling2D`: the maximum of each pool×pool window, windows `pool` apart, 'valid'.
public final class MaxPooling2D: Layer {
    public let name: String
    public let pool: Int
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .maxPooling2D(pool: pool) }

    public init(name: String, pool: Int = 2) {
        self.name = name
        self.pool = pool
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        let (height, width) = try imageSize(input, layer: name, type: typeName)
        guard height >= pool, width >= pool else {
            throw ShapeError("\(name): a \(pool)×\(pool) pool does not fit a \(height)×\(width) input")
        }
        return [height / pool, width / pool, input[2]]
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        x.maxPool2d(pool: pool)
    }

    public func multiplyAdds(input: [Int]) -> Double { 0 }
}

/// Keras's `UpSampling2D` (nearest): each pixel repeated into a size×size block.
public final class UpSampling2D: Layer {
    public let name: String
    public let size: Int
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .upSampling2D(size: size) }

    public init(name: String, size: Int = 2) {
        self.name = name
        self.size = size
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        let (height, width) = try imageSize(input, layer: name, type: typeName)
        return [height * size, width * size, input[2]]
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        x.upsample2d(size: size)
    }

    public func multiplyAdds(input: [Int]) -> Double { 0 }
}

/// The height and width of an [H, W, C] example, or an error saying why it is not an image
/// (`channels`, when given, is what the layer's kernel expects).
func imageSize(_ input: [Int], layer: String, type: String, channels: Int? = nil) throws -> (Int, Int) {
    guard input.count == 3 else {
        throw ShapeError("\(layer): \(type) needs [height, width, channels] inputs, got \(input)" + (input.count == 1 ? " (add a reshape first)" : ""))
    }
    guard input.allSatisfy({ $0 > 0 }) else { throw ShapeError("\(layer): \(type) got an empty input \(input)") }
    if let channels, input[2] != channels {
        throw ShapeError("\(layer): expects \(channels) input channels, got shape \(input)")
    }
    return (input[0], input[1])
}
