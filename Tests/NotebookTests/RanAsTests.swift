import Foundation
import Networks
@testable import Notebook
import XCTest

/// A cell that did less than its command asked says what it did as a command, so that a
/// notebook written from the session reproduces it.
final class RanAsTests: XCTestCase {
    func testATrainCancelledAfterTwoEpochsRanAsTwoEpochs() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=100 test=20")
        _ = try kernel.execute("model ae hidden=8 latent=2")
        var finished: CellSummary?
        _ = try kernel.execute("train epochs=5 lr=0.01 live=no # five") { event in
            if case .training(.epochEnded(let report)) = event, report.epoch == 2 { kernel.control.cancel() }
            if case .cellFinished(let summary) = event { finished = summary }
        }
        XCTAssertEqual(finished?.metrics["epochs"], 2)
        XCTAssertEqual(finished?.ranAs, "train epochs=2 lr=0.01 live=no")
        XCTAssertEqual(finished?.ranAsNote, "cancelled after 2 of 5 epochs; the batches of epoch 3 that ran before the stop are not repeated")

        _ = try kernel.execute("train epochs=3 live=no") { event in
            if case .training(.batchEnded) = event { kernel.control.cancel() }
            if case .cellFinished(let summary) = event { finished = summary }
        }
        XCTAssertEqual(finished?.ranAs, "", "no command repeats a run cancelled inside its first epoch")

        _ = try kernel.execute("train epochs=1 live=no") { event in
            if case .cellFinished(let summary) = event { finished = summary }
        }
        XCTAssertNil(finished?.ranAs, "a run that did what it was asked needs no other command")
    }

    func testReplacingAnOptionKeepsTheOtherWordsAndQuotes() throws {
        let command = try XCTUnwrap(try Command.parse(#"export "my grid.png" variations scale=2"#))
        XCTAssertEqual(command.replacingOption("scale", with: "4"), #"export "my grid.png" variations scale=4"#)
        XCTAssertEqual(command.replacingOption("dpi", with: "2"), #"export "my grid.png" variations scale=2 dpi=2"#)
    }
}
