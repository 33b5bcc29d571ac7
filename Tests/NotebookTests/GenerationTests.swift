import Foundation
@testable import Notebook
import Rendering
import Tensors
import XCTest

struct MissingPicture: Error { let name: String }

final class GenerationTests: XCTestCase {
    func kernel() throws -> Kernel {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=300 test=100")
        _ = try kernel.execute("model ae hidden=32 latent=4 seed=1")
        _ = try kernel.execute("train epochs=2 lr=0.003 validate=no")
        return kernel
    }

    func grid(_ kernel: Kernel, _ name: String) throws -> (ImageGridData, [[UInt8]]) {
        guard case .images(let g) = kernel.pictures[name] else { throw MissingPicture(name: name) }
        let size = g.imageWidth * g.imageHeight, bytes = [UInt8](g.pixels)
        return (g, (0..<g.count).map { Array(bytes[($0 * size)..<(($0 + 1) * size)]) })
    }

    func testSphericalInterpolationFollowsTheCircleAndBlendsLengths() {
        let command = InterpolateCommand()
        let half = command.spherical([1, 0], [0, 1], 0.5)
        XCTAssertEqual(half[0], Float(0.5).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(half[1], Float(0.5).squareRoot(), accuracy: 1e-6)
        // A third of the way round a right angle: 30° from a.
        let third = command.spherical([2, 0], [0, 2], 1.0 / 3)
        XCTAssertEqual(third[0], 2 * Float(cos(Double.pi / 6)), accuracy: 1e-5)
        XCTAssertEqual(third[1], 2 * Float(sin(Double.pi / 6)), accuracy: 1e-5)
        // Codes pointing the same way: the straight line.
        XCTAssertEqual(command.spherical([1, 1], [3, 3], 0.5), [2, 2])
    }

    func testInterpolationStartsAndEndsAtTheTwoImages() throws {
        let kernel = try kernel()
        let result = try XCTUnwrap(kernel.execute("interpolate a=0 b=1 steps=4"))
        let (g, images) = try grid(kernel, "interpolate")
        XCTAssertEqual(g.count, 8)
        XCTAssertEqual(g.rowCaptions, ["codes", "pixels"])
        _ = try kernel.execute("arith a=0 minus=0 plus=1")
        let (_, arith) = try grid(kernel, "arith")
        // arith's columns: a, −, +, codes (decode(z0 − z0 + z1) = decode(z1)), pixels.
        XCTAssertEqual(images[4], arith[0], "the cross-fade starts at image a")
        XCTAssertEqual(images[7], arith[2], "and ends at image b")
        XCTAssertEqual(images[3], arith[3], "the decoded line ends at b's code")
        XCTAssertNotEqual(images[0], images[3])
        let inner = try XCTUnwrap(result.metrics["interp_nn_distance"]), pixels = try XCTUnwrap(result.metrics["pixel_nn_distance"])
        XCTAssertGreaterThan(inner, 0)
        XCTAssertGreaterThan(pixels, 0)
        _ = try kernel.execute("interpolate a=0 b=1 steps=4 slerp=yes")
        let (s, spherical) = try grid(kernel, "interpolate")
        XCTAssertEqual(s.rowCaptions, ["slerp", "pixels"])
        XCTAssertEqual(spherical[3], images[3], "slerp ends at the same code")
    }

    func testCodeArithmeticSubtractsAndAddsInTheRightOrder() throws {
        let kernel = try kernel()
        _ = try kernel.execute("arith a=0 minus=0 plus=1")
        let (g, first) = try grid(kernel, "arith")
        XCTAssertEqual(g.count, 5)
        XCTAssertEqual(first[4], first[2], "x0 − x0 + x1 in pixels is x1")
        _ = try kernel.execute("arith a=1 minus=1 plus=1")
        let (_, second) = try grid(kernel, "arith")
        XCTAssertEqual(first[3], second[3], "z0 − z0 + z1 and z1 − z1 + z1 decode alike")
        _ = try kernel.execute("arith a=1 minus=0 plus=0")
        let (_, third) = try grid(kernel, "arith")
        XCTAssertEqual(third[3], second[3], "z1 − z0 + z0 is z1 again")
        _ = try kernel.execute("arith a=0 minus=1 plus=0")
        let (_, fourth) = try grid(kernel, "arith")
        XCTAssertNotEqual(fourth[3], second[3], "2·z0 − z1 is not z1")
    }

    func testTheThicknessVectorInPixelsFollowsItsSignAndZeroMovesNothing() throws {
        let kernel = try kernel()
        let none = try XCTUnwrap(kernel.execute("arith attribute=thickness amount=0")).metrics
        XCTAssertEqual(none["attribute_shift"], 0)
        XCTAssertEqual(none["class_kept"], 1)
        XCTAssertEqual(none["pixel_attribute_shift"], 0)
        let thicker = try XCTUnwrap(kernel.execute("arith attribute=thickness amount=2 n=5")).metrics
        XCTAssertGreaterThan(thicker["attribute_gap"]!, 0)
        // In pixels the vector is the quarters' own difference, so ink follows its sign; how far the
        // codes move depends on how well the model learnt (the session measures a trained one).
        XCTAssertGreaterThan(thicker["pixel_attribute_shift"]!, 0)
        XCTAssertNotEqual(thicker["attribute_shift"]!, 0)
        let thinner = try XCTUnwrap(kernel.execute("arith attribute=thickness amount=-2 n=5")).metrics
        XCTAssertLessThan(thinner["pixel_attribute_shift"]!, 0)
        XCTAssertEqual(thinner["attribute_gap"], thicker["attribute_gap"], "the vector does not depend on the amount")
        let (g, _) = try grid(kernel, "arith")
        XCTAssertEqual(g.count, 20, "four rows of five digits")
        XCTAssertEqual(g.rowCaptions, ["original", "decoded", "+ vector", "+ pixels"])
    }

    func testQuartersAreTakenWithinEachGroup() {
        let values: [Float] = [5, 1, 7, 3, 2, 8, 4, 6, 9]
        let groups = [0, 0, 0, 0, 0, 0, 0, 0, 1]
        let quarters = ArithCommand.quarterDifferences(values: values, groups: groups)
        XCTAssertEqual(quarters.count, 1, "a group of one has no quarters")
        XCTAssertEqual(quarters[0].top, [2, 5])
        XCTAssertEqual(quarters[0].bottom, [1, 4])
        let rows = Tensor([0, 0, 1, 10, 2, 20, 3, 30], shape: [4, 2])
        let difference = ArithCommand.meanDifference(rows, [(top: [2, 3], bottom: [0]), (top: [1], bottom: [0])])
        // ((2.5, 25) − (0, 0) + (1, 10) − (0, 0)) / 2
        XCTAssertEqual(difference, [1.75, 17.5])
    }

    func testArithAndInterpolateRefuseWhatTheyCannotDo() throws {
        let kernel = try kernel()
        XCTAssertThrowsError(try kernel.execute("arith")) { XCTAssertEqual("\($0)", "arith: give a=I minus=J plus=K, or attribute=thickness|slant") }
        XCTAssertThrowsError(try kernel.execute("arith a=0 attribute=slant")) { XCTAssertEqual("\($0)", "arith: give either a, minus and plus, or attribute=…, not both") }
        XCTAssertThrowsError(try kernel.execute("arith a=0 minus=1")) { XCTAssertEqual("\($0)", "arith: give all three of a, minus and plus") }
        XCTAssertThrowsError(try kernel.execute("arith a=0 minus=1 plus=100")) { XCTAssertEqual("\($0)", "arith: option 'plus' is past the 100 test images") }
        XCTAssertThrowsError(try kernel.execute("interpolate a=100")) { XCTAssertEqual("\($0)", "interpolate: option 'a' is past the 100 test images") }
        _ = try kernel.execute("model convvae heads=conv")
        XCTAssertThrowsError(try kernel.execute("arith a=0 minus=1 plus=2")) { XCTAssertTrue("\($0)".hasPrefix("arith: needs a model whose code is a Dense layer's output"), "\($0)") }
        XCTAssertThrowsError(try kernel.execute("interpolate")) { XCTAssertTrue("\($0)".hasPrefix("interpolate: needs a model whose code is a Dense layer's output"), "\($0)") }
    }

    func testAugmentTrainsThreeClassifiersAndMakesTheAskedNumber() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=300 test=100")
        let result = try XCTUnwrap(kernel.execute("augment class=3 keep=1 make=12 epochs=1 latent=2 spread=0 classifier_epochs=1 runs=1"))
        for set in ["imbalanced", "duplicated", "augmented"] {
            let recall = try XCTUnwrap(result.metrics["recall_k_\(set)"]), accuracy = try XCTUnwrap(result.metrics["accuracy_\(set)"])
            XCTAssertTrue((0...1).contains(recall) && (0...1).contains(accuracy), "\(set): \(recall), \(accuracy)")
        }
        XCTAssertTrue(result.output.contains { $0.hasPrefix("duplicated  13 of class 3:") }, "\(result.output)")
        XCTAssertTrue(result.output.contains { $0.hasPrefix("imbalanced  1 of class 3:") }, "\(result.output)")
        let (g, images) = try grid(kernel, "augment")
        XCTAssertEqual(g.count, 10 + 12)
        XCTAssertEqual(images[1], [UInt8](repeating: 0, count: 784), "one kept example, the rest of its row blank")
        // One kept example and no spread: every made code is its μ, so every made image is the same.
        XCTAssertEqual(Set(images[10...]).count, 1)
        XCTAssertNotEqual(images[10], images[1])
    }

    func testAugmentRefusesClassesAndCountsItDoesNotHave() throws {
        let kernel = Kernel()
        XCTAssertThrowsError(try kernel.execute("augment class=3")) { XCTAssertEqual("\($0)", "augment: no data loaded; start with 'data mnist'") }
        _ = try kernel.execute("data mnist train=300 test=100")
        XCTAssertThrowsError(try kernel.execute("augment")) { XCTAssertTrue("\($0)".hasPrefix("augment: option 'class' is needed"), "\($0)") }
        XCTAssertThrowsError(try kernel.execute("augment class=10")) { XCTAssertEqual("\($0)", "augment: option 'class' is 10, but mnist has classes 0…9") }
        XCTAssertThrowsError(try kernel.execute("augment class=3 keep=1000")) { XCTAssertTrue("\($0)".hasPrefix("augment: option 'keep' is 1000, but the training set has only "), "\($0)") }
    }
}
