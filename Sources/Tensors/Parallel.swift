import CKernels
import Foundation

/// Work split between the machine's cores on the one pool of workers in `workers.c`. Handing a
/// part to a worker costs a microsecond or so (some more when it has gone to sleep), so only
/// work of some size is split.
public enum Parallel {
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Elements of exp/log work a part must have before such a pass is split (some 5 µs).
    static let elementwiseMinimum = 8192

    /// Runs `body(k)` for k in 0..<parts, concurrently, and returns when all are done.
    static func run(parts: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var job = body
            withUnsafeMutablePointer(to: &job) { pointer in
                aelab_run_parts(parts, { context, k in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(k)
                }, pointer)
            }
        }
    }

    /// Part k of 0..<extent cut into `parts` pieces, each but the first starting on a multiple
    /// of 16 (a cache line of floats), so that no two threads write to one line.
    static func range(_ k: Int, of extent: Int, parts: Int) -> Range<Int> {
        let step = (extent / parts + 15) & ~15
        let start = min(extent, k * step)
        return start..<(k == parts - 1 ? extent : min(extent, start + step))
    }

    /// Calls `body` with disjoint ranges that together cover 0..<count, concurrently when
    /// `count` is at least `2·minimum`.
    public static func chunks(_ count: Int, minimum: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
        let parts = min(cores, count / max(minimum, 1))
        guard parts > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        run(parts: parts) { k in
            let r = range(k, of: count, parts: parts)
            if !r.isEmpty { body(r) }
        }
    }
}
