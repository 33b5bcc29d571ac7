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
    /// of `alignment` (16 floats make a cache line, so that no two threads write to one line).
    static func range(_ k: Int, of extent: Int, parts: Int, alignment: Int = 16) -> Range<Int> {
        let step = (extent + parts - 1) / parts
        let aligned = (step + alignment - 1) / alignment * alignment
        let start = min(extent, k * aligned)
        return start..<(k == parts - 1 ? extent : min(extent, start + aligned))
    }

    /// How many parts to cut 0..<extent into (whole examples of a batch, say) so that each has
    /// at least `minimumWork` of the `work` (multiply-adds, or elements touched): 1 = don't split.
    static func parts(_ extent: Int, work: Int, minimumWork: Int = 1 << 17) -> Int {
        max(1, min(cores, extent, work / max(minimumWork, 1)))
    }

    /// Calls `body` with the parts of 0..<extent that `parts(_:work:minimumWork:)` chooses,
    /// concurrently; each part but the first starts on a multiple of `alignment`.
    static func split(_ extent: Int, work: Int, minimumWork: Int = 1 << 17, alignment: Int = 1, _ body: (Range<Int>) -> Void) {
        let parts = parts(extent, work: work, minimumWork: minimumWork)
        guard parts > 1 else {
            if extent > 0 { body(0..<extent) }
            return
        }
        run(parts: parts) { k in
            let r = range(k, of: extent, parts: parts, alignment: alignment)
            if !r.isEmpty { body(r) }
        }
    }

    /// Calls `body` with disjoint ranges of floats that together cover 0..<count, cache-line
    /// aligned, concurrently when `count` is at least `2·minimum`.
    public static func chunks(_ count: Int, minimum: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
        split(count, work: count, minimumWork: minimum, alignment: 16, body)
    }
}
