import Foundation

/// What a status line shows about the kernel: the data set and the model. Read it on the thread
/// that runs the kernel, between cells.
public struct KernelStatus: Sendable, Equatable {
    /// e.g. "mnist 60000/10000 28×28"
    public var dataset: String?
    /// e.g. "ae 784→64→2→64→784", from the built layers
    public var model: String?
    public var parameters: Int?
    /// The session's model names, and the current model's layer names: words Tab completes.
    public var modelNames: [String] = []
    public var layerNames: [String] = []

    public init(dataset: String? = nil, model: String? = nil, parameters: Int? = nil) {
        self.dataset = dataset
        self.model = model
        self.parameters = parameters
    }
}

extension Kernel {
    /// The loaded data set and the current model, for a status line.
    public var status: KernelStatus {
        var status = KernelStatus()
        if let data {
            status.dataset = "\(data.train.name) \(data.train.count)/\(data.test.count) \(shapeText(data.train.exampleShape))"
        }
        if let model {
            let name = current.map { $0.name == model.kindName ? "" : $0.name + ": " } ?? ""
            status.model = name + model.kindName + " " + model.shapeLine
            status.parameters = model.parameterCount
            status.layerNames = (model.encoder.namedLayers + model.decoder.namedLayers).map(\.layer.name)
        }
        status.modelNames = modelNames
        return status
    }
}
