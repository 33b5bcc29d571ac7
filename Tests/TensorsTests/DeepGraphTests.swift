import Foundation
import XCTest
@testable import Tensors

/// Graphs far deeper than the stack: building, differentiating and dropping them must not recurse
/// once per op (a long unrolled sequence makes such chains).
final class DeepGraphTests: XCTestCase {
    private static let depth = 200_000

    func testDroppingAChainOf200000OpsDoesNotOverflowASmallStack() {
        let value = onSmallStack { () -> Float in
            let x = Tensor.parameter([1], name: "x") { p, _ in p[0] = 0 }
            var y = x
            for _ in 0..<Self.depth { y = y + 1 }
            return y.item
            // y, and with it the whole chain, is released here on the 512 KB stack.
        }
        XCTAssertEqual(value, Float(Self.depth))
    }

    func testBackwardThroughAChainOf200000Ops() {
        // y = x + x + … + x (200,001 terms) ⇒ y = 200,001·x and dy/dx = 200,001, both exact in Float.
        let (value, gradient) = onSmallStack { () -> (Float, Float?) in
            let x = Tensor.parameter([1], name: "x") { p, _ in p[0] = 0.5 }
            var y = x
            for _ in 0..<Self.depth { y = y + x }
            y.backward()
            return (y.item, x.gradScalars?.first)
        }
        XCTAssertEqual(value, 0.5 * Float(Self.depth + 1))
        XCTAssertEqual(gradient, Float(Self.depth + 1))
    }

    func testAGraphStillHeldElsewhereSurvivesItsChildBeingDropped() {
        let x = Tensor.parameter([2], name: "x") { p, _ in p[0] = 1; p[1] = 2 }
        let kept = x * 3
        do {
            let child = (kept + 1).sigmoid()
            _ = child
        }
        // `kept` still links to x and can be differentiated after its child went.
        kept.sum().backward()
        XCTAssertEqual(x.gradScalars, [3, 3])
    }

    /// Runs `body` on a thread with a 512 KB stack (what a secondary thread gets by default) and
    /// waits for its result: recursion one frame per op would overflow it long before 200,000.
    private func onSmallStack<T>(_ body: @escaping () -> T) -> T {
        let box = Box<T>()
        box.body = body
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = box.body!()
            box.body = nil
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        return box.value!
    }
}

/// Hands a closure to another thread and its result back (the semaphore orders the accesses).
private final class Box<T>: @unchecked Sendable {
    var value: T?
    var body: (() -> T)?
}
