import Files
import Foundation
import Networks
import Tensors

/// Saving and loading a model: the architecture as JSON (`NAME.json`) and the weights as
/// safetensors (`NAME.safetensors`), each written atomically.
public enum Checkpoint {
    /// What the JSON file holds: the config that rebuilds the model, and the layers for readers.
    struct Architecture: Codable {
        var format = "aelab-model"
        var version = 1
        var config: ModelConfig
        var encoder: [LayerSpec]
        var decoder: [LayerSpec]
        var parameters: Int
    }

    /// The two file paths for a checkpoint named `path` (an extension .json or .safetensors is dropped).
    public static func paths(_ path: String) -> (json: String, weights: String) {
        var base = path
        for ext in [".json", ".safetensors"] where base.hasSuffix(ext) { base.removeLast(ext.count) }
        return (base + ".json", base + ".safetensors")
    }

    public static func save(_ model: Autoencoder, to path: String) throws {
        let (jsonPath, weightsPath) = paths(path)
        let architecture = Architecture(config: model.config, encoder: model.encoder.specs, decoder: model.decoder.specs, parameters: model.parameterCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = try encoder.encode(architecture)
        let parameters = model.parameters
        let bytes = SafeTensors.encode(parameters.map { ($0.name, $0.shape, UnsafeBufferPointer(start: $0.data, count: $0.count)) },
                                       metadata: ["format": "aelab", "kind": model.config.kind.rawValue])
        // Weights first: a JSON file only ever names weights that are already complete.
        try AtomicFile.write(bytes, to: weightsPath)
        try AtomicFile.write(Array(json) + [0x0A], to: jsonPath)
    }

    public static func load(_ path: String) throws -> Autoencoder {
        let (jsonPath, weightsPath) = paths(path)
        guard let json = FileManager.default.contents(atPath: jsonPath) else {
            throw FileError(path: jsonPath, reason: FileManager.default.fileExists(atPath: jsonPath) ? "cannot read" : "no such file")
        }
        let architecture: Architecture
        do {
            architecture = try JSONDecoder().decode(Architecture.self, from: json)
        } catch {
            throw FileError(path: jsonPath, reason: "not an aelab model architecture (\(error.localizedDescription))")
        }
        let model = try Autoencoder(architecture.config)
        guard let data = FileManager.default.contents(atPath: weightsPath) else {
            throw FileError(path: weightsPath, reason: FileManager.default.fileExists(atPath: weightsPath) ? "cannot read" : "no such file")
        }
        let (tensors, _) = try SafeTensors.decode([UInt8](data), path: weightsPath)
        for p in model.parameters {
            guard let saved = tensors[p.name] else { throw FileError(path: weightsPath, reason: "missing tensor '\(p.name)'") }
            guard saved.shape == p.shape else {
                throw FileError(path: weightsPath, reason: "tensor '\(p.name)' has shape \(saved.shape), the architecture needs \(p.shape)")
            }
            saved.values.withUnsafeBufferPointer { p.data.update(from: $0.baseAddress!, count: p.count) }
        }
        return model
    }
}
