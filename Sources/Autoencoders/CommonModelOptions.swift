import Networks
import Options
import Tensors

/// Options every model kind takes.
public struct CommonModelOptions: Declared {
    @Option(help: "seed for the initial weights")
    public var seed: UInt64 = 0
    @Option(name: "init", help: "initial weights drawn as keras does (Glorot-uniform kernels, zero biases) or as torch does (U(±1/√fan_in))")
    public var weights = WeightInit.keras

    public init() {}
}

/// The options of a dense stack (every dense kind); each kind sets its own defaults in `init()`.
public struct DenseStackOptions: Declared {
    @Option(help: "encoder hidden layer widths, comma-separated; the decoder mirrors them", each: 1...65536)
    public var hidden = [512]
    @Option(help: "width of the code", in: 1...65536)
    public var latent = 256
    @Option(help: "hidden activation")
    public var activation = Activation.relu
    @Option(name: "output", help: "activation of the output layer")
    public var outputActivation = Activation.sigmoid
    @Option(help: "reconstruction loss: binary cross-entropy or mean squared error")
    public var loss = ReconstructionLoss.bce

    public init() {}

    /// Hidden layers going down; with `code`, the encoder (a deterministic code of `latent`).
    func encoder(code: Activation) -> [LayerSpec] {
        hidden.map { .dense(units: $0, activation: activation) } + [.dense(units: latent, activation: code)]
    }

    /// The mirror going up to `outputs` values.
    func decoder(outputs: Int) -> [LayerSpec] {
        hidden.reversed().map { .dense(units: $0, activation: activation) } + [.dense(units: outputs, activation: outputActivation)]
    }

    /// Checks that the code is narrower than the input, as an autoencoder's should be.
    func checkBottleneck(_ data: DataShape, kind: String) throws {
        guard latent <= data.features else {
            throw ShapeError("latent is \(latent), wider than the \(data.features) inputs; only a sparse model is meant to be over-complete")
        }
    }
}

/// The activation of a deterministic code layer (dense kinds other than the VAE).
public struct CodeActivationOption: Declared {
    @Option(name: "code", help: "activation of the code layer")
    public var activation = Activation.relu

    public init() {}
}
