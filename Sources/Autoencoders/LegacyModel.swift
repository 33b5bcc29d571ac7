import Files
import Foundation
import Networks
import Options
import Tensors

/// Reads model files of aelab's first format (version 1), whose architecture was a flat config
/// of every kind's settings: the config becomes the kind's options, and the model is built from
/// them (its saved layer list could not be trusted: it wrote a VAE's two heads as one Dense).
enum LegacyModel {
    /// Old config field → the option that replaced it.
    static let renamed: [String: String] = [
        "hidden": "hidden", "latent": "latent", "activation": "activation", "codeActivation": "code",
        "outputActivation": "output", "loss": "loss", "seed": "seed", "l1": "l1", "contractiveLambda": "lambda",
        "noise": "noise", "noiseLevel": "level", "epsilonStd": "eps_std", "klWeight": "beta", "filters": "filters",
        "weightInit": "init",
    ]

    static func build(_ object: [String: Any], path: String) throws -> Autoencoder {
        guard let config = object["config"] as? [String: Any], let name = config["kind"] as? String else {
            throw FileError(path: path, reason: "a version 1 model needs \"config\" with a \"kind\"")
        }
        guard let kindType = ModelKinds.named(name) else {
            throw FileError(path: path, reason: "field \"config.kind\" is '\(name)', not a model kind (\(ModelKinds.names.joined(separator: ", ")))")
        }
        guard let shape = config["inputShape"] as? [Int], !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw FileError(path: path, reason: "field \"config.inputShape\" must be a list of positive sizes")
        }
        guard let values = checkedProduct(shape), values <= Sequential.maxValuesPerExample else {
            throw FileError(path: path, reason: "field \"config.inputShape\" is \(shape): more than \(Sequential.maxValuesPerExample.formatted()) values an example")
        }
        let declared = Set(kindType.options.map(\.name))
        var settings: [(key: String, value: String)] = []
        for (field, option) in renamed.sorted(by: { $0.key < $1.key }) where declared.contains(option) {
            guard let value = config[field] else { continue }
            settings.append((option, text(value)))
        }
        // Version 1's convvae put Conv2D heads on the last map.
        if name == ConvVAEKind.name { settings.append(("heads", "conv")) }
        let example = shape.count == 3 ? Array(shape.prefix(2)) : [values]
        do {
            let kind = try kindType.parse(options: settings, command: "\"config\"")
            let model = try Autoencoder(kind, for: DataShape(example: example))
            if let loss = (config["loss"] as? String).flatMap(ReconstructionLoss.init(rawValue:)) { model.reconstruction = loss }
            return model
        } catch {
            throw FileError(path: path, reason: "\(error)")
        }
    }

    /// A JSON value as an option's text.
    static func text(_ value: Any) -> String {
        switch value {
        case let list as [Any]: return list.isEmpty ? "none" : list.map { text($0) }.joined(separator: ",")
        case let number as NSNumber: return number.stringValue
        default: return "\(value)"
        }
    }
}
