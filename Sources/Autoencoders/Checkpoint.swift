import Files
import Foundation
import Networks
import Options
import Tensors

/// Saving and loading a model: the weights as safetensors (`NAME.safetensors`), with the
/// architecture inside its metadata so that the file is complete on its own, and the same
/// architecture as readable JSON beside it (`NAME.json`). Both are written atomically.
///
/// A kill between the two writes can leave new weights beside an old JSON file; `load` reads
/// the architecture from the weights file, so such a pair still loads what was saved.
public enum Checkpoint {
    /// What the JSON file (and the weights' metadata) holds.
    struct Saved: Codable {
        var format = "aelab-model"
        var version = 2
        /// The model kind, as `model KIND` names it.
        var kind: String
        /// The kind's options, as `model KIND name=value …` would give them.
        var settings: [String: String]
        /// The reconstruction loss training last used.
        var loss: String
        var architecture: Architecture
        var parameters: Int
    }

    /// The metadata key that holds the architecture inside the safetensors file.
    static let metadataKey = "aelab_model"
    /// Model files this large or larger are not aelab's (the largest model is 4 GB of weights).
    static let maxWeightsBytes = 5 << 30

    /// The two file paths for a checkpoint named `path` (an extension .json or .safetensors is dropped).
    public static func paths(_ path: String) -> (json: String, weights: String) {
        var base = path
        for ext in [".json", ".safetensors"] where base.hasSuffix(ext) { base.removeLast(ext.count) }
        return (base + ".json", base + ".safetensors")
    }

    /// Writes both files; returns the folder it had to create, if any.
    @discardableResult
    public static func save(_ model: Autoencoder, to path: String) throws -> String? {
        let (jsonPath, weightsPath) = paths(path)
        let saved = Saved(kind: model.kindName, settings: Dictionary(model.kind.optionTexts.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a }),
                          loss: model.reconstruction.rawValue, architecture: model.architecture, parameters: model.parameterCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(saved)
        let parameters = model.weights
        let bytes = SafeTensors.encode(parameters.map { ($0.name, $0.shape, UnsafeBufferPointer(start: $0.data, count: $0.count)) },
                                       metadata: ["format": "aelab", "kind": model.kindName, metadataKey: String(decoding: json, as: UTF8.self)])
        // Weights first: they carry their own architecture, so they are never out of step.
        let created = try AtomicFile.write(bytes, to: weightsPath)
        try AtomicFile.write(Array(json) + [0x0A], to: jsonPath)
        return created
    }

    public static func load(_ path: String) throws -> Autoencoder {
        let (jsonPath, weightsPath) = paths(path)
        let weights = try BoundedRead.bytes(weightsPath, limit: maxWeightsBytes, what: "a model's weights")
        let (tensors, metadata) = try SafeTensors.decode(weights, path: weightsPath)
        let model: Autoencoder
        if let embedded = metadata[metadataKey] {
            model = try build(from: Data(embedded.utf8), path: weightsPath + " (its architecture)")
        } else {
            // Files from before the architecture travelled with the weights.
            let json = try BoundedRead.bytes(jsonPath, limit: 16 << 20, what: "a model's architecture")
            model = try build(from: Data(json), path: jsonPath)
        }
        for p in model.weights {
            guard let saved = tensors[p.name] else { throw FileError(path: weightsPath, reason: "missing tensor '\(p.name)'") }
            guard saved.shape == p.shape else {
                throw FileError(path: weightsPath, reason: "tensor '\(p.name)' has shape \(saved.shape), the architecture needs \(p.shape)")
            }
            guard saved.values.allSatisfy({ $0.isFinite }) else {
                throw FileError(path: weightsPath, reason: "tensor '\(p.name)' holds values that are not finite numbers (NaN or infinity)")
            }
            saved.values.withUnsafeBufferPointer { p.data.update(from: $0.baseAddress!, count: p.count) }
        }
        return model
    }

    /// The model a saved architecture describes, every value checked as `model` checks it.
    static func build(from json: Data, path: String) throws -> Autoencoder {
        let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
        guard let object, object["format"] as? String == "aelab-model" else {
            throw FileError(path: path, reason: "not an aelab model architecture (no \"format\": \"aelab-model\")")
        }
        let version = object["version"] as? Int ?? 0
        guard version == 1 || version == 2 else {
            throw FileError(path: path, reason: "model format version \(version) is not one this aelab reads (1 or 2)")
        }
        if version == 1 { return try LegacyModel.build(object, path: path) }
        let saved: Saved
        do { saved = try JSONDecoder().decode(Saved.self, from: json) } catch {
            throw FileError(path: path, reason: "not a readable aelab model: \(describe(error))")
        }
        guard let kindType = ModelKinds.named(saved.kind) else {
            throw FileError(path: path, reason: "field \"kind\" is '\(saved.kind)', not a model kind (\(ModelKinds.names.joined(separator: ", ")))")
        }
        let kind: any AutoencoderKind
        do {
            kind = try kindType.parse(options: saved.settings.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }, command: "\"settings\"")
        } catch {
            throw FileError(path: path, reason: "\(error)")
        }
        do {
            let model = try Autoencoder(kind, architecture: saved.architecture)
            guard let loss = ReconstructionLoss(rawValue: saved.loss) else {
                throw FileError(path: path, reason: "field \"loss\" is '\(saved.loss)', not bce or mse")
            }
            model.reconstruction = loss
            return model
        } catch let error as FileError {
            throw error
        } catch {
            throw FileError(path: path, reason: "the saved layers do not build: \(error)")
        }
    }

    /// A decoding error as a person reads it: which field, what was wrong.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func at(_ path: [CodingKey]) -> String { path.isEmpty ? "" : " at \"" + path.map(\.stringValue).joined(separator: ".") + "\"" }
        switch error {
        case let .keyNotFound(key, context): return "field \"\(key.stringValue)\" is missing\(at(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context): return "a field has the wrong type\(at(context.codingPath))"
        case let .dataCorrupted(context): return context.debugDescription + at(context.codingPath)
        @unknown default: return "\(error)"
        }
    }
}
