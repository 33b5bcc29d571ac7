import Foundation
@testable import Autoencoders
import Datasets
import Networks
import Options
import Tensors
import XCTest

/// A kind with its defaults, or with `options` as a `model` line would give them.
func kind(_ name: String, _ options: [(String, String)] = []) throws -> any AutoencoderKind {
    try XCTUnwrap(ModelKinds.named(name)).parse(options: options.map { (key: $0.0, value: $0.1) }, command: "model")
}

let digits = DataShape(example: [28, 28])
/// TREC's questions as the text models see them: 10 token ids from a vocabulary of 3,501.
let questions = DataShape(example: [10], vocabulary: 3501)

final class ModelTests: XCTestCase {
    func testEveryKindBuildsWithKerasShapes() throws {
        for type in ModelKinds.all where !type.takesTokens {
            let model = try Autoencoder(try kind(type.name), for: digits)
            XCTAssertEqual(model.outputWidth, 784, type.name)
            XCTAssertEqual(model.encoder.outputShape, [model.isVariational ? 2 * model.codeWidth : model.codeWidth], type.name)
        }
        // The seed's conv VAE: Conv2D 32 (320) → pool → Conv2D 1 (289) → two Dense 196 heads (196·196 + 196 each).
        let seed = try Autoencoder(try kind("convvae"), for: digits)
        XCTAssertEqual(seed.encoder.parameterCount, 320 + 289 + 2 * (196 * 196 + 196))
        XCTAssertEqual(seed.codeWidth, 196)
        XCTAssertEqual(seed.encoder.layers.map(\.typeName), ["Conv2D", "MaxPooling2D", "Conv2D", "Flatten", "GaussianHeads"])
        // heads=conv: two 3×3 Conv2D heads on the 32-channel map (289 each).
        let conv = try Autoencoder(try kind("convvae", [("heads", "conv")]), for: digits)
        XCTAssertEqual(conv.encoder.parameterCount, 320 + 2 * 289)
    }

    func testShapesThatDoNotFitSayWhy() {
        XCTAssertThrowsError(try Autoencoder(try kind("convvae", [("latent", "100")]), for: digits)) { XCTAssertTrue("\($0)".contains("multiple of 196"), "\($0)") }
        XCTAssertThrowsError(try Autoencoder(try kind("conv"), for: DataShape(example: [784]))) { XCTAssertTrue("\($0)".contains("needs images"), "\($0)") }
        XCTAssertThrowsError(try Autoencoder(try kind("conv", [("filters", "8,8,8")]), for: DataShape(example: [30, 30]))) {
            XCTAssertTrue("\($0)".contains("do not halve"), "\($0)")
        }
        XCTAssertThrowsError(try Autoencoder(try kind("ae", [("latent", "900")]), for: digits)) { XCTAssertTrue("\($0)".contains("wider than the 784 inputs"), "\($0)") }
        XCTAssertThrowsError(try kind("conv", [("filters", Array(repeating: "1", count: 64).joined(separator: ","))])) {
            XCTAssertEqual("\($0)", "model: option 'filters' takes at most 8 values, not 64")
        }
        XCTAssertThrowsError(try Autoencoder(try kind("ae", [("hidden", "65536,65536")]), for: digits)) { XCTAssertTrue("\($0)".contains("make it smaller"), "\($0)") }
    }

    func testVAELossTermsMatchHandValues() throws {
        let model = try Autoencoder(try kind("vae", [("hidden", "3"), ("eps_std", "0")]), for: DataShape(example: [4]))
        // Zero the heads' weights and set their biases: μ = (1, 0), log σ² = (0, ln 2).
        let heads = model.encoder.layers.last as! GaussianHeads
        for p in heads.parameters { p.data.update(repeating: 0, count: p.count) }
        (heads.mean as! Dense).bias.data[0] = 1
        (heads.logVariance as! Dense).bias.data[1] = Foundation.log(2)
        var context = ForwardContext.inference
        let x = Tensor([0.1, 0.2, 0.3, 0.4], shape: [1, 4])
        let terms = Dictionary(uniqueKeysWithValues: model.loss(input: x, target: x, context: &context).terms)
        // KL = −½ Σ (1 + log σ² − μ² − σ²) = −½[(1 + 0 − 1 − 1) + (1 + ln 2 − 0 − 2)] = ½(2 − ln 2).
        XCTAssertEqual(terms["kl"]!, 0.5 * (2 - Foundation.log(2.0)), accuracy: 1e-5)
    }

