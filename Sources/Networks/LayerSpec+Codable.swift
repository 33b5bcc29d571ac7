import Tensors

/// A layer spec in a model file is one object with a `type` (Keras's class name) and named
/// fields, as other tools read it: `{"type": "Dense", "units": 512, "activation": "relu"}`.
/// Files from aelab's first format (`{"dense": {"units": 512, …}}`, `{"reshape": {"_0": […]}}`)
/// still read.
extension LayerSpec: Codable {
    private struct Fields: Codable {
        var type: String
        var units: Int?
        var activation: Activation?
        var rate: Float?
        var filters: Int?
        var kernel: Int?
        var stride: Int?
        var padding: Padding?
        var pool: Int?
        var size: Int?
        var shape: [Int]?
        var l1: Float?
        var mean: LayerSpec?
        var logVariance: LayerSpec?
        var latent: Int?
        var inputDim: Int?
        var outputDim: Int?
        var maskZero: Bool?
        var trainable: Bool?
        var returnSequences: Bool?
        var goBackwards: Bool?
        var dropout: Float?
        var recurrentDropout: Float?
        var layer: LayerSpec?
        var mergeMode: MergeMode?
        var n: Int?

        init(type: String) { self.type = type }

        /// Keras's config names for the fields that came with sequence layers.
        enum CodingKeys: String, CodingKey {
            case type, units, activation, rate, filters, kernel, stride, padding, pool, size, shape, l1, mean, logVariance, latent
            case inputDim = "input_dim", outputDim = "output_dim", maskZero = "mask_zero", trainable
            case returnSequences = "return_sequences", goBackwards = "go_backwards", dropout, recurrentDropout = "recurrent_dropout"
            case layer, mergeMode = "merge_mode", n
        }
    }

    public func encode(to encoder: Encoder) throws {
        var f = Fields(type: kerasName)
        switch self {
        case let .dense(units, activation): f.units = units; f.activation = activation
        case let .activation(activation): f.activation = activation
        case let .dropout(rate): f.rate = rate
        case let .conv2D(filters, kernel, stride, padding, activation), let .conv2DTranspose(filters, kernel, stride, padding, activation):
            f.filters = filters; f.kernel = kernel; f.stride = stride; f.padding = padding; f.activation = activation
        case let .maxPooling2D(pool): f.pool = pool
        case let .upSampling2D(size): f.size = size
        case .flatten: break
        case let .reshape(shape): f.shape = shape
        case let .l1Activity(l1): f.l1 = l1
        case let .gaussianHeads(mean, logVariance, latent): f.mean = mean; f.logVariance = logVariance; f.latent = latent
        case let .embedding(inputDim, outputDim, maskZero, trainable):
            f.inputDim = inputDim; f.outputDim = outputDim; f.maskZero = maskZero; f.trainable = trainable
        case let .lstm(units, returnSequences, goBackwards, dropout, recurrentDropout):
            f.units = units; f.returnSequences = returnSequences; f.goBackwards = goBackwards
            f.dropout = dropout; f.recurrentDropout = recurrentDropout
        case let .bidirectional(layer, merge): f.layer = layer; f.mergeMode = merge
        case let .repeatVector(n): f.n = n
        }
        try f.encode(to: encoder)
    }

    public init(from decoder: Decoder) throws {
        let f: Fields
        do {
            f = try Fields(from: decoder)
        } catch {
            self = try LegacyLayerSpec(from: decoder).spec
            return
        }
        func need<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a \(f.type) layer needs '\(field)'"))
            }
            return value
        }
        switch f.type {
        case "Dense": self = .dense(units: try need(f.units, "units"), activation: f.activation ?? .linear)
        case "Activation": self = .activation(try need(f.activation, "activation"))
        case "Dropout": self = .dropout(rate: try need(f.rate, "rate"))
        case "Conv2D", "Conv2DTranspose":
            let (filters, kernel) = (try need(f.filters, "filters"), try need(f.kernel, "kernel"))
            let (stride, padding, activation) = (f.stride ?? 1, f.padding ?? .valid, f.activation ?? .linear)
            self = f.type == "Conv2D"
                ? .conv2D(filters: filters, kernel: kernel, stride: stride, padding: padding, activation: activation)
                : .conv2DTranspose(filters: filters, kernel: kernel, stride: stride, padding: padding, activation: activation)
        case "MaxPooling2D": self = .maxPooling2D(pool: f.pool ?? 2)
        case "UpSampling2D": self = .upSampling2D(size: f.size ?? 2)
        case "Flatten": self = .flatten
        case "Reshape": self = .reshape(try need(f.shape, "shape"))
        case "ActivityRegularization": self = .l1Activity(try need(f.l1, "l1"))
        case "GaussianHeads":
            self = .gaussianHeads(mean: try need(f.mean, "mean"), logVariance: try need(f.logVariance, "logVariance"), latent: try need(f.latent, "latent"))
        case "Embedding":
            self = .embedding(inputDim: try need(f.inputDim, "input_dim"), outputDim: try need(f.outputDim, "output_dim"),
                              maskZero: f.maskZero ?? false, trainable: f.trainable ?? true)
        case "LSTM":
            self = .lstm(units: try need(f.units, "units"), returnSequences: f.returnSequences ?? false, goBackwards: f.goBackwards ?? false,
                         dropout: f.dropout ?? 0, recurrentDropout: f.recurrentDropout ?? 0)
        case "Bidirectional": self = .bidirectional(layer: try need(f.layer, "layer"), merge: f.mergeMode ?? .concat)
        case "RepeatVector": self = .repeatVector(try need(f.n, "n"))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown layer type '\(f.type)'"))
        }
    }
}

/// The first model format's layers, in Swift's default enum encoding; read, never written.
private enum LegacyLayerSpec: Decodable {
    case dense(units: Int, activation: Activation)
    case activation(Activation)
    case dropout(rate: Float)
    case conv2D(filters: Int, kernel: Int, stride: Int, padding: Padding, activation: Activation)
    case maxPooling2D(pool: Int)
    case upSampling2D(size: Int)
    case conv2DTranspose(filters: Int, kernel: Int, stride: Int, padding: Padding, activation: Activation)
    case flatten
    case reshape([Int])
    case l1Activity(Float)

    var spec: LayerSpec {
        switch self {
        case let .dense(units, activation): return .dense(units: units, activation: activation)
        case let .activation(a): return .activation(a)
        case let .dropout(rate): return .dropout(rate: rate)
        case let .conv2D(f, k, s, p, a): return .conv2D(filters: f, kernel: k, stride: s, padding: p, activation: a)
        case let .maxPooling2D(pool): return .maxPooling2D(pool: pool)
        case let .upSampling2D(size): return .upSampling2D(size: size)
        case let .conv2DTranspose(f, k, s, p, a): return .conv2DTranspose(filters: f, kernel: k, stride: s, padding: p, activation: a)
        case .flatten: return .flatten
        case let .reshape(shape): return .reshape(shape)
        case let .l1Activity(l1): return .l1Activity(l1)
        }
    }
}
