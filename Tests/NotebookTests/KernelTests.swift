import Foundation
import Networks
@testable import Notebook
@testable import Rendering
import XCTest

final class KernelTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-kernel-\(getpid())-\(name.hashValue)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testSmallTrainingRunLowersTheLossAndSavedModelsReloadExactly() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=300 test=100")
        _ = try kernel.execute("model ae hidden=32 latent=8 seed=3")
        let before = try XCTUnwrap(kernel.execute("eval")).metrics["test_bce"]!
        let train = try XCTUnwrap(kernel.execute("train epochs=3 batch=32 lr=0.003"))
        XCTAssertEqual(train.metrics["epochs"], 3)
        let after = try XCTUnwrap(kernel.execute("eval")).metrics["test_bce"]!
        XCTAssertLessThan(after, before * 0.8, "test BCE \(before) → \(after)")

        let path = dir.appendingPathComponent("m").path
        _ = try kernel.execute("save \(path)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".json"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".safetensors"))
        let other = Kernel()
        _ = try other.execute("data mnist train=300 test=100")
        _ = try other.execute("load \(path).safetensors")
        XCTAssertEqual(try XCTUnwrap(other.execute("eval")).metrics["test_bce"], after)
    }

    func testASecondTrainCellGoesOnCountingEpochsInEveryEventAndLine() throws {
        let kernel = Kernel()
        kernel.livePictures = true
        _ = try kernel.execute("data mnist train=64 test=16")
        _ = try kernel.execute("model ae hidden=8 latent=2")
        _ = try kernel.execute("train epochs=2 batch=32")
        var plan: TrainingPlan?, batchEpochs: [Int] = [], epochs: [(Int, Int)] = [], texts: [String] = [], pictures: [String] = []
        _ = try kernel.execute("train epochs=3 batch=32") { event in
            switch event {
            case .training(.started(let p)): plan = p
            case .training(.batchEnded(let b)): batchEpochs.append(b.epoch)
            case .training(.epochEnded(let r)): epochs.append((r.epoch, r.epochs))
            case .text(let line): texts.append(line)
            case .scatter(let d): pictures.append(d.title)
            case .images(let d): pictures.append(d.title)
            default: break
            }
        }
        XCTAssertEqual(plan?.firstEpoch, 3)
        XCTAssertEqual(plan?.lastEpoch, 5)
        XCTAssertEqual(Set(batchEpochs), [3, 4, 5])
        XCTAssertEqual(epochs.map(\.0), [3, 4, 5])
        XCTAssertEqual(epochs.map(\.1), [5, 5, 5])
        XCTAssertEqual(texts.filter { $0.hasPrefix("epoch ") }.map { String($0.prefix(9)) }, ["epoch 3/5", "epoch 4/5", "epoch 5/5"])
        XCTAssertTrue(pictures.contains("latent space after epoch 5"), "\(pictures)")
        XCTAssertEqual(kernel.history.map(\.epoch), [1, 2, 3, 4, 5])
    }

    func testPlotFromAnEpochStartsTheChartThereAndRefusesEpochsNotTrained() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=64 test=16")
        _ = try kernel.execute("model ae hidden=8 latent=2")
        _ = try kernel.execute("train epochs=3 batch=32 live=no")
        var chart: ChartData?
        _ = try kernel.execute("plot from=2") { if case .chart(let d) = $0 { chart = d } }
        XCTAssertEqual(chart?.from, 2)
        XCTAssertEqual(chart?.lineChart.xRange?.0, 2, "the x axis starts at epoch 2")
        XCTAssertEqual(chart?.series.first?.values.count, 3, "the data stays whole; only the view starts later")
        XCTAssertThrowsError(try kernel.execute("plot from=4")) { XCTAssertTrue("\($0)".contains("past the 3 epochs"), "\($0)") }
    }

    func testClassifyReportsAccuracyAboveChance() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=500 test=200")
        _ = try kernel.execute("model ae hidden=64 latent=32 code=linear")
        _ = try kernel.execute("train epochs=5 lr=0.002")
        let result = try XCTUnwrap(kernel.execute("classify hidden=32 epochs=20"))
        XCTAssertGreaterThan(result.metrics["test_accuracy"]!, 0.5)
        XCTAssertNotNil(result.metrics["test_f1_9"])
        XCTAssertTrue(result.output.contains { $0.contains("precision") })
    }

    func testLoadRejectsModelsThatDoNotFitTheData() throws {
        let kernel = Kernel()
        let csv = dir.appendingPathComponent("tiny.csv").path
        try "label,a,b,c\n0,1,2,3\n1,4,5,6\n0,7,8,9\n1,1,1,1\n0,2,2,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try kernel.execute("data \(csv)")
        _ = try kernel.execute("model ae hidden=4 latent=2")
        let path = dir.appendingPathComponent("small").path
        _ = try kernel.execute("save \(path)")
        _ = try kernel.execute("data mnist train=50 test=10")
        XCTAssertThrowsError(try kernel.execute("load \(path)")) {
            XCTAssertTrue("\($0)".contains("the model takes 3 values per example but the data has 28×28 = 784 (mnist)"), "\($0)")
        }
        XCTAssertThrowsError(try kernel.execute("load \(dir.path)/absent")) { XCTAssertTrue("\($0)".contains("absent.safetensors: no such file"), "\($0)") }
        try Data("{\"format\": 1}".utf8).write(to: URL(fileURLWithPath: path + ".safetensors"))
        XCTAssertThrowsError(try kernel.execute("load \(path)")) { XCTAssertTrue("\($0)".contains("small.safetensors: header length"), "\($0)") }
    }

    func testADivergingRunStopsSaysSoAndKeepsTheLastGoodWeights() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=50")
        _ = try kernel.execute("model linear latent=2")
        XCTAssertThrowsError(try kernel.execute("train epochs=20 optimizer=sgd lr=10 live=no")) { error in
            XCTAssertTrue("\(error)".contains("the loss became NaN or infinite"), "\(error)")
            XCTAssertTrue("\(error)".contains("kept the weights"), "\(error)")
        }
        let metrics = try XCTUnwrap(kernel.execute("eval")).metrics
        XCTAssertTrue(metrics["test_mse"]!.isFinite, "the kept weights still compute")
    }

    func testCorruptDataFilesGiveOneLineErrors() throws {
        let kernel = Kernel()
        let bad = dir.appendingPathComponent("bad-images-idx3-ubyte").path
        try Data([0, 0, 8, 3, 0, 0, 0, 9, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]).write(to: URL(fileURLWithPath: bad))
        XCTAssertThrowsError(try kernel.execute("data \(bad)")) { error in
            XCTAssertEqual("\(error)", "data: \(bad): truncated, the header promises 7056 bytes of data but the file holds 3")
            XCTAssertFalse("\(error)".contains("\n"))
        }
        XCTAssertThrowsError(try kernel.execute("data \(dir.path)/nothing.csv")) { XCTAssertTrue("\($0)".hasSuffix("nothing.csv: no such file")) }
    }
}