    func testConvDecodersGiveTheirLogitsThroughFlatten() throws {
        // The conv kinds end in Conv2DTranspose(sigmoid) → Flatten: the logits path leaves the
        // sigmoid off and flattens the logits, so BCE is computed from them.
        let model = try Autoencoder(try kind("convvae"), for: digits)
        var context = ForwardContext.inference
        let z = Tensor(repeating: 0.3, shape: [2, 196])
        let (logits, activation) = model.decodeLogits(z, &context)
        XCTAssertEqual(activation, .sigmoid)
        XCTAssertEqual(logits.shape, [2, 784])
        let outputs = model.decoder(z, &context)
        for i in 0..<10 { XCTAssertEqual(outputs.data[i], 1 / (1 + Foundation.exp(-logits.data[i])), accuracy: 1e-6) }
    }

    func testImportanceWeightedNLLIsAtMostTheELBOAndTightensWithMoreSamples() throws {
        let model = try Autoencoder(try kind("vae", [("hidden", "16"), ("seed", "3")]), for: DataShape(example: [12]))
        var random = Random(seed: 9)
        let x = Tensor(uninitialized: [40, 12])
        random.fillUniform(x.data, count: x.count, low: 0, high: 1)
        let data = Dataset(name: "u", values: .floats(x.scalars), labels: nil, exampleShape: [12], classNames: [])
        let many = Evaluation.metrics(model, on: data, options: EvaluationOptions(samples: 200, importanceSamples: 500))
        let one = Evaluation.metrics(model, on: data, options: EvaluationOptions(samples: 1, importanceSamples: 1))
        // With one importance sample the estimate is a one-sample −ELBO, of the same size.
        XCTAssertEqual(one["test_nll"]!, many["test_neg_elbo"]!, accuracy: 0.05 * many["test_neg_elbo"]!)
        XCTAssertLessThan(many["test_nll"]!, many["test_neg_elbo"]!, "log of a mean ≥ mean of logs (Jensen)")
    }

    func testLayersCountTheirOwnMultiplyAdds() throws {
        let model = try Autoencoder(try kind("ae"), for: digits)
        // 784·512 + 512·256 per example each way.
        XCTAssertEqual(model.encoder.multiplyAdds, Double(784 * 512 + 512 * 256))
        XCTAssertEqual(model.decoder.multiplyAdds, Double(256 * 512 + 512 * 784))
        let conv = try Autoencoder(try kind("convvae", [("heads", "conv")]), for: digits)
        // Conv2D 3·3·1·32 at 28·28, two heads 3·3·32·1 at 14·14.
        XCTAssertEqual(conv.encoder.multiplyAdds, Double(784 * 288 + 2 * 196 * 288))
    }

