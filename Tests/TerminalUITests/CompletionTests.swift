import Notebook
import XCTest
@testable import TerminalUI

final class CompletionTests: XCTestCase {
    private var completion: Completion {
        var c = Completion()
        c.listDirectory = { dir in
            switch dir {
            case ".": return [("notebooks", true), ("mnist.csv", false), ("model.json", false), (".hidden", false),
                              ("vae.json", false), ("vae.safetensors", false), ("vae2.safetensors", false)]
            case "notebooks/": return [("first.ae", false), ("second.ae", false), ("notes.txt", false), ("tour.aesession", false)]
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
        XCTAssertEqual(completion.complete("write note", cursor: 10)?.text, "write notebooks/")
        XCTAssertEqual(completion.complete("write notebooks/f", cursor: 17)?.text, "write notebooks/first.ae ")
        XCTAssertEqual(completion.complete("write notebooks/", cursor: 16)?.candidates, ["notebooks/first.ae", "notebooks/second.ae"],
                       "write FILE.ae offers notebooks, not notes.txt or a session")
        XCTAssertEqual(completion.complete("record notebooks/", cursor: 17)?.text, "record notebooks/tour.aesession ")
        XCTAssertEqual(completion.complete("data notebooks/", cursor: 15)?.candidates.count, 4, "data takes any file")
        XCTAssertNil(completion.complete("eval zz", cursor: 7))
    }

    func testLoadOffersSavedModelsNotEveryFile() {
        // vae.safetensors beside vae.json is a saved model; model.json alone and vae2.safetensors alone are not.
        XCTAssertEqual(completion.complete("load ", cursor: 5)?.candidates, ["notebooks/", "vae", "name="])
        XCTAssertEqual(completion.complete("load v", cursor: 6)?.text, "load vae ")
        XCTAssertNil(completion.complete("load mo", cursor: 7))
    }

    func testRepeatedTabGoesThroughTheChoicesRoundAndRound() {
        let m = ScreenModel(history: History(path: nil), completion: completion)
        for c in "train epochs=3 l" { _ = m.handle(.character(c)) }
        _ = m.handle(.tab)
        XCTAssertEqual(m.input.text, "train epochs=3 l", "the first Tab completes what the choices share and lists them")
        XCTAssertEqual(Set(m.candidates), ["loss=", "lr=", "live=", "lr_schedule=", "lr_step=", "lr_factor=", "lr_patience=", "lr_cooldown=", "lr_min="])
        let choices = m.candidates
        XCTAssertEqual(choices.count, 9)
        var seen: [String] = []
        for _ in 0...choices.count {
            _ = m.handle(.tab)
            seen.append(m.input.text)
            XCTAssertEqual(m.input.cursor, m.input.text.count)
        }
        XCTAssertEqual(seen, choices.map { "train epochs=3 " + $0 } + ["train epochs=3 " + choices[0]], "each choice in turn, then round again")
        let hint = m.render(width: 120, height: 40).canvas.line(37)
        XCTAssertTrue(hint.contains("[\(choices[0])]"), "the choice in the line is marked: " + hint)
        _ = m.handle(.character("0"))
        _ = m.handle(.tab)
        XCTAssertEqual(m.input.text, "train epochs=3 \(choices[0])0", "typing ends the cycle; a Tab with nothing to complete changes nothing")
        // The word is replaced in the middle of a line too.
        m.input.set("write notebooks/ # end", cursor: 16)
        _ = m.handle(.tab)
        _ = m.handle(.tab)
        XCTAssertEqual(m.input.text, "write notebooks/first.ae # end")
        _ = m.handle(.tab)
        XCTAssertEqual(m.input.text, "write notebooks/second.ae # end")
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
