import Foundation

/// What a status line shows about the kernel: the data set and the model. Read it on the thread
/// that runs the kernel, between cells.
public struct KernelStatus: Sendable, Equatable {
    /// e.g. "mnist 60000/10000 28×28"
    public var dataset: String?
    /// e.g. "ae 784→64→2→64→784", from the built layers
    public var model: String?
    public var parameters: Int?

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
            status.model = model.kindName + " " + model.shapeLine
            status.parameters = model.parameterCount
        }
        return status
    }
}
