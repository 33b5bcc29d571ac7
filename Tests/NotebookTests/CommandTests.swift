import Foundation
@testable import Notebook
import XCTest

final class CommandTests: XCTestCase {
    func testParsesNameArgumentsOptionsAndComments() throws {
        let c = try XCTUnwrap(Command.parse("model ae hidden=512,256 latent=2  # a comment"))
        XCTAssertEqual(c.name, "model")
        XCTAssertEqual(c.arguments, ["ae"])
        XCTAssertEqual(c.options.map(\.key), ["hidden", "latent"])
        XCTAssertEqual(c.options.map(\.value), ["512,256", "2"])
        XCTAssertEqual(c.text, "model ae hidden=512,256 latent=2")
        XCTAssertNil(try Command.parse("   # only a comment"))
        XCTAssertNil(try Command.parse(""))
        XCTAssertEqual(try Command.parse("save \"my model\"")?.arguments, ["my model"])
    }

    func testRejectsRepeatedOptionsAndOpenQuotes() {
        XCTAssertThrowsError(try Kernel().execute("train epochs=1 epochs=2")) { XCTAssertEqual("\($0)", "train: option 'epochs' is given twice") }
        XCTAssertThrowsError(try Command.parse("save \"x")) { XCTAssertEqual("\($0)", "syntax: a quote is not closed") }
    }

    /// A megabyte of options once took 48 s before its error: a long line is refused by its length,
    /// before any word of it is read; thousands of distinct options within the limit parse at once.
    func testALineLongerThanTheLimitIsRefusedByItsLength() throws {
        let options = (0..<100_000).map { "x\($0)=1" }.joined(separator: " ")
        XCTAssertThrowsError(try Command.parse("model ae " + options)) {
            XCTAssertEqual("\($0)", "syntax: the line is \(9 + options.utf8.count) bytes long; a command is at most 16384")
        }
        let fits = "model ae " + (0..<1_500).map { "x\($0)=1" }.joined(separator: " ")
        XCTAssertLessThanOrEqual(fits.utf8.count, Command.maxLength)
        XCTAssertEqual(try Command.parse(fits)?.options.count, 1_500)
    }

    func testUnknownCommandAndOptionSuggestTheClosest() {
        let kernel = Kernel()
        XCTAssertThrowsError(try kernel.execute("trian epochs=2")) { XCTAssertEqual("\($0)", "unknown command 'trian'; did you mean 'train'?") }
        XCTAssertThrowsError(try kernel.execute("train epocs=2")) { XCTAssertEqual("\($0)", "train: unknown option 'epocs'; did you mean 'epochs'?") }
        XCTAssertThrowsError(try kernel.execute("data mnst")) { XCTAssertEqual("\($0)", "data: unknown data set 'mnst'; did you mean 'mnist'?") }
    }

    func testInitChoosesHowWeightsAreDrawnAndIsSavedWithTheModel() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=100")
        XCTAssertThrowsError(try kernel.execute("model linear init=pytorch")) { XCTAssertTrue("\($0)".hasPrefix("model: option 'init'"), "\($0)") }
        let cell = try XCTUnwrap(kernel.execute("model linear init=torch"))
        XCTAssertTrue(cell.output.joined().contains("torch-style initial weights"), "\(cell.output)")
        // PyTorch draws biases too; Keras starts them at zero.
        XCTAssertNotEqual(kernel.model!.decoder.parameters[1].scalars.max(), 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-init-\(getpid())").path
        _ = try kernel.execute("save \(path)")
        defer { for ext in ["json", "safetensors"] { try? FileManager.default.removeItem(atPath: "\(path).\(ext)") } }
        let other = Kernel()
        _ = try other.execute("data mnist train=200 test=100")
        _ = try other.execute("load \(path).safetensors")
        XCTAssertEqual(other.model?.kind.common.weights, .torch)
        _ = try kernel.execute("model linear")
        XCTAssertEqual(kernel.model!.decoder.parameters[1].scalars.max(), 0)
    }

    func testBadOptionValuesNameTheOptionAndTheProblem() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=100")
        XCTAssertThrowsError(try kernel.execute("model ae latent=zero")) { XCTAssertEqual("\($0)", "model: option 'latent' must be a whole number, not 'zero'") }
        XCTAssertThrowsError(try kernel.execute("model ae hidden=64,x")) { XCTAssertEqual("\($0)", "model: option 'hidden' must be whole numbers separated by commas, not '64,x'") }
        XCTAssertThrowsError(try kernel.execute("model ae activation=rleu")) { XCTAssertTrue("\($0)".contains("did you mean 'relu'?"), "\($0)") }
        XCTAssertThrowsError(try kernel.execute("model vea")) { XCTAssertTrue("\($0)".hasPrefix("model: unknown kind 'vea'"), "\($0)") }
        _ = try kernel.execute("model ae hidden=16 latent=4")
        XCTAssertThrowsError(try kernel.execute("train epochs=0")) { XCTAssertEqual("\($0)", "train: option 'epochs' must be between 1 and 100000, not 0") }
        XCTAssertThrowsError(try kernel.execute("train lr=-1")) { XCTAssertTrue("\($0)".hasPrefix("train: option 'lr' must be between"), "\($0)") }
    }

    func testCommandsNeedTheirPrerequisites() {
        let kernel = Kernel()
        XCTAssertThrowsError(try kernel.execute("model ae")) { XCTAssertEqual("\($0)", "model: no data loaded; start with 'data mnist'") }
        XCTAssertThrowsError(try kernel.execute("train")) { XCTAssertEqual("\($0)", "train: no data loaded; start with 'data mnist'") }
        XCTAssertThrowsError(try kernel.execute("summary")) { XCTAssertTrue("\($0)".hasPrefix("summary: no model yet")) }
    }

    func testHelpListsEveryCommandAndExplainsOne() throws {
        let kernel = Kernel()
        let all = try XCTUnwrap(kernel.execute("help")).output.joined(separator: "\n")
        for name in Commands.names { XCTAssertTrue(all.contains(name), name) }
        // The commands a newcomer needs to keep work are listed too, and every description
        // starts in one column near the names (not squeezed beside a wide usage column).
        let lines = try XCTUnwrap(kernel.execute("help")).output
        for name in ["run", "write", "record", "quit"] {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix(name + " ") }, "help lists \(name)")
            XCTAssertEqual(line.dropFirst(12).first?.isLetter, true, line)
            XCTAssertEqual(line.prefix(12).trimmingCharacters(in: .whitespaces), name, line)
        }
        let train = try XCTUnwrap(kernel.execute("help train")).output.joined(separator: "\n")
        XCTAssertTrue(train.contains("epochs"))
        XCTAssertThrowsError(try kernel.execute("help trane")) { XCTAssertTrue("\($0)".contains("did you mean 'train'")) }
    }
}

final class DeclarationTests: XCTestCase {
    func testEveryCommandAndKindNamesEachOptionOnce() {
        for entry in Commands.all {
            let names = entry.declarations([]).map(\.name)
            XCTAssertEqual(Set(names).count, names.count, "\(entry.name): \(names)")
        }
        for kind in ModelKinds.all {
            let names = kind.declarations.map(\.name)
            XCTAssertEqual(Set(names).count, names.count, "\(kind.name): \(names)")
        }
    }

    func testTheCodeActivationOptionDoesNotTouchTheHiddenOne() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=100 test=50")
        let cell = try XCTUnwrap(kernel.execute("model ae hidden=16 latent=2 code=linear"))
        XCTAssertTrue(cell.output[0].contains("relu hidden, linear code"), cell.output[0])
    }
}

import Autoencoders
