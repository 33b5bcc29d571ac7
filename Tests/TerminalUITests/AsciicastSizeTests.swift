import Foundation
@testable import TerminalUI
import XCTest

/// `replay --asciicast --size`: a screen the notebook can draw on, and no larger than a frame
/// can sensibly be painted (100000x100000 asked for 240 GB of cells).
final class AsciicastSizeTests: XCTestCase {
    func testSizesAreReadAndBoundedBeforeAnyFrameIsMade() throws {
        XCTAssertTrue(try Asciicast.size("120x40") == (120, 40))
        XCTAssertTrue(try Asciicast.size("80X24") == (80, 24))
        XCTAssertTrue(try Asciicast.size("1000x500") == (1000, 500))
        func refusal(_ text: String) -> String {
            do { _ = try Asciicast.size(text); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(refusal("100000x100000"), "--size: 100000x100000 is outside 80x24 to 1000x500")
        XCTAssertEqual(refusal("79x24"), "--size: 79x24 is outside 80x24 to 1000x500")
        XCTAssertEqual(refusal("-120x40"), "--size: -120x40 is outside 80x24 to 1000x500")
        XCTAssertEqual(refusal("120x"), "--size: expected COLUMNSxROWS, such as 120x40; got '120x'")
        XCTAssertEqual(refusal("99999999999999999999x40"), "--size: expected COLUMNSxROWS, such as 120x40; got '99999999999999999999x40'")
        XCTAssertThrowsError(try Asciicast.write(try threeCells(), name: "x", to: NSTemporaryDirectory() + "never.cast", width: 100_000, height: 100_000))
        XCTAssertFalse(FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "never.cast"))
    }
}

/// The terminal is painted in UTF-8 whenever a UTF-8 locale exists, even when the environment
/// says C (where ncurses drops "×", braille and half blocks); otherwise in ASCII.
final class TerminalLocaleTests: XCTestCase {
    func testTheCLocaleGivesWayToAUTF8OneAndNoneMeansASCII() {
        let saved = ProcessInfo.processInfo.environment["LC_ALL"]
        defer {
            if let saved { setenv("LC_ALL", saved, 1) } else { unsetenv("LC_ALL") }
            setlocale(LC_ALL, "C")
        }
        setenv("LC_ALL", "C", 1)
        XCTAssertTrue(TerminalLocale.chooseUTF8(), "C.UTF-8 ships with glibc")
        XCTAssertTrue(TerminalLocale.isUTF8)
        XCTAssertFalse(TerminalLocale.chooseUTF8(candidates: ["xx_XX.nothing"]))
        XCTAssertFalse(TerminalLocale.isUTF8, "left in the environment's C locale: frames are painted in ASCII")
    }
}

/// What the interactive notebook opens: any line ending, one cell a command line.
final class OpenedNotebookTests: XCTestCase {
    func testCRLFAndCROnlyNotebooksOpenAsOneCellALine() throws {
        for ending in ["\r\n", "\r", "\n"] {
            let path = NSTemporaryDirectory() + "aelab-open-\(UUID().uuidString).ae"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try ("# c" + ending + "data mnist  # digits" + ending + ending + "train epochs=1" + ending).write(toFile: path, atomically: true, encoding: .utf8)
            let opened = try OpenedNotebook.read(path).get()
            XCTAssertEqual(opened.cells.map(\.command), ["data mnist", "train epochs=1"], ending.debugDescription)
            XCTAssertEqual(opened.cells.map(\.line), [1, 3])
            XCTAssertEqual(opened.lines, ["# c", "data mnist  # digits", "", "train epochs=1"])
        }
        XCTAssertEqual("\(TerminalApp.readNotebook("/dev/zero"))", "failure(/dev/zero: is larger than 4 MB, too large for a notebook)")
    }

    func testControlCharactersAreDrawnAsTheirSymbols() {
        let m = ScreenModel(history: History(path: nil))
        _ = m.submit("help \u{1B}[2J")
        let text = m.render(width: 80, height: 24).canvas.plainText
        XCTAssertTrue(text.contains("help ␛[2J"), text.debugDescription)
        XCTAssertFalse(text.contains("\u{1B}"))
    }
}
