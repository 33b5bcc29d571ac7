import Foundation
import XCTest
@testable import Tensors

/// The worker pool under churn: jobs of changing width, and two threads asking at once (one
/// of them runs its parts itself). Every part of every job must run exactly once.
final class PoolTests: XCTestCase {
    func testEveryPartRunsOnceUnderChangingWidthsAndTwoCallers() {
        let rounds = 2000
        @Sendable func hammer(seed: Int) -> Bool {
            var ok = true
            for round in 0..<rounds {
                let parts = 1 + (round * 7 + seed) % 6
                var hits = [Int](repeating: 0, count: parts)
                hits.withUnsafeMutableBufferPointer { hits in
                    let base = hits.baseAddress!
                    Parallel.run(parts: parts) { k in base[k] += 1 }
                }
                ok = ok && hits.allSatisfy { $0 == 1 }
            }
            return ok
        }
        let other = Outcome()
        let done = DispatchSemaphore(value: 0)
        Thread { other.passed = hammer(seed: 3); done.signal() }.start()
        XCTAssertTrue(hammer(seed: 0))
        done.wait()
        XCTAssertTrue(other.passed)
    }
}

/// The other thread's verdict (the semaphore orders the write before the read).
private final class Outcome: @unchecked Sendable {
    var passed = false
}
