import Notebook
import XCTest
@testable import TerminalUI

final class CompletionTests: XCTestCase {
    private var completion: Completion {
        var c = Completion()
        c.listDirectory = { dir in
            switch dir {
            case ".": return [("notebooks", true), ("mnist.csv", false), ("model.json", false), (".hidden", false)]
            case "notebooks/": return [("first.ae", false), ("second.ae", false)]
            default: return []
            }
        }
        return c
    }

    func testCommandNamesComplete() {
        XCTAssertEqual(completion.complete("tr", cursor: 2), .init(text: "train ", cursor: 6, candidates: []))
        let many = completion.complete("s", cursor: 1)
        XCTAssertEqual(many?.text, "s")
        XCTAssertTrue(many!.candidates.contains("summary"))
        XCTAssertTrue(many!.candidates.contains("save"))
        XCTAssertEqual(completion.complete("wr", cursor: 2)?.text, "write ", "interface commands complete too")
    }

    func testOptionsCompleteFromTheCatalogWithoutRepeatingUsedOnes() {
        XCTAssertEqual(completion.complete("train ep", cursor: 8)?.text, "train epochs=")
        XCTAssertEqual(completion.complete("train epochs=3 l", cursor: 16)?.candidates.sorted(),
                       ["live=", "loss=", "lr=", "lr_cooldown=", "lr_factor=", "lr_min=", "lr_patience=", "lr_schedule=", "lr_step="])
        let options = completion.complete("train epochs=3 ", cursor: 15)!.candidates
        XCTAssertFalse(options.contains("epochs="))
        XCTAssertTrue(options.contains("batch="))
        XCTAssertEqual(completion.complete("model a", cursor: 7)?.text, "model ae ", "the kind comes first")
        XCTAssertEqual(completion.complete("model vae a", cursor: 11)?.text, "model vae activation=", "then the kind's own options")
        XCTAssertEqual(completion.complete("model conv fi", cursor: 13)?.text, "model conv filters=")
        XCTAssertNil(completion.complete("model vae fi", cursor: 12), "a dense VAE has no filters")
        XCTAssertEqual(completion.complete("sample mode=g", cursor: 13)?.text, "sample mode=grid ", "option values complete from their choices")
        XCTAssertEqual(completion.complete("data fa", cursor: 7)?.text, "data fashion ")
        XCTAssertEqual(completion.complete("help tr", cursor: 7)?.text, "help train ")
    }

    func testPathsCompleteForCommandsThatTakeOne() {
        XCTAssertEqual(completion.complete("data mn", cursor: 7)?.candidates.sorted(), ["mnist", "mnist.csv"])
        XCTAssertEqual(completion.complete("load mo", cursor: 7)?.text, "load model.json ")
        XCTAssertEqual(completion.complete("write note", cursor: 10)?.text, "write notebooks/")
        XCTAssertEqual(completion.complete("write notebooks/f", cursor: 17)?.text, "write notebooks/first.ae ")
        XCTAssertEqual(completion.complete("write notebooks/", cursor: 16)?.candidates, ["notebooks/first.ae", "notebooks/second.ae"])
        XCTAssertNil(completion.complete("eval zz", cursor: 7))
    }

    func testTabInTheScreenModelCompletesAndListsChoicesInTheHintLine() {
        let m = ScreenModel(history: History(path: nil), completion: completion)
        for c in "train l" { _ = m.handle(.character(c)) }
        _ = m.handle(.tab)
        let hint = m.render(width: 120, height: 40).canvas.line(37)
        XCTAssertTrue(hint.contains("loss="), hint)
        XCTAssertTrue(hint.contains("lr="), hint)
    }

    func testHintShowsUsageAndOptionsThenTheOptionUnderTheCursor() {
        let hint = completion.hint(for: "train ", cursor: 6)!
        XCTAssertTrue(hint.hasPrefix("train [epochs=10"), hint)
        XCTAssertTrue(hint.contains("options: epochs batch lr"), hint)
        XCTAssertEqual(completion.hint(for: "train lr=0.1", cursor: 9), "lr=  learning rate (default 0.001)")
        XCTAssertEqual(completion.hint(for: "zzz", cursor: 3), "unknown command 'zzz' — ? lists the commands")
        XCTAssertTrue(completion.hint(for: "mo", cursor: 2)!.contains("model"))
    }

    func testLayerAndModelNamesCompleteFromWhatTheKernelLastSaid() {
        let m = ScreenModel(history: History(path: nil))
        _ = m.submit("model ae")
        let job = m.nextJob()!
        var status = KernelStatus(model: "ae 784→16→2→16→784")
        status.modelNames = ["ae", "v2"]
        status.layerNames = ["encoder/dense", "encoder/dense_1", "decoder/dense", "decoder/dense_1"]
        m.apply(.finished(job: job.id, error: nil, status: status))
        XCTAssertEqual(m.completion.complete("inspect enc", cursor: 11)?.text, "inspect encoder/dense", "the common prefix of two layers")
        XCTAssertEqual(m.completion.complete("inspect encoder/dense_", cursor: 22)?.text, "inspect encoder/dense_1 ")
        XCTAssertEqual(m.completion.complete("use v", cursor: 5)?.text, "use v2 ")
        XCTAssertEqual(m.completion.complete("compare r", cursor: 9)?.text, "compare runs ")
        XCTAssertEqual(m.completion.complete("compare runs ae ", cursor: 16)?.candidates, ["v2", "smooth=", "log="], "names repeat, but not one already given")
        XCTAssertEqual(m.completion.complete("compare runs ae v", cursor: 17)?.text, "compare runs ae v2 ")
        XCTAssertNil(m.completion.complete("compare runs ae a", cursor: 17))
    }
}
