import Foundation
@testable import Autoencoders
import Datasets
import Networks
import Tensors
import XCTest

final class ModelTests: XCTestCase {
    func testEveryKindBuildsWithKerasShapes() throws {
        for kind in ModelKind.allCases {
            let shape = kind.isConvolutional ? [28, 28, 1] : [784]
            let model = try Autoencoder(ModelConfig.defaults(kind, inputShape: shape))
            XCTAssertEqual(model.decoder.outputShape.reduce(1, *), 784, "\(kind)")
            let expectedCode = kind.isVariational ? 2 * model.codeWidth : model.codeWidth
            XCTAssertEqual(model.encoder.outputShape, [expectedCode], "\(kind)")
        }
        // The seed's conv VAE: Conv2D 32 (320) → pool → two Conv2D 1 heads (289 each).
        let convvae = try Autoencoder(ModelConfig.defaults(.convvae, inputShape: [28, 28, 1]))
        XCTAssertEqual(convvae.encoder.parameterCount, 320 + 2 * 289)
        XCTAssertEqual(convvae.codeWidth, 196)
    }

    func testShapesThatDoNotFitSayWhy() {
        var config = ModelConfig.defaults(.convvae, inputShape: [28, 28, 1])
        config.latent = 100
        XCTAssertThrowsError(try Autoencoder(config)) { XCTAssertTrue("\($0)".contains("multiple of 196"), "\($0)") }
        XCTAssertThrowsError(try Autoencoder(ModelConfig.defaults(.conv, inputShape: [784]))) { XCTAssertTrue("\($0)".contains("needs images"), "\($0)") }
        var odd = ModelConfig.defaults(.conv, inputShape: [30, 30, 1])
        odd.filters = [8, 8, 8]
        XCTAssertThrowsError(try Autoencoder(odd)) { XCTAssertTrue("\($0)".contains("do not halve"), "\($0)") }
    }

    func testVAELossTermsMatchHandValues() throws {
        var config = ModelConfig.defaults(.vae, inputShape: [4])
        config.hidden = [3]
        config.latent = 2
        config.epsilonStd = 0  // z = μ exactly, so only the KL term needs checking by hand
        let model = try Autoencoder(config)
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

    func testCheckpointsRoundTripEveryParameter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-ckpt-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for kind in [ModelKind.vae, .convvae, .conv] {
            var config = ModelConfig.defaults(kind, inputShape: kind.isConvolutional ? [28, 28, 1] : [784])
            config.seed = 7
            let model = try Autoencoder(config)
            for p in model.parameters { p.data[0] += 0.5 }  // not what a fresh build would draw
            let path = dir.appendingPathComponent(kind.rawValue).path
            try Checkpoint.save(model, to: path)
            let loaded = try Checkpoint.load(path + ".safetensors")
            XCTAssertEqual(loaded.config, model.config)
            XCTAssertEqual(loaded.parameters.map(\.scalars), model.parameters.map(\.scalars), "\(kind)")
        }
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
