@testable import Autoencoders
import Datasets
import Networks
import Tensors
import XCTest

final class TranslateTests: XCTestCase {
    // A 3×3 image, row-major:  1 2 3 / 4 5 6 / 7 8 9 (tenths, to stay in 0…1).
    let image = Tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], shape: [1, 9])

    func testQuarterTurnAndMirrorMovePixelsWhereTheyShould() {
        // Turned anticlockwise the right column becomes the top row: 3 6 9 / 2 5 8 / 1 4 7.
        XCTAssertEqual(ImageTransform.rot90.apply(image, side: 3).scalars, [0.3, 0.6, 0.9, 0.2, 0.5, 0.8, 0.1, 0.4, 0.7])
        XCTAssertEqual(ImageTransform.flip.apply(image, side: 3).scalars, [0.3, 0.2, 0.1, 0.6, 0.5, 0.4, 0.9, 0.8, 0.7])
        // Four quarter turns give the image back.
        var turned = image
        for _ in 0..<4 { turned = ImageTransform.rot90.apply(turned, side: 3) }
        XCTAssertEqual(turned.scalars, image.scalars)
    }

    func testThickIsTheLargestNeighbourAndEdgesTheRangeOfTheWindow() {
        // The 3×3 window around the top-left pixel holds 1 2 4 5, around the centre all nine.
        let thick = ImageTransform.thick.apply(image, side: 3).scalars
        XCTAssertEqual(thick, [0.5, 0.6, 0.6, 0.8, 0.9, 0.9, 0.8, 0.9, 0.9])
        let edges = ImageTransform.edges.apply(image, side: 3).scalars
        // Top-left: max 5 − min 1 = 4 tenths; centre: 9 − 1 = 8 tenths.
        XCTAssertEqual(edges[0], 0.4, accuracy: 1e-6)
        XCTAssertEqual(edges[4], 0.8, accuracy: 1e-6)
        // A single lit pixel thickens into a 3×3 square and its outline is the same square.
        let dot = Tensor([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], shape: [1, 16])
        let square: [Float] = [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0]
        XCTAssertEqual(ImageTransform.thick.apply(dot, side: 4).scalars, square)
        XCTAssertEqual(ImageTransform.edges.apply(dot, side: 4).scalars, square)
    }

    func testTranslatorTrainsAgainstTheTransformedImageAndOtherKindsAgainstTheirInput() throws {
        let translator = try Autoencoder(try kind("translate", [("target", "flip"), ("hidden", "4"), ("latent", "2")]), for: DataShape(example: [3, 3]))
        XCTAssertEqual(translator.kind.trainingTarget(image).scalars, ImageTransform.flip.apply(image, side: 3).scalars)
        let plain = try kind("ae", [("hidden", "4"), ("latent", "2")])
        XCTAssertEqual(plain.trainingTarget(image).scalars, image.scalars)
        // The objective's loss is the reconstruction loss against the flipped image.
        let data = Dataset(name: "one", values: .floats(image.scalars), labels: nil, exampleShape: [3, 3], classNames: [])
        var context = ForwardContext.inference
        let loss = ReconstructionObjective(model: translator, data: data).loss(indices: [0], context: &context).total.item
        var again = ForwardContext.inference
        let expected = translator.reconstructionLoss(translator.decodeLogits(translator.code(image, &again), &again),
                                                     target: ImageTransform.flip.apply(image, side: 3)).item
        XCTAssertEqual(loss, expected, accuracy: 1e-6)
    }

    func testEvaluationSetsTheTranslationBesideThePredictingTheMeanTarget() throws {
        let model = try Autoencoder(try kind("translate", [("target", "rot90"), ("hidden", "4"), ("latent", "2")]), for: DataShape(example: [2, 2]))
        // Two 2×2 images: 0 0 / 0 1 and 1 0 / 0 0.
        let pixels: [Float] = [0, 0, 0, 1, 1, 0, 0, 0]
        let data = Dataset(name: "two", values: .floats(pixels), labels: nil, exampleShape: [2, 2], classNames: [])
        let m = Evaluation.metrics(model, on: data)
        // Turned anticlockwise: image 1 → 0 1 / 0 0, image 2 → 0 0 / 1 0. Their mean is 0 ½ / ½ 0;
        // each target is ½ away in two of four values: mean squared error (¼ + ¼) / 4 = 0.125.
        XCTAssertEqual(m["mean_target_mse"]!, 0.125, accuracy: 1e-9)
        let targets = ImageTransform.rot90.apply(Tensor(pixels, shape: [2, 4]), side: 2)
        let output = model.predict(Tensor(pixels, shape: [2, 4]))
        let mse = zip(output.scalars, targets.scalars).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / 8
        XCTAssertEqual(m["translate_mse"]!, mse, accuracy: 1e-6)
        XCTAssertEqual(m["test_mse"]!, mse, accuracy: 1e-6)
    }

    func testTranslationNeedsSquareImages() {
        XCTAssertThrowsError(try Autoencoder(try kind("translate"), for: DataShape(example: [28, 14]))) {
            XCTAssertTrue("\($0)".contains("needs square images"), "\($0)")
        }
        XCTAssertThrowsError(try Autoencoder(try kind("translate"), for: DataShape(example: [784]))) {
            XCTAssertTrue("\($0)".contains("needs square images"), "\($0)")
        }
    }
}