    func testEveryLayerSpecRoundTripsThroughJSONWithNamedFields() throws {
        for type in ModelKinds.all {
            let model = try Autoencoder(try kind(type.name), for: type.takesTokens ? questions : digits)
            let specs = model.encoder.specs + model.decoder.specs
            let json = try JSONEncoder().encode(specs)
            XCTAssertEqual(try JSONDecoder().decode([LayerSpec].self, from: json), specs, type.name)
            XCTAssertFalse(String(decoding: json, as: UTF8.self).contains("_0"), "no positional fields in \(type.name)")
            // A model rebuilt from its specs alone has the same layers.
            let rebuilt = try Autoencoder(model.kind, architecture: model.architecture)
            XCTAssertEqual(rebuilt.encoder.specs + rebuilt.decoder.specs, specs)
        }
        let heads = try JSONDecoder().decode(LayerSpec.self, from: Data(#"{"type":"GaussianHeads","latent":2,"mean":{"type":"Dense","units":2},"logVariance":{"type":"Dense","units":2}}"#.utf8))
        XCTAssertEqual(heads, .gaussianHeads(mean: .dense(units: 2, activation: .linear), logVariance: .dense(units: 2, activation: .linear), latent: 2))
        // The first format's layers still read.
        let legacy = try JSONDecoder().decode([LayerSpec].self, from: Data(#"[{"dense":{"units":3,"activation":"relu"}},{"reshape":{"_0":[1,3]}},{"flatten":{}}]"#.utf8))
        XCTAssertEqual(legacy, [.dense(units: 3, activation: .relu), .reshape([1, 3]), .flatten])
    }

    func testCheckpointsRoundTripEveryParameterAndTheKindsOptions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-ckpt-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, options) in [("vae", [("seed", "7"), ("beta", "2")]), ("convvae", [("heads", "conv")]), ("conv", [("latent", "16")])] {
            let model = try Autoencoder(try kind(name, options), for: digits)
            for p in model.parameters { p.data[0] += 0.5 }  // not what a fresh build would draw
            let path = dir.appendingPathComponent(name).path
            try Checkpoint.save(model, to: path)
            let loaded = try Checkpoint.load(path + ".safetensors")
            XCTAssertEqual(loaded.kind.changedOptions, model.kind.changedOptions)
            XCTAssertEqual(loaded.architecture, model.architecture)
            XCTAssertEqual(loaded.parameters.map(\.scalars), model.parameters.map(\.scalars), name)
        }
    }

    func testTheWeightsFileAloneRebuildsTheModelWhateverTheJSONBesideItSays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-pair-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m").path
        let small = try Autoencoder(try kind("ae", [("hidden", "8"), ("latent", "2")]), for: digits)
        try Checkpoint.save(small, to: path)
        let json = try Data(contentsOf: URL(fileURLWithPath: path + ".json"))
        try Checkpoint.save(try Autoencoder(try kind("ae", [("hidden", "16"), ("latent", "4")]), for: digits), to: path)
        // A kill between the two writes leaves the old architecture beside the new weights.
        try json.write(to: URL(fileURLWithPath: path + ".json"))
        XCTAssertEqual(try Checkpoint.load(path).codeWidth, 4)
    }

    func testModelFilesWithBadValuesAreRefusedInWords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-bad-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func refusal(_ json: String) -> String {
            let path = dir.appendingPathComponent("bad").path
            try? Data(json.utf8).write(to: URL(fileURLWithPath: path + ".json"))
            try? Data(SafeTensors.encode([])).write(to: URL(fileURLWithPath: path + ".safetensors"))
            do { _ = try Checkpoint.load(path); return "" } catch { return "\(error)" }
        }
        let architecture = #""architecture":{"input":[784],"encoder":[{"type":"Dense","units":2}],"decoder":[{"type":"Dense","units":784}]}"#
        XCTAssertTrue(refusal(#"{"format":"aelab-model","version":99}"#).contains("version 99 is not one this aelab reads"))
        XCTAssertTrue(refusal(#"{"format":"aelab-model","version":2,"kind":"nope","settings":{},"loss":"bce","parameters":0,"# + architecture + "}").contains(#"field "kind" is 'nope'"#))
        XCTAssertTrue(refusal(#"{"format":"aelab-model","version":2,"kind":"denoise","settings":{"level":"-3"},"loss":"bce","parameters":0,"# + architecture + "}").contains("option 'level' must be between 0 and 1"))
        XCTAssertTrue(refusal(#"{"format":"aelab-model","version":2,"kind":"ae","settings":{},"loss":"bce","parameters":0,"architecture":{"input":[784],"encoder":[{"type":"Dense","units":-5}],"decoder":[]}}"#).contains("at least one unit"))
        XCTAssertTrue(refusal(#"{"format":1}"#).contains("not an aelab model architecture"))
    }

    func testModelFilesWithHugeOrOverflowingSizesAreRefusedBeforeAnyAllocation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-huge-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func refusal(_ json: String) -> String {
            let path = dir.appendingPathComponent("huge").path
            try? Data(json.utf8).write(to: URL(fileURLWithPath: path + ".json"))
            try? Data(SafeTensors.encode([])).write(to: URL(fileURLWithPath: path + ".safetensors"))
            do { _ = try Checkpoint.load(path); return "" } catch { return "\(error)" }
        }
        // 2⁶² × 8 overflows Int; 2⁴⁰ × 2⁴⁰ too; both used to trap while multiplying.
        let v1 = refusal(#"{"format":"aelab-model","version":1,"config":{"kind":"ae","hidden":[16],"latent":4,"inputShape":[4611686018427387904,8,1]}}"#)
        XCTAssertTrue(v1.contains(#"field "config.inputShape" is [4611686018427387904, 8, 1]: more than 16,777,216 values an example"#), v1)
        XCTAssertTrue(refusal(#"{"format":"aelab-model","version":1,"config":{"kind":"ae","hidden":[16],"latent":4,"inputShape":[1099511627776,1099511627776]}}"#).contains("more than 16,777,216"))
        XCTAssertTrue(refusal(#"{"format":"aelab-model","version":1,"config":{"kind":"ae","hidden":[10000000],"latent":4,"inputShape":[784]}}"#).contains("option 'hidden' values must be between 1 and 65536, not 10000000"))
        let v2 = refusal(#"{"format":"aelab-model","version":2,"kind":"ae","settings":{},"loss":"bce","parameters":0,"architecture":{"input":[4611686018427387904,8],"encoder":[{"type":"Flatten"},{"type":"Dense","units":2}],"decoder":[{"type":"Dense","units":784}]}}"#)
        XCTAssertTrue(v2.contains("encoder: its input of 4611686018427387904×8 values per example is too large (at most 16,777,216)"), v2)
        XCTAssertTrue(refusal(#"{"format":"aelab-model","version":2,"kind":"ae","settings":{},"loss":"bce","parameters":0,"architecture":{"input":[-784],"encoder":[{"type":"Dense","units":2}],"decoder":[{"type":"Dense","units":784}]}}"#).contains("each at least 1"))
        // One Dense of 10,000,000 units on 784 inputs: 784·10⁷ + 10⁷ = 7,850,000,000 weights, 16 bytes each while training.
        let wide = refusal(#"{"format":"aelab-model","version":2,"kind":"ae","settings":{},"loss":"bce","parameters":0,"architecture":{"input":[784],"encoder":[{"type":"Dense","units":10000000}],"decoder":[{"type":"Dense","units":784}]}}"#)
        XCTAssertTrue(wide.contains("this layer has 7,850,000,000 weights, which would need 125.6 GB"), wide)
    }

    func testATooLargeModelSaysHowMuchMemoryItWouldNeed() throws {
        // hidden=65536,65536 on 784 inputs: 784·65536 + 65536 = 51,445,760, then 65536² + 65536 = 4,295,032,832 more.
        XCTAssertThrowsError(try Autoencoder(try kind("ae", [("hidden", "65536,65536")]), for: digits)) {
            XCTAssertEqual("\($0)", "encoder/dense_1: this layer has 4,295,032,832 weights, the model up to it 4,346,478,592, which would need 69.5 GB with their gradients and Adam's moments; a model may have at most 268,435,456 weights (4.3 GB); make it smaller")
        }
    }

    func testModelsOfTheFirstFormatStillLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-v1-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old").path
        // What aelab wrote before: a flat config, a VAE's heads as one Dense, weights without metadata.
        let json = #"{"format":"aelab-model","version":1,"parameters":0,"encoder":[],"decoder":[],"config":{"kind":"vae","inputShape":[784],"hidden":[8],"latent":2,"activation":"relu","codeActivation":"linear","outputActivation":"sigmoid","loss":"bce","seed":0,"epsilonStd":1,"klWeight":1}}"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: path + ".json"))
        let fresh = try Autoencoder(try kind("vae", [("hidden", "8")]), for: digits)
        let bytes = SafeTensors.encode(fresh.parameters.map { ($0.name, $0.shape, UnsafeBufferPointer(start: $0.data, count: $0.count)) })
        try Data(bytes).write(to: URL(fileURLWithPath: path + ".safetensors"))
        let loaded = try Checkpoint.load(path)
        XCTAssertEqual(loaded.kindName, "vae")
        XCTAssertEqual(loaded.encoder.parameters.map(\.name), ["encoder/dense/kernel", "encoder/dense/bias", "encoder/z_mean/kernel", "encoder/z_mean/bias", "encoder/z_log_var/kernel", "encoder/z_log_var/bias"])
    }

    func testCorruptionsDoWhatTheySay() {
        var random = Random(seed: 1)
        let x = Tensor(repeating: 0.5, shape: [100, 100])
        let masked = Corruption.apply(.mask, level: 0.3, to: x, random: &random).scalars
        let zeroShare = Double(masked.filter { $0 == 0 }.count) / 10_000
        XCTAssertEqual(zeroShare, 0.3, accuracy: 0.02)
        XCTAssertTrue(masked.allSatisfy { $0 == 0 || $0 == 0.5 })
        let gaussian = Corruption.apply(.gaussian, level: 0.5, to: x, random: &random).scalars
        XCTAssertTrue(gaussian.allSatisfy { $0 >= 0 && $0 <= 1 }, "clipped to 0…1")
        let salt = Corruption.apply(.saltpepper, level: 0.2, to: x, random: &random).scalars
        XCTAssertEqual(Double(salt.filter { $0 == 0 || $0 == 1 }.count) / 10_000, 0.2, accuracy: 0.02)
        XCTAssertEqual(Corruption.apply(.mask, level: 0, to: x, random: &random).scalars, x.scalars)
    }
}
