import Foundation
@testable import Notebook
import XCTest

final class RunnerTests: XCTestCase {
    private func run(_ text: String, format: NotebookRunner.Format) throws -> (status: Int32, out: [String], err: [String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-runner-\(getpid())-\(text.hashValue).ae").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        var out: [String] = [], err: [String] = []
        var runner = NotebookRunner(path: path, format: format)
        runner.write = { out.append($0) }
        runner.writeError = { err.append($0) }
        return (runner.run(), out, err)
    }

    func testJSONGivesOneObjectPerCellWithMetrics() throws {
        let r = try run("# comment\ndata mnist train=100 test=50\n\nmodel ae hidden=8 latent=2\n", format: .json)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.out.count, 2)
        let first = try JSONSerialization.jsonObject(with: Data(r.out[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["cell"] as? Int, 1)
        XCTAssertEqual(first["command"] as? String, "data mnist train=100 test=50")
        XCTAssertEqual(first["ok"] as? Bool, true)
        XCTAssertEqual((first["metrics"] as? [String: Any])?["train_examples"] as? Int, 100)
    }

    func testStopsAtTheFirstFailingCellWithStatusTwoAndTheLine() throws {
        let r = try run("data mnist train=100 test=50\ntrain epochs=1\nhelp\n", format: .text)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.err.count, 1)
        XCTAssertTrue(r.err[0].hasSuffix(".ae:2: train: no model yet; build one with e.g. 'model ae hidden=512 latent=256'"), r.err[0])
        XCTAssertFalse(r.out.contains { $0.contains("[3]") }, "cells after a failure do not run")
    }

    func testMissingNotebookFileIsOneLine() {
        var err: [String] = []
        var runner = NotebookRunner(path: "/nonexistent/x.ae", format: .text)
        runner.writeError = { err.append($0) }
        XCTAssertEqual(runner.run(), 2)
        XCTAssertEqual(err, ["aelab: /nonexistent/x.ae: no such file or folder"])
    }

    func testANotebookCanComeThroughAPipe() throws {
        // What `aelab run <(…)` hands over: a FIFO, which Foundation reads only by handle.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-fifo-\(getpid())").path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        defer { unlink(path) }
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: path)!
            handle.write(Data("# piped\nhelp data\n".utf8))
            try? handle.close()
        }
        writer.start()
        XCTAssertEqual(try notebookText(at: path).get(), "# piped\nhelp data\n")
        XCTAssertEqual("\(notebookText(at: FileManager.default.temporaryDirectory.path).map { _ in "" })",
                       "failure(\(FileManager.default.temporaryDirectory.path): is a folder, not a notebook)")
    }
}
