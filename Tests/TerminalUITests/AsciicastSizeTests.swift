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
