import XCTest
@testable import TerminalUI

/// `aelab bench`'s interface figures are measured on a real screen model, not estimated: a
/// set-up that fails (no explorer opened, no decoder) gives NaN rather than a time.
final class InterfaceBenchmarkTests: XCTestCase {
    func testTheExplorerKeyIsTimedOnAnOpenExplorer() {
        let milliseconds = InterfaceBenchmark.exploreKey(repeats: 3)
        XCTAssertTrue(milliseconds.isFinite && milliseconds > 0, "\(milliseconds)")
    }
}
